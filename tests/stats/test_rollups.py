"""The roll-ups follow the requests: recount, sweep, follow-up, reconciliation, rebuild."""

import datetime
import random
import statistics

import pytest
from django.db.models import F
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from requests_app.models import Ticket, TicketEvent
from requests_app.services.events import record_event
from requests_app.tasks import follow_up_event
from stats import rollups
from stats.figures import median_hours
from stats.maintenance import rebuild, reconcile, sweep
from stats.models import Grain, Reconciliation, TicketTally
from stats.scope import period_q
from tests.factories import TicketFactory
from tests.stats.data import assert_figures_equal, chosen, reference_figures


def tables() -> dict:
    """Every roll-up row that counts something, without ids."""
    models = [rollup.model for rollup in rollups.ROLLUPS] + [rollups.ReachCell, TicketTally]
    contents = {}
    for model in models:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        rows = model.objects.values_list(*fields)
        contents[model.__name__] = sorted(
            row for row in rows if any(row[-1:]) or model is TicketTally
        )
    return contents


def overview(api, user) -> dict:
    return api(user).get("/api/v1/stats/overview/").json()


def move(ticket: Ticket, status: str, **fields) -> None:
    """Change a request as the lifecycle would: the row and one event."""
    if status == "closed" and ticket.resolved_at is None:
        fields["resolved_at"] = timezone.now()
    TicketEvent.objects.create(
        ticket=ticket, action="triage", from_status=ticket.status, to_status=status
    )
    Ticket.objects.filter(pk=ticket.pk).update(status=status, **fields)


def test_recounting_twice_changes_nothing(counted):
    before = tables()
    assert rollups.recount(t.id for t in counted) == []
    assert tables() == before


def test_an_event_follow_up_delivered_twice_counts_the_change_once(api, admin_user, counted):
    ticket = next(t for t in counted if t.status == "submitted")
    move(ticket, "closed", rating=4)
    event = TicketEvent.objects.filter(ticket=ticket).latest("id")
    before = tables()
    follow_up_event.delay(event.pk, ticket.pk).get()
    once = tables()
    follow_up_event.delay(event.pk, ticket.pk).get()  # the duplicate finds nothing to move
    assert once != before
    assert tables() == once
    assert_figures_equal(overview(api, admin_user), reference_figures(chosen()))


def test_the_sweep_moves_changed_requests_to_their_new_keys(api, admin_user, counted):
    rng = random.Random(3)
    changed = rng.sample(counted, 40)
    for ticket in changed:
        move(ticket, rng.choice(["closed", "cancelled", "in_progress"]), rating=rng.randrange(1, 6))
    assert sweep() == 40
    assert sweep() == 0
    assert_figures_equal(overview(api, admin_user), reference_figures(chosen()))


def test_recording_an_event_recounts_its_request_on_commit(
    api, admin_user, counted, django_capture_on_commit_callbacks
):
    ticket = counted[0]
    Ticket.objects.filter(pk=ticket.pk).update(category="brand", status="rejected")
    ticket.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        record_event(ticket, action="reject", from_status="submitted", at=timezone.now())
    assert_figures_equal(overview(api, admin_user), reference_figures(chosen()))


def test_reconciliation_corrects_silent_changes_and_records_the_drift(
    api, admin_user, counted, network
):
    silent = [t.pk for t in counted if t.status == "submitted"][:2]
    Ticket.objects.filter(pk__in=silent).update(
        status="closed", rating=1, resolved_at=timezone.now()
    )
    enterprise = counted[3].enterprise
    enterprise.has_lab = not enterprise.has_lab
    enterprise.save()
    drifted = set(silent) | set(
        Ticket.objects.filter(enterprise=enterprise).values_list("pk", flat=True)
    )
    stale = overview(api, admin_user)
    assert stale["by_status"] != reference_figures(chosen())["by_status"]

    record = reconcile()

    assert record.tickets_checked == len(counted)
    assert record.tickets_corrected == len(drifted)
    assert set(record.corrected_ids) == drifted
    assert_figures_equal(overview(api, admin_user), reference_figures(chosen()))
    assert reconcile().tickets_corrected == 0
    assert Reconciliation.objects.count() == 2


