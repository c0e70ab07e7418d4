"""Permission classes shared by the apps' endpoints."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from nqi_service import roles
from nqi_service.roles import caller_of


class ManagersWrite(BasePermission):
    """Anyone logged in reads; administrators and station managers write, each object only
    when ``may_manage`` says the caller manages it."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return caller_of(request.user).has_any(roles.ADMIN, roles.STATION_MANAGER)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return self.may_manage(request.user, obj)

    def may_manage(self, user, obj) -> bool:
        raise NotImplementedError
