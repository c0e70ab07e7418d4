"""Who may change the catalogue."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from catalogue.selectors import may_manage_service
from nqi_service import roles
from nqi_service.roles import caller_of


class CataloguePermission(BasePermission):
    """Anyone logged in reads; administrators and station managers write, a manager only
    the services of the stations they manage."""

    message = _(
        "Only administrators and the managers of the stations offering it change a service."
    )

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return caller_of(request.user).has_any(roles.ADMIN, roles.STATION_MANAGER)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return may_manage_service(request.user, obj)
