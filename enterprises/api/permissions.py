"""Who may act on an enterprise they can see."""

from rest_framework import permissions

from enterprises.choices import MemberRole
from enterprises.selectors import membership_role
from enterprises.services.personal_data import is_member
from nqi_service import roles
from nqi_service.api.throttles import UserRateThrottle
from nqi_service.roles import caller_of
from service_stations.reach import serves


def is_member_action(view, request) -> bool:
    """Return whether any member may do this: edit the profile, list colleagues."""
    if view.action == "members":
        return request.method in permissions.SAFE_METHODS
    return view.action in {"update", "partial_update", "capability"}


class EnterprisePermission(permissions.BasePermission):
    """Members edit their enterprise, list colleagues and export its data; owners
    invite and remove colleagues; station staff verify; administrators do
    everything but the export, which is the enterprise's own.

    Station staff and managers record firms without a login, reissue their
    claim codes and record their capability profile (e.g. after a visit), for
    the region their station serves; whoever sees an enterprise reads that
    profile. Who may see the contact in clear is ``enterprises.services.personal_data``'s rule.
    """

    def has_permission(self, request, view):
        if view.action == "create":
            caller = caller_of(request.user)
            return caller.is_admin or caller.has_any(roles.STATION_STAFF, roles.STATION_MANAGER)
        return True

    def has_object_permission(self, request, view, obj):
        if view.action in {"retrieve", "contact"}:
            return True
        if view.action == "capability" and request.method in permissions.SAFE_METHODS:
            return True
        if view.action == "export":
            return is_member(request.user, enterprise_id=obj.pk)
        caller = caller_of(request.user)
        if caller.is_admin:
            return True
        if view.action == "verify":
            return caller.has_any(roles.STATION_STAFF, roles.STATION_MANAGER)
        if view.action == "claim_code":
            return serves(caller.station_ids, obj.region_code)
        if view.action == "capability" and serves(caller.station_ids, obj.region_code):
            return True
        role = membership_role(enterprise=obj, user=request.user)
        if is_member_action(view, request):
            return role is not None
        return role == MemberRole.OWNER


class ExportThrottle(UserRateThrottle):
    """Data exports read everything an enterprise has: a few per hour are plenty."""

    scope = "export"
