"""Reads of accounts, always scoped to the caller."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from nqi_service.roles import annotate_roles, caller_of
from service_stations.models import StationMembership

User = get_user_model()


def users_visible_to(user) -> QuerySet:
    """Return the logins ``user`` may manage: all for administrators, none otherwise."""
    if not caller_of(user).is_admin:
        return User.objects.none()
    memberships = StationMembership.objects.order_by("station_id")
    return annotate_roles(
        User.objects.prefetch_related(Prefetch("station_memberships", queryset=memberships))
    ).order_by("id")


def user_profile(*, user) -> dict:
    """Return who ``user`` is: roles, enterprises, stations, expert record, region."""
    caller = caller_of(user)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "roles": list(caller.roles),
        "enterprise_ids": sorted(
            user.enterprise_memberships.values_list("enterprise_id", flat=True)
        ),
        "station_ids": sorted(user.station_memberships.values_list("station_id", flat=True)),
        "expert_id": caller.expert_id,
        "region_code": caller.region_prefix,
    }
