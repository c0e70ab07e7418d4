"""Keep the statistics' roll-ups equal to sums over the raw rows.

Each request has one ``TicketTally``: the key and measures it was last counted
under. Recounting a request reads its current row and, when the tally changed,
moves its contribution from the old key to the new one in one transaction with
the request row locked, so running it twice changes nothing. Roll-up rows are
always sums over the tallies; ``ROLLUPS`` says, once, how a tally maps onto them,
for the incremental path and for the bulk rebuild alike.
"""

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, models, transaction
from django.db.models import Count, Min, Q

from requests_app.choices import EventAction, Status
from requests_app.models import Ticket, TicketEvent
from stats.models import (
    EnterpriseDay,
    EnterpriseReach,
    Grain,
    ReachCell,
    ResolveHours,
    StatsCell,
    StatsState,
    TicketTally,
)

# The statistics count calendar days in China, whatever the server's zone (API.md).
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
ALL_TIME = datetime.date(1970, 1, 1)  # the period of every all-time row
ANY_STATION = 0  # the station of all-time rows that count every station
ANY_CATEGORY = ""  # the category of all-time histogram rows that count every category
RESOLVED_STATUSES = (Status.RESOLVED, Status.CLOSED)
HIGH_UTILISATION_PERCENT = 60
LOW_RATING = 2
CHUNK = 5_000
UPSERT_ROWS = 500
STATE_ID = 1


@dataclass(frozen=True)
class Fixed:
    """A constant key value of a roll-up level (the all-time period, any station)."""

    value: object


@dataclass(frozen=True, eq=False)
class Rollup:
    """How a tally maps onto one roll-up table.

    ``levels`` map each key column to a tally attribute or a ``Fixed`` value (a
    request adds to one row per level); ``measures`` map each measure column to
    the tally attribute it sums, ``None`` counting requests; a request counts
    only when its ``needs`` attribute is not null.
    """

    model: type[models.Model]
    levels: tuple[dict[str, str | Fixed], ...]
    measures: dict[str, str | None]
    needs: str | None = None

    @property
    def key_columns(self) -> tuple[str, ...]:
        return tuple(self.levels[0])


def _per_grain(**key: str) -> tuple[dict[str, str | Fixed], ...]:
    return tuple(
        {"grain": Fixed(grain), "period": period, **key}
        for grain, period in (
            (Grain.DAY, "day"),
            (Grain.MONTH, "month"),
            (Grain.ALL, Fixed(ALL_TIME)),
        )
    )


_CELL = {"station_id": "station_id", "category": "category", "region": "region"}
_ENTERPRISE = {
    "region": "region",
    "enterprise_id": "enterprise_id",
    "has_lab": "has_lab",
    "in_standard_setting": "in_standard_setting",
    "high_utilisation": "high_utilisation",
}
CELLS = Rollup(
    StatsCell,
    _per_grain(**_CELL, status="status", channel="channel"),
    {
        "received": None,
        "losses": "losses",
        "rating_sum": "rating_sum",
        "rated": "rated",
        "low_rated": "low_rated",
        "on_time": "on_time",
        "assigned": "assigned",
        "assign_seconds": "assign_seconds",
        "reopened": "reopened",
    },
)
# All-time histogram rows also exist for any station and any category, so that a
# median over a whole scope reads one row per region and hour, however many stations.
HOURS = Rollup(
    ResolveHours,
    _per_grain(**_CELL, hours="resolve_hours")[:2]
    + tuple(
        {
            "grain": Fixed(Grain.ALL),
            "period": Fixed(ALL_TIME),
            "station_id": station,
            "category": category,
            "region": "region",
            "hours": "resolve_hours",
        }
        for station in ("station_id", Fixed(ANY_STATION))
        for category in ("category", Fixed(ANY_CATEGORY))
    ),
    {"resolved": None},
    needs="resolve_hours",
)
ENTERPRISE_DAYS = Rollup(
    EnterpriseDay,
    ({"day": "day", "station_id": "station_id", "category": "category", **_ENTERPRISE},),
    {"requests": None},
)
REACH = Rollup(
    EnterpriseReach,
    (
        {"station_id": "station_id", **_ENTERPRISE},
        {"station_id": Fixed(ANY_STATION), **_ENTERPRISE},
    ),
    {"requests": None},
)
ROLLUPS = (CELLS, HOURS, ENTERPRISE_DAYS, REACH)
TALLY_FIELDS = tuple(f.attname for f in TicketTally._meta.concrete_fields)


