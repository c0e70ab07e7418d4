"""Random request data sets for the statistics tests, and their figures counted from raw rows.

The reference figures here read ``Ticket`` and ``TicketEvent`` rows directly and
share no code with ``stats``.
"""

import datetime
import random
import statistics
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from requests_app.choices import Category, Channel, EventAction, Status
from requests_app.models import Ticket, TicketEvent
from tests.factories import EnterpriseFactory, StationFactory, TicketFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
REGIONS = ("420102", "420104", "420111", "420502", "320602")
OPEN = {"submitted", "triaged", "assigned", "in_progress", "awaiting_info"}
DONE = {"resolved", "closed"}
HISTORY_DAYS = 100


@dataclass
class Network:
    stations: list
    enterprises: list


def build_network(rng: random.Random, *, stations: int = 4, enterprises: int = 40) -> Network:
    return Network(
        stations=[StationFactory(region_code=REGIONS[n % len(REGIONS)]) for n in range(stations)],
        enterprises=[
            EnterpriseFactory(
                region_code=rng.choice(REGIONS),
                has_lab=rng.random() < 0.5,
                in_standard_setting=rng.random() < 0.3,
                equipment_utilisation=rng.choice((None, 20, 59, 60, 95)),
            )
            for _n in range(enterprises)
        ],
    )


def random_requests(rng: random.Random, network: Network, count: int) -> list[Ticket]:
    """File ``count`` requests over the last ``HISTORY_DAYS`` days, with event trails."""
    now = timezone.now()
    tickets = []
    events = []
    for _n in range(count):
        filed = now - datetime.timedelta(minutes=rng.randrange(HISTORY_DAYS * 24 * 60))
        status = rng.choice(Status.values)
        resolved_at = None
        if status in DONE or (status == "in_progress" and rng.random() < 0.3):
            resolved_at = min(filed + datetime.timedelta(minutes=rng.randrange(10, 9000)), now)
        ticket = TicketFactory(
            enterprise=rng.choice(network.enterprises),
            station=rng.choice(network.stations),
            category=rng.choice(Category.values),
            channel=rng.choice(Channel.values),
            status=status,
            created_at=filed,
            due_at=filed + datetime.timedelta(hours=rng.randrange(2, 400)),
            resolved_at=resolved_at,
            losses_avoided=(Decimal(rng.randrange(0, 10_000_000)) / 100 if resolved_at else None),
            rating=rng.randrange(1, 6) if status == "closed" and rng.random() < 0.8 else None,
        )
        tickets.append(ticket)
        events += trail(rng, ticket, now)
    TicketEvent.objects.bulk_create(events)
    return tickets


def trail(rng: random.Random, ticket: Ticket, now: datetime.datetime) -> list[TicketEvent]:
    """Return a filing event, assignments (sometimes two) and sometimes a reopening."""
    at = ticket.created_at
    events = [
        TicketEvent(ticket=ticket, action=EventAction.FILE, to_status="submitted", created_at=at)
    ]
    if ticket.status in {"assigned", "in_progress", "resolved", "closed"}:
        for _n in range(rng.choice((1, 1, 2))):
            at = min(at + datetime.timedelta(seconds=rng.randrange(60, 200_000)), now)
            events.append(
                TicketEvent(
                    ticket=ticket,
                    action=EventAction.ASSIGN,
                    from_status="triaged",
                    to_status="assigned",
                    created_at=at,
                )
            )
    if ticket.status in {"in_progress", "resolved", "closed"} and rng.random() < 0.2:
        events.append(
            TicketEvent(
                ticket=ticket,
                action=EventAction.REOPEN,
                from_status="resolved",
                to_status="in_progress",
                created_at=min(at + datetime.timedelta(hours=1), now),
            )
        )
    return events


