"""Who may file and act on requests, and how often they may file."""

import logging

import redis
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.throttling import UserRateThrottle

from requests_app.selectors import enterprises_of, may_act

logger = logging.getLogger(__name__)


class IsEnterpriseMember(BasePermission):
    """Only staff of an enterprise file requests."""

    message = _("Only staff of an enterprise can file requests.")

    def has_permission(self, request, view):
        return enterprises_of(request.user).exists()


class MayTakeAction(BasePermission):
    """The caller is a party the transition table allows to take the view's action."""

    message = _("You may not take this action on this request.")

    def has_object_permission(self, request, view, obj):
        return may_act(request.user, obj, view.action)


class FilingThrottle(UserRateThrottle):
    """At most ``THROTTLE_FILING`` filings per user, counted in the cache (Redis).

    While the cache is down filings go through uncounted: losing an
    enterprise's request is worse than letting a few extra ones in, and the
    outage shows in ``/healthz``.
    """

    scope = "filing"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except redis.RedisError:
            logger.warning("Cache unavailable; filing is not throttled meanwhile.")
            return True
