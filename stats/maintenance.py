"""The work that keeps the roll-ups current: the event sweep, the reconciliation, the rebuild."""

import datetime
from collections.abc import Iterator

from django.db import connection, transaction
from django.db.models import Count, F, Max, Q, Sum, Value
from django.utils import timezone

from requests_app.models import Ticket, TicketEvent
from stats.models import (
    EnterpriseDay,
    EnterpriseReach,
    ReachCell,
    Reconciliation,
    ResolveHours,
    StatsCell,
    StatsState,
    TicketTally,
)
from stats.rollups import (
    CHUNK,
    ROLLUPS,
    STATE_ID,
    Fixed,
    Rollup,
    compute_tallies,
    recount,
    state,
)

SWEEP_BATCH = 2_000
# Event ids are taken before their transaction commits, so an event may become
# visible after a later one; the watermark passes an event only once it is this
# old, and newer events are simply read again by the next sweep (recounting is
# idempotent). A transaction open longer than this is caught by the reconciliation.
SETTLE = datetime.timedelta(minutes=5)
CORRECTED_IDS_KEPT = 100


def sweep(*, batch: int = SWEEP_BATCH) -> int:
    """Recount every request named by an event after the watermark; return how many moved.

    Marks the roll-ups as of the moment the sweep started.
    """
    started = timezone.now()
    position = state().event_watermark
    moved = 0
    while True:
        with transaction.atomic():
            current = StatsState.objects.select_for_update().get(pk=STATE_ID)
            events = list(
                TicketEvent.objects.filter(id__gt=max(position, current.event_watermark))
                .order_by("id")
                .values_list("id", "ticket_id", "created_at")[:batch]
            )
            if not events:
                current.as_of = started
                current.save(update_fields=["as_of"])
                return moved
            moved += len(recount({ticket_id for _id, ticket_id, _at in events}))
            position = events[-1][0]
            settled = current.event_watermark
            for event_id, _ticket_id, created_at in events:
                if created_at > started - SETTLE:
                    break
                settled = event_id
            if settled != current.event_watermark:
                current.event_watermark = settled
                current.save(update_fields=["event_watermark"])


def reconcile() -> Reconciliation:
    """Recount every request from its raw rows, record the drift corrected, drop empty rows."""
    started = timezone.now()
    last = max(
        Ticket.objects.aggregate(last=Max("id"))["last"] or 0,
        TicketTally.objects.aggregate(last=Max("ticket_id"))["last"] or 0,
    )
    checked = 0
    corrected: list[int] = []
    for low in range(0, last + 1, CHUNK):
        tickets = Ticket.objects.filter(id__gte=low, id__lt=low + CHUNK)
        tallies = TicketTally.objects.filter(ticket_id__gte=low, ticket_id__lt=low + CHUNK)
        ids = set(tickets.values_list("id", flat=True))
        ids |= set(tallies.values_list("ticket_id", flat=True))
        checked += len(ids)
        corrected += recount(ids)
    with transaction.atomic():
        StatsCell.objects.filter(received=0).delete()
        ResolveHours.objects.filter(resolved=0).delete()
        EnterpriseDay.objects.filter(requests=0).delete()
        EnterpriseReach.objects.filter(requests=0).delete()
        ReachCell.objects.filter(enterprises=0).delete()
        StatsState.objects.filter(pk=STATE_ID).update(as_of=started)
        return Reconciliation.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            tickets_checked=checked,
            tickets_corrected=len(corrected),
            corrected_ids=corrected[:CORRECTED_IDS_KEPT],
        )


def rebuild() -> int:
    """Replace every tally and roll-up with a fresh count of the raw rows; return the count.

    For data written around the services (``generate_load``'s COPY) or a new install;
    the nightly ``reconcile`` corrects drift without starting over.
    """
    started = timezone.now()
    with transaction.atomic():
        watermark = TicketEvent.objects.aggregate(last=Max("id"))["last"] or 0
        for model in (TicketTally, ReachCell, *(rollup.model for rollup in ROLLUPS)):
            model.objects.all()._raw_delete(connection.alias)
        counted = 0
        for ids in _id_chunks(Ticket.objects.all()):
            tallies = compute_tallies(ids)
            TicketTally.objects.bulk_create(tallies.values(), batch_size=CHUNK)
            counted += len(tallies)
        for rollup in ROLLUPS:
            for level in rollup.levels:
                _insert_from_tallies(rollup, level)
        _insert_reach_cells()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (TicketTally, ReachCell, *(rollup.model for rollup in ROLLUPS)):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        StatsState.objects.update_or_create(
            pk=STATE_ID, defaults={"event_watermark": watermark, "as_of": started}
        )
    return counted


def _id_chunks(queryset) -> Iterator[list[int]]:
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _insert_from_tallies(rollup: Rollup, level: dict[str, str | Fixed]) -> None:
    """Insert the sums of one level of ``rollup`` over all tallies (the table starts empty)."""
    model = rollup.model
    keys = {
        f"k{index}": (
            Value(source.value, output_field=model._meta.get_field(column))
            if isinstance(source, Fixed)
            else F(source)
        )
        for index, (column, source) in enumerate(level.items())
    }
    sums = {
        f"m{index}": Count("pk") if source is None else Sum(source)
        for index, source in enumerate(rollup.measures.values())
    }
    tallies = TicketTally.objects.all()
    if rollup.needs:
        tallies = tallies.filter(**{f"{rollup.needs}__isnull": False})
    select = tallies.annotate(**keys).values(*keys).annotate(**sums).values_list(*keys, *sums)
    _insert_select(model, (*level, *rollup.measures), select)


def _insert_reach_cells() -> None:
    reached = (
        EnterpriseReach.objects.filter(requests__gt=0)
        .values("station_id", "region")
        .annotate(
            n=Count("pk"),
            lab=Count("pk", filter=Q(has_lab=True)),
            standard=Count("pk", filter=Q(in_standard_setting=True)),
            high=Count("pk", filter=Q(high_utilisation=True)),
        )
        .values_list("station_id", "region", "n", "lab", "standard", "high")
    )
    columns = ("station_id", "region", "enterprises", "with_lab", "in_standard_setting")
    _insert_select(ReachCell, (*columns, "high_utilisation"), reached)


def _insert_select(model, columns, select) -> None:
    quote = connection.ops.quote_name
    sql, params = select.query.sql_with_params()
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({names}) {sql}", params)