def chosen(
    *,
    region: str = "",
    stations=None,
    category: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[Ticket]:
    """Return the raw requests of a scope and period, with their events."""
    picked = []
    for ticket in Ticket.objects.select_related("enterprise").prefetch_related("events"):
        day = ticket.created_at.astimezone(SHANGHAI).date()
        if (
            ticket.enterprise.region_code.startswith(region)
            and (stations is None or ticket.station_id in stations)
            and (category is None or ticket.category == category)
            and (date_from is None or day >= date_from)
            and (date_to is None or day <= date_to)
        ):
            picked.append(ticket)
    return picked


def reference_figures(tickets: list[Ticket]) -> dict:
    """Count the figures of API.md "Statistics definitions" over raw rows."""
    now = timezone.now()
    resolved = [t for t in tickets if t.status in DONE]
    rated = [t.rating for t in tickets if t.rating is not None]
    assigned = [
        min(e.created_at for e in t.events.all() if e.action == "assign") - t.created_at
        for t in tickets
        if any(e.action == "assign" for e in t.events.all())
    ]
    served = {t.enterprise for t in tickets}
    utilised = [e for e in served if (e.equipment_utilisation or 0) >= 60]
    hours = [(t.resolved_at - t.created_at).total_seconds() / 3600 for t in resolved]

    def share(part, whole):
        return len(part) / len(whole) if whole else None

    return {
        "received": len(tickets),
        "resolved": len(resolved),
        "resolution_rate": share(resolved, tickets),
        "backlog": sum(t.status in OPEN for t in tickets),
        "overdue": sum(t.status in OPEN and t.due_at < now for t in tickets),
        "median_hours_to_resolve": statistics.median(hours) if hours else None,
        "enterprises_served": len(served),
        "losses_avoided": sum((t.losses_avoided or Decimal(0)) for t in tickets),
        "satisfaction": statistics.mean(rated) if rated else None,
        "low_rating_share": share([r for r in rated if r <= 2], rated),
        "on_time_rate": share([t for t in resolved if t.resolved_at <= t.due_at], resolved),
        "mean_hours_to_first_assignment": (
            statistics.mean(d.total_seconds() / 3600 for d in assigned) if assigned else None
        ),
        "reopened": sum(any(e.action == "reopen" for e in t.events.all()) for t in tickets),
        "by_status": {s: Counter(t.status for t in tickets)[s] for s in Status.values},
        "by_category": {c: Counter(t.category for t in tickets)[c] for c in Category.values},
        "by_channel": {c: Counter(t.channel for t in tickets)[c] for c in Channel.values},
        "capability_baseline": {
            "enterprises": len(served),
            "lab_share": share([e for e in served if e.has_lab], served),
            "standard_setting_share": share([e for e in served if e.in_standard_setting], served),
            "high_utilisation_share": share(utilised, served),
        },
    }


def assert_figures_equal(api: dict, reference: dict) -> None:
    """Counts and sums exactly; rates to their four decimals; the median within half an hour."""
    for name in ("received", "resolved", "backlog", "overdue", "enterprises_served", "reopened"):
        assert api[name] == reference[name], name
    assert api["by_status"] == reference["by_status"]
    assert api["by_category"] == reference["by_category"]
    assert api["by_channel"] == reference["by_channel"]
    assert Decimal(api["losses_avoided"]) == reference["losses_avoided"]
    for name in ("resolution_rate", "satisfaction", "low_rating_share", "on_time_rate"):
        _close(api[name], reference[name], 0.00005, name)
    _close(
        api["mean_hours_to_first_assignment"],
        reference["mean_hours_to_first_assignment"],
        0.001,
        "assign",
    )
    _close(api["median_hours_to_resolve"], reference["median_hours_to_resolve"], 0.5, "median")
    baseline = api["capability_baseline"]
    for name, value in reference["capability_baseline"].items():
        _close(baseline[name], value, 0.00005, name)


def _close(ours, exact, tolerance, name) -> None:
    if exact is None:
        assert ours is None, name
    else:
        assert ours is not None and abs(ours - exact) <= tolerance, (name, ours, exact)
