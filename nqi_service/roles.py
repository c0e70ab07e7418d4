"""Who a user is in the network: the roles of API.md, derived from memberships.

Every API request needs its caller, so the caller is one SQL statement: the
role of each kind of membership and the ids of the caller's stations and
enterprises are subselects written once here (``_caller_columns``), read
either with the user row of an authentication token (``token_with_caller``)
or as annotations of a list of users (``annotate_roles``). Written as SQL
because compiling the same subqueries through the ORM cost more than the
rest of a request.
"""

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.db.models import BooleanField, CharField, IntegerField, QuerySet, TextField
from django.db.models.expressions import RawSQL

from nqi_service.sql import table

ENTERPRISE = "enterprise"
STATION_STAFF = "station_staff"
STATION_MANAGER = "station_manager"
EXPERT = "expert"
SUPERVISOR = "supervisor"
ADMIN = "admin"

# How each database joins the values of a column into one comma-separated string.
_STRING_AGGREGATE = {"postgresql": "STRING_AGG", "sqlite": "GROUP_CONCAT"}


def _caller_columns(user_id: str) -> dict[str, tuple[str, list, type]]:
    """Return ``name: (sql, params, field class)`` of each caller column of ``user_id``.

    ``user_id`` is the SQL of the user's id in the outer query.
    """
    from enterprises.models import EnterpriseMembership
    from service_stations.models import Expert, StationMembership, SupervisorScope

    enterprises = table(EnterpriseMembership)
    stations = table(StationMembership)
    joined = _STRING_AGGREGATE[connection.vendor]
    station_role = (
        f"EXISTS (SELECT 1 FROM {stations} m WHERE m.user_id = {user_id} AND m.role = %s)"
    )
    return {
        "is_enterprise_member": (
            f"EXISTS (SELECT 1 FROM {enterprises} m WHERE m.user_id = {user_id})",
            [],
            BooleanField,
        ),
        "is_station_staff": (station_role, [STATION_STAFF], BooleanField),
        "is_station_manager": (station_role, [STATION_MANAGER], BooleanField),
        "expert_pk": (
            f"(SELECT e.id FROM {table(Expert)} e WHERE e.user_id = {user_id} LIMIT 1)",
            [],
            IntegerField,
        ),
        "supervised_region": (
            f"(SELECT s.region_prefix FROM {table(SupervisorScope)} s"
            f" WHERE s.user_id = {user_id} LIMIT 1)",
            [],
            CharField,
        ),
        "station_id_list": (
            f"(SELECT {joined}(CAST(m.station_id AS TEXT), ',') FROM {stations} m"
            f" WHERE m.user_id = {user_id})",
            [],
            TextField,
        ),
        "enterprise_id_list": (
            f"(SELECT {joined}(CAST(m.enterprise_id AS TEXT), ',') FROM {enterprises} m"
            f" WHERE m.user_id = {user_id})",
            [],
            TextField,
        ),
    }


def _user_id_column() -> str:
    users = get_user_model()
    return f"{table(users)}.{connection.ops.quote_name(users._meta.pk.column)}"


def annotate_roles(users: QuerySet) -> QuerySet:
    """Annotate ``users`` with what ``Caller.from_annotated`` needs, in the same query."""
    return users.annotate(
        **{
            name: RawSQL(sql, params, output_field=field())
            for name, (sql, params, field) in _caller_columns(_user_id_column()).items()
        }
    )


@functools.cache
def _token_statement() -> tuple[str, list]:
    """Return the SQL and leading parameters of ``token_with_caller``, built once a process."""
    from rest_framework.authtoken.models import Token

    users = get_user_model()
    user_table = table(users)
    tokens = table(Token)
    columns = _caller_columns(_user_id_column())
    sql = (
        f"SELECT {user_table}.*, {tokens}.created AS token_created, "
        + ", ".join(f"{sql} AS {name}" for name, (sql, _params, _field) in columns.items())
        + f" FROM {user_table} JOIN {tokens} ON {tokens}.user_id = {_user_id_column()}"
        f" WHERE {tokens}.{connection.ops.quote_name('key')} = %s"
    )
    return sql, [param for _sql, params, _field in columns.values() for param in params]


def token_with_caller(key: str):
    """Return the token ``key`` with its user, the user's caller loaded; None if unknown.

    One query, for authentication (``nqi_service.api.authentication``).
    """
    from rest_framework.authtoken.models import Token

    sql, params = _token_statement()
    user = next(iter(get_user_model().objects.raw(sql, [*params, key])), None)
    if user is None:
        return None
    user._nqi_caller = Caller.from_annotated(user)
    return Token(key=key, user=user, created=user.token_created)


def _ids(joined: str | None) -> tuple[int, ...]:
    return tuple(sorted(int(pk) for pk in joined.split(","))) if joined else ()


@dataclass(frozen=True)
class Caller:
    """The roles a user holds, with the records and region that go with them."""

    roles: tuple[str, ...] = ()
    expert_id: int | None = None
    region_prefix: str | None = None
    station_ids: tuple[int, ...] = ()
    enterprise_ids: tuple[int, ...] = ()

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
            station_ids=_ids(user.station_id_list),
            enterprise_ids=_ids(user.enterprise_id_list),
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