# Tallies: what a request contributes, read from its current rows.


def compute_tallies(ticket_ids: Iterable[int]) -> dict[int, TicketTally]:
    """Return the tally of each existing request among ``ticket_ids``, from its raw rows."""
    ids = list(ticket_ids)
    trails = {
        row["ticket_id"]: row
        for row in TicketEvent.objects.filter(
            ticket_id__in=ids, action__in=[EventAction.ASSIGN, EventAction.REOPEN]
        )
        .values("ticket_id")
        .annotate(
            first_assign=Min("created_at", filter=Q(action=EventAction.ASSIGN)),
            reopens=Count("id", filter=Q(action=EventAction.REOPEN)),
        )
        .order_by()
    }
    rows = Ticket.objects.filter(id__in=ids).values(
        "id",
        "enterprise_id",
        "enterprise__region_code",
        "enterprise__has_lab",
        "enterprise__in_standard_setting",
        "enterprise__equipment_utilisation",
        "station_id",
        "category",
        "status",
        "channel",
        "created_at",
        "due_at",
        "resolved_at",
        "losses_avoided",
        "rating",
    )
    return {row["id"]: _tally(row, trails.get(row["id"], {})) for row in rows}


def _tally(row: dict, trail: dict) -> TicketTally:
    filed = row["created_at"]
    day = filed.astimezone(SHANGHAI).date()
    resolved_at = row["resolved_at"] if row["status"] in RESOLVED_STATUSES else None
    rating = row["rating"]
    first_assign = trail.get("first_assign")
    utilisation = row["enterprise__equipment_utilisation"]
    return TicketTally(
        ticket_id=row["id"],
        enterprise_id=row["enterprise_id"],
        region=row["enterprise__region_code"],
        has_lab=row["enterprise__has_lab"],
        in_standard_setting=row["enterprise__in_standard_setting"],
        high_utilisation=utilisation is not None and utilisation >= HIGH_UTILISATION_PERCENT,
        station_id=row["station_id"],
        category=row["category"],
        status=row["status"],
        channel=row["channel"],
        day=day,
        month=day.replace(day=1),
        resolve_hours=(
            None if resolved_at is None else (resolved_at - filed) // datetime.timedelta(hours=1)
        ),
        losses=row["losses_avoided"] or Decimal("0.00"),
        rating_sum=rating or 0,
        rated=int(rating is not None),
        low_rated=int(rating is not None and rating <= LOW_RATING),
        on_time=int(resolved_at is not None and resolved_at <= row["due_at"]),
        assigned=int(first_assign is not None),
        assign_seconds=(
            0 if first_assign is None else (first_assign - filed) // datetime.timedelta(seconds=1)
        ),
        reopened=int(bool(trail.get("reopens"))),
    )


def _same(a: TicketTally | None, b: TicketTally | None) -> bool:
    if a is None or b is None:
        return a is b
    return all(getattr(a, name) == getattr(b, name) for name in TALLY_FIELDS)


# Deltas: contributions moved between keys, applied as upserts.


def _contributions(tally: TicketTally) -> Iterator[tuple[Rollup, tuple, tuple]]:
    for rollup in ROLLUPS:
        if rollup.needs and getattr(tally, rollup.needs) is None:
            continue
        vector = tuple(
            1 if source is None else getattr(tally, source) for source in rollup.measures.values()
        )
        for level in rollup.levels:
            key = tuple(
                source.value if isinstance(source, Fixed) else getattr(tally, source)
                for source in level.values()
            )
            yield rollup, key, vector


