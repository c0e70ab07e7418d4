"""Who a user is in the network: the roles of API.md, derived from memberships."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet, Subquery

ENTERPRISE = "enterprise"
STATION_STAFF = "station_staff"
STATION_MANAGER = "station_manager"
EXPERT = "expert"
SUPERVISOR = "supervisor"
ADMIN = "admin"


def annotate_roles(users: QuerySet) -> QuerySet:
    """Annotate ``users`` with what ``Caller.from_annotated`` needs, in the same query."""
    from enterprises.models import EnterpriseMembership
    from service_stations.models import Expert, StationMembership, SupervisorScope

    station_roles = StationMembership.objects.filter(user=OuterRef("pk"))
    return users.annotate(
        is_enterprise_member=Exists(EnterpriseMembership.objects.filter(user=OuterRef("pk"))),
        is_station_staff=Exists(station_roles.filter(role=STATION_STAFF)),
        is_station_manager=Exists(station_roles.filter(role=STATION_MANAGER)),
        expert_pk=Subquery(Expert.objects.filter(user=OuterRef("pk")).values("pk")[:1]),
        supervised_region=Subquery(
            SupervisorScope.objects.filter(user=OuterRef("pk")).values("region_prefix")[:1]
        ),
    )


@dataclass(frozen=True)
class Caller:
    """The roles a user holds, with the expert record and region that go with them."""

    roles: tuple[str, ...] = ()
    expert_id: int | None = None
    region_prefix: str | None = None

    @classmethod
    def from_annotated(cls, user) -> "Caller":
        """Build the caller from a user row annotated by ``annotate_roles``."""
        flags = [
            (ENTERPRISE, user.is_enterprise_member),
            (STATION_STAFF, user.is_station_staff),
            (STATION_MANAGER, user.is_station_manager),
            (EXPERT, user.expert_pk is not None),
            (SUPERVISOR, user.supervised_region is not None),
            (ADMIN, user.is_superuser),
        ]
        return cls(
            roles=tuple(role for role, held in flags if held),
            expert_id=user.expert_pk,
            region_prefix=user.supervised_region,
        )

    def has_any(self, *roles: str) -> bool:
        """Return whether the caller holds at least one of ``roles``."""
        return any(role in self.roles for role in roles)

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles


def load_caller(user: AbstractBaseUser | AnonymousUser) -> Caller:
    """Return the caller ``user`` is now, in one query."""
    if not user.is_authenticated:
        return Caller()
    annotated = annotate_roles(get_user_model().objects.filter(pk=user.pk)).get()
    return Caller.from_annotated(annotated)


def caller_of(user: AbstractBaseUser | AnonymousUser) -> Caller:
    """Return the caller ``user`` is, loaded once per user object (one API request)."""
    cached = getattr(user, "_nqi_caller", None)
    if cached is None:
        cached = load_caller(user)
        if user.is_authenticated:
            user._nqi_caller = cached
    return cached


def roles_of(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    """Return the role codes ``user`` holds, in a stable order."""
    return list(load_caller(user).roles)
