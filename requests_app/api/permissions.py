"""Who may file and act on requests, and how often they may file."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from nqi_service import roles
from nqi_service.api.throttles import UserRateThrottle
from nqi_service.roles import caller_of
from requests_app.selectors import may_act

FILERS = (roles.ENTERPRISE, roles.STATION_STAFF, roles.STATION_MANAGER)


class MayFile(BasePermission):
    """Enterprises file their own requests; station staff and managers file for them."""

    message = _("Only enterprises and station staff can file requests.")

    def has_permission(self, request, view):
        return caller_of(request.user).has_any(*FILERS)


def files_as_staff(user, body) -> bool:
    """Return whether ``user`` files this ``body`` as station staff, not as an enterprise.

    Someone both at a station and in an enterprise files for their own
    enterprise when the body names no staff channel.
    """
    caller = caller_of(user)
    if not caller.has_any(roles.STATION_STAFF, roles.STATION_MANAGER):
        return False
    channel = body.get("channel") if hasattr(body, "get") else None
    return not caller.has_any(roles.ENTERPRISE) or channel not in (None, "online")


class MayTakeAction(BasePermission):
    """The caller is a party the transition table allows to take the view's action."""

    message = _("You may not take this action on this request.")

    def has_object_permission(self, request, view, obj):
        return may_act(request.user, obj, view.action)


class FilingThrottle(UserRateThrottle):
    """At most ``THROTTLE_FILING`` filings per user."""

    scope = "filing"
