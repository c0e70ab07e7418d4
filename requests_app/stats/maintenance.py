"""The periodic work that keeps the roll-ups current: the event sweep and the reconciliation."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from requests_app.models import Ticket, TicketEvent
from requests_app.stats.models import (
    EnterpriseDay,
    EnterpriseReach,
    ReachCell,
    Reconciliation,
    ResolveHours,
    StatsCell,
    StatsState,
    TicketTally,
)
from requests_app.stats.rollups import CHUNK, STATE_ID, recount, state

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