def test_a_deleted_request_loses_its_count(counted):
    ticket = TicketFactory(enterprise=counted[0].enterprise, station=counted[0].station)
    rollups.recount([ticket.pk])
    received = sum(row.received for row in rollups.StatsCell.objects.filter(grain=Grain.ALL))
    ticket_id = ticket.pk
    ticket.delete()
    assert rollups.recount([ticket_id]) == [ticket_id]
    after = sum(row.received for row in rollups.StatsCell.objects.filter(grain=Grain.ALL))
    assert after == received - 1
    assert not TicketTally.objects.filter(pk=ticket_id).exists()


def test_rebuild_from_raw_rows_equals_the_incremental_roll_ups(counted):
    for ticket in random.Random(5).sample(counted, 30):
        move(ticket, "closed", rating=2)
    sweep()
    reconcile()  # drops rows emptied by the moves, which a rebuild never creates
    incremental = tables()
    assert rebuild() == len(counted)
    assert tables() == incremental


def test_the_watermark_passes_only_settled_events(counted):
    TicketEvent.objects.update(created_at=F("created_at") - datetime.timedelta(hours=1))
    sweep()
    settled = rollups.state().event_watermark
    assert settled == TicketEvent.objects.latest("id").id
    move(next(t for t in counted if t.status == "submitted"), "cancelled")
    assert sweep() == 1
    assert rollups.state().event_watermark == settled  # read again by the next sweep
    TicketEvent.objects.filter(id__gt=settled).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert sweep() == 0
    assert rollups.state().event_watermark == TicketEvent.objects.latest("id").id


@given(
    st.dates(datetime.date(2024, 1, 1), datetime.date(2026, 12, 31)) | st.none(),
    st.integers(0, 500) | st.none(),
)
def test_a_period_takes_each_day_from_exactly_one_row(date_from, length):
    start = date_from or datetime.date(2025, 6, 1)
    date_to = None if length is None else start + datetime.timedelta(days=length)
    condition = period_q(date_from, date_to, all_time=False)
    day = datetime.date(2023, 12, 1)
    while day <= datetime.date(2028, 12, 31):
        rows = [
            grain
            for grain, period in ((Grain.DAY, day), (Grain.MONTH, day.replace(day=1)))
            if _matches(condition, grain, period)
        ]
        inside = (date_from is None or day >= date_from) and (date_to is None or day <= date_to)
        assert len(rows) == int(inside), day
        day += datetime.timedelta(days=1)


def test_a_period_without_dates_is_the_all_time_rows():
    assert _matches(period_q(None, None), Grain.ALL, rollups.ALL_TIME)
    assert not _matches(period_q(None, None), Grain.MONTH, datetime.date(2026, 1, 1))


def _matches(condition, grain, period) -> bool:
    """Evaluate a Q over (grain, period) in Python."""
    if not condition.children:
        return True
    results = []
    for child in condition.children:
        if hasattr(child, "children"):
            results.append(_matches(child, grain, period))
            continue
        lookup, value = child
        field, _sep, op = lookup.partition("__")
        actual = grain if field == "grain" else period
        results.append(
            {
                "": actual == value,
                "gte": actual >= value,
                "lte": actual <= value,
                "lt": actual < value,
            }[op]
        )
    combined = all(results) if condition.connector == "AND" else any(results)
    return not combined if condition.negated else combined


@given(st.lists(st.floats(0, 2000, allow_nan=False), min_size=1, max_size=60))
def test_the_median_from_whole_hours_is_within_half_an_hour(hours):
    histogram = {}
    for value in hours:
        histogram[int(value // 1)] = histogram.get(int(value // 1), 0) + 1
    assert abs(median_hours(histogram) - statistics.median(hours)) <= 0.5


def test_no_requests_have_no_median():
    assert median_hours({}) is None


@pytest.mark.django_db
def test_a_request_is_counted_on_its_shanghai_filing_date():
    filed = datetime.datetime(2026, 3, 31, 16, 30, tzinfo=datetime.UTC)  # 00:30 on 1 April
    ticket = TicketFactory(created_at=filed)
    rollups.recount([ticket.pk])
    tally = TicketTally.objects.get(pk=ticket.pk)
    assert (tally.day, tally.month) == (datetime.date(2026, 4, 1), datetime.date(2026, 4, 1))
