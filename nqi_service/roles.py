"""Who a user is in the network: the roles of API.md, derived from memberships."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

ENTERPRISE = "enterprise"
STATION_STAFF = "station_staff"
STATION_MANAGER = "station_manager"
EXPERT = "expert"
SUPERVISOR = "supervisor"
ADMIN = "admin"


def roles_of(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    """Return the role codes ``user`` holds, in a stable order."""
    if not user.is_authenticated:
        return []
    roles = []
    if user.enterprise_memberships.exists():
        roles.append(ENTERPRISE)
    station_roles = set(user.station_memberships.values_list("role", flat=True))
    roles.extend(role for role in (STATION_STAFF, STATION_MANAGER) if role in station_roles)
    if hasattr(user, "expert"):
        roles.append(EXPERT)
    if hasattr(user, "supervisor_scope"):
        roles.append(SUPERVISOR)
    if user.is_superuser:
        roles.append(ADMIN)
    return roles
