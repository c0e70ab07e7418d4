"""Capability histories of the firms the network has served a year or more.

Each was found weaker than it is now: some without the lab or the part in
standard setting they have today, their equipment less used. A station's
staff recorded a partial improvement half a year in, and the firm its profile
now this month, through the same service as the API. The profile now is the
one the demo enterprises were given, so today's shares still resemble the
national survey; the first records show where the firms started.
"""

import datetime
import random

from django.db.models import Min
from django.utils import timezone

from enterprises.models import Enterprise
from enterprises.services import capability_record
from requests_app.models import Ticket
from service_stations.choices import StationRole
from service_stations.models import StationMembership

A_YEAR = datetime.timedelta(days=365)


def load_capability_histories() -> int:
    """Record the histories not yet there; return for how many firms."""
    rng = random.Random(2023)
    today = timezone.localdate()
    served_since = dict(
        Ticket.objects.values("enterprise")
        .annotate(first=Min("created_at"))
        .filter(first__lte=timezone.now() - A_YEAR)
        .values_list("enterprise", "first")
    )
    firms = Enterprise.objects.filter(pk__in=served_since, capability_records__isnull=True)
    recorded = 0
    for firm in firms.order_by("id"):
        now = {
            "in_standard_setting": firm.in_standard_setting,
            "has_lab": firm.has_lab,
            "equipment_utilisation": firm.equipment_utilisation,
        }
        found = {
            "in_standard_setting": now["in_standard_setting"] and rng.random() < 0.4,
            "has_lab": now["has_lab"] and rng.random() < 0.5,
            "equipment_utilisation": max(
                5, (now["equipment_utilisation"] or 30) - rng.randint(10, 35)
            ),
        }
        # The profile as the network found it: kept as the first record by the service.
        Enterprise.objects.filter(pk=firm.pk).update(**found)
        first_request = timezone.localdate(served_since[firm.pk])
        halfway = {name: rng.choice([found[name], now[name]]) for name in now}
        capability_record(
            enterprise=firm,
            actor=_staff_of(firm),
            as_of=first_request + datetime.timedelta(days=rng.randint(150, 210)),
            **halfway,
        )
        capability_record(
            enterprise=firm,
            actor=firm.members.order_by("id").first(),
            as_of=today - datetime.timedelta(days=rng.randint(0, 25)),
            **now,
        )
        recorded += 1
    return recorded


def _staff_of(firm):
    """Return a staff member of the station the firm filed its first request with."""
    station = firm.tickets.order_by("created_at").values_list("station", flat=True)[0]
    membership = StationMembership.objects.filter(station=station, role=StationRole.STAFF)
    return membership.order_by("id").first().user
