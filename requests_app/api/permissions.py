"""Who may file and act on requests, and how often they may file."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from nqi_service import roles
from nqi_service.api.throttles import UserRateThrottle
from nqi_service.roles import caller_of
from requests_app.selectors import may_act


class IsEnterpriseMember(BasePermission):
    """Only staff of an enterprise file requests."""

    message = _("Only staff of an enterprise can file requests.")

    def has_permission(self, request, view):
        return caller_of(request.user).has_any(roles.ENTERPRISE)


class MayTakeAction(BasePermission):
    """The caller is a party the transition table allows to take the view's action."""

    message = _("You may not take this action on this request.")

    def has_object_permission(self, request, view, obj):
        return may_act(request.user, obj, view.action)


class FilingThrottle(UserRateThrottle):
    """At most ``THROTTLE_FILING`` filings per user."""

    scope = "filing"
