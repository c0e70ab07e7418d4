"""Who may change the pool and act on bookings."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from instruments import selectors
from nqi_service import roles
from nqi_service.api.permissions import ManagersWrite
from nqi_service.roles import caller_of


class PoolPermission(ManagersWrite):
    """Anyone logged in reads; administrators and managers of the lab's station write."""

    message = _("Only administrators and the lab's station managers change the pool.")

    def may_manage(self, user, obj) -> bool:
        return selectors.may_manage_lab(user, getattr(obj, "lab", obj))


class IsLabStaff(BasePermission):
    """The caller works at the station of the instrument's lab (or runs the network)."""

    message = _("Only the lab's staff manage its maintenance blocks.")

    def has_object_permission(self, request, view, obj):
        return selectors.is_lab_staff(request.user, obj.lab)


class IsEnterpriseMember(BasePermission):
    """Only staff of an enterprise book instruments."""

    message = _("Only staff of an enterprise can book instruments.")

    def has_permission(self, request, view):
        return caller_of(request.user).has_any(roles.ENTERPRISE)


class MayActOnBooking(BasePermission):
    """The caller is a party the transition table allows to take the view's action."""

    message = _("You may not take this action on this booking.")

    def has_object_permission(self, request, view, obj):
        return selectors.may_act(request.user, obj, view.action)