class Deltas:
    """Changes to roll-up rows, summed per key before anything is written."""

    def __init__(self):
        self.changes: dict[Rollup, dict[tuple, list]] = defaultdict(dict)

    def add(self, tally: TicketTally, sign: int) -> None:
        for rollup, key, vector in _contributions(tally):
            total = self.changes[rollup].setdefault(key, [0] * len(vector))
            for index, value in enumerate(vector):
                total[index] += sign * value

    def apply(self) -> None:
        for rollup in ROLLUPS:
            rows = sorted(
                (key, vector) for key, vector in self.changes.get(rollup, {}).items() if any(vector)
            )
            if rollup is REACH:
                _apply_reach(rows)
            else:
                _upsert(rollup.model, rollup.key_columns, tuple(rollup.measures), rows)


def _apply_reach(rows: list[tuple[tuple, list]]) -> None:
    """Upsert reach rows one by one, counting enterprises that start or stop being reached."""
    columns = REACH.key_columns
    cells: dict[tuple, list] = defaultdict(lambda: [0, 0, 0, 0])
    for key, (delta,) in rows:
        (after,) = _upsert(REACH.model, columns, ("requests",), [(key, [delta])], returning=True)
        before = after - delta
        if (before > 0) == (after > 0):
            continue
        sign = 1 if after > 0 else -1
        values = dict(zip(columns, key, strict=True))
        cell = cells[(values["station_id"], values["region"])]
        for index, flag in enumerate(
            (True, values["has_lab"], values["in_standard_setting"], values["high_utilisation"])
        ):
            cell[index] += sign * int(flag)
    _upsert(
        ReachCell,
        ("station_id", "region"),
        ("enterprises", "with_lab", "in_standard_setting", "high_utilisation"),
        sorted((key, vector) for key, vector in cells.items() if any(vector)),
    )


def _upsert(model, key_columns, measure_columns, rows, *, returning=False):
    """Add ``rows`` of (key, measures) to ``model``'s rows, inserting missing keys.

    With ``returning``, ``rows`` holds one row and its new first measure is returned.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = [model._meta.get_field(name) for name in (*key_columns, *measure_columns)]
    measures = [quote(model._meta.get_field(name).column) for name in measure_columns]
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql_tail = (
        f" ON CONFLICT ({', '.join(quote(f.column) for f in fields[: len(key_columns)])})"
        f" DO UPDATE SET {', '.join(f'{m} = {table}.{m} + excluded.{m}' for m in measures)}"
    )
    if returning:
        sql_tail += f" RETURNING {measures[0]}"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            params = [
                field.get_db_prep_value(value, connection)
                for key, vector in chunk
                for field, value in zip(fields, (*key, *vector), strict=True)
            ]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(quote(f.column) for f in fields)}) "
                f"VALUES {', '.join([placeholder] * len(chunk))}{sql_tail}",
                params,
            )
            if returning:
                return cursor.fetchone()
    return None


# The three ways of bringing tallies back to the raw rows.


def recount(ticket_ids: Iterable[int]) -> list[int]:
    """Recount these requests from their current rows; return the ids whose tally moved.

    Requests that no longer exist lose their contribution.
    """
    ids = sorted(set(ticket_ids))
    with transaction.atomic():
        list(Ticket.objects.select_for_update().filter(id__in=ids).order_by("id").values("id"))
        stored = TicketTally.objects.select_for_update().in_bulk(ids)
        fresh = compute_tallies(ids)
        moved = [i for i in ids if not _same(stored.get(i), fresh.get(i))]
        deltas = Deltas()
        for ticket_id in moved:
            if ticket_id in stored:
                deltas.add(stored[ticket_id], -1)
            if ticket_id in fresh:
                deltas.add(fresh[ticket_id], +1)
        deltas.apply()
        TicketTally.objects.filter(ticket_id__in=moved).delete()
        TicketTally.objects.bulk_create([fresh[i] for i in moved if i in fresh])
    return moved


def recount_enterprise(enterprise_id: int) -> int:
    """Recount the enterprise's requests, ``CHUNK`` at a time; return how many moved."""
    ids = list(
        Ticket.objects.filter(enterprise_id=enterprise_id)
        .order_by("id")
        .values_list("id", flat=True)
    )
    return sum(len(recount(ids[start : start + CHUNK])) for start in range(0, len(ids), CHUNK))


def state() -> StatsState:
    return StatsState.objects.get_or_create(pk=STATE_ID)[0]
