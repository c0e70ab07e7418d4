"""Who may manage logins."""

from rest_framework import permissions

from nqi_service.roles import caller_of


class IsNetworkAdmin(permissions.BasePermission):
    """Administrators (Django superusers) only."""

    def has_permission(self, request, view):
        return caller_of(request.user).is_admin
