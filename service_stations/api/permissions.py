"""Who may read and change the network."""

from rest_framework import permissions

from nqi_service import roles
from nqi_service.roles import caller_of
from service_stations.selectors import expert_is_managed_by

# Roles that may browse the expert roster; an expert may read their own record.
ROSTER_ROLES = (roles.STATION_STAFF, roles.STATION_MANAGER, roles.SUPERVISOR, roles.ADMIN)


class StationPermission(permissions.BasePermission):
    """Everyone logged in reads the network; administrators change it."""

    def has_permission(self, request, view):
        return view.action != "create" or caller_of(request.user).is_admin

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or caller_of(request.user).is_admin


class ExpertPermission(permissions.BasePermission):
    """Staff, managers, supervisors and administrators read the roster;
    administrators and the managers of an expert's stations change it."""

    def has_permission(self, request, view):
        caller = caller_of(request.user)
        if view.action == "create":
            return caller.has_any(roles.STATION_MANAGER, roles.ADMIN)
        if view.action == "list":
            return caller.has_any(*ROSTER_ROLES)
        return caller.has_any(*ROSTER_ROLES, roles.EXPERT)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS or caller_of(request.user).is_admin:
            return True
        return expert_is_managed_by(expert=obj, user=request.user)
