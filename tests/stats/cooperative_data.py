"""Random cooperatives, members and sampling inspections, and their figures counted
from raw rows.

The reference figures read ``ServiceStation``, ``CooperativeMembership`` and
``SamplingInspection`` rows directly and share no code with the application.
"""

import datetime
import random
from decimal import Decimal

from service_stations.choices import MembershipStatus, StationKind
from service_stations.models import CooperativeMembership, SamplingInspection, ServiceStation
from tests.factories import (
    CooperativeFactory,
    CooperativeMembershipFactory,
    EnterpriseFactory,
    SamplingInspectionFactory,
)
from tests.stats.data import REGIONS, SHANGHAI

SAMPLING_DAYS = 150
ROLLING_DAYS = 90  # the alert's window, as the cooperatives' rules state it
TARGETS = (Decimal("0.950"), Decimal("0.900"), Decimal("0.800"))
PASS_CHANCES = (0.7, 0.88, 0.95, 0.99, 1.0)


def today() -> datetime.date:
    return datetime.datetime.now(SHANGHAI).date()


def random_cooperatives(
    rng: random.Random, *, cooperatives: int = 7, enterprises: int = 30, inspections: int = 400
) -> list[ServiceStation]:
    """Cooperatives over the test regions with random members and inspections.

    The last cooperative has neither members nor inspections.
    """
    coops = [
        CooperativeFactory(
            region_code=REGIONS[n % len(REGIONS)], pass_rate_target=rng.choice(TARGETS)
        )
        for n in range(cooperatives)
    ]
    firms = [EnterpriseFactory(region_code=rng.choice(REGIONS)) for _n in range(enterprises)]
    for coop in coops[:-1]:
        for firm in rng.sample(firms, rng.randrange(0, min(12, len(firms)))):
            CooperativeMembershipFactory(
                cooperative=coop, enterprise=firm, status=rng.choice(MembershipStatus.values)
            )
    chance = {coop.pk: rng.choice(PASS_CHANCES) for coop in coops}
    for _n in range(inspections):
        coop = rng.choice(coops[:-1])
        SamplingInspectionFactory(
            cooperative=coop,
            enterprise=rng.choice(firms),
            sampled_on=today() - datetime.timedelta(days=rng.randrange(SAMPLING_DAYS)),
            passed=rng.random() < chance[coop.pk],
        )
    return coops


def reference_cooperatives(
    *,
    region: str = "",
    stations=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[dict]:
    """Count each cooperative's figures over raw rows, ordered by code."""
    if date_from is None and date_to is None:
        date_from, date_to = today() - datetime.timedelta(days=ROLLING_DAYS - 1), today()
    memberships = list(CooperativeMembership.objects.all())
    inspections = list(SamplingInspection.objects.all())
    rows = []
    for coop in ServiceStation.objects.order_by("code"):
        if coop.kind != StationKind.COOPERATIVE or not coop.region_code.startswith(region):
            continue
        if stations is not None and coop.pk not in stations:
            continue
        sampled = [
            i
            for i in inspections
            if i.cooperative_id == coop.pk
            and (date_from is None or i.sampled_on >= date_from)
            and (date_to is None or i.sampled_on <= date_to)
        ]
        passed = sum(i.passed for i in sampled)
        rows.append(
            {
                "station": coop.pk,
                "code": coop.code,
                "name": coop.name,
                "region_code": coop.region_code,
                "members": sum(
                    m.cooperative_id == coop.pk and m.status == "active" for m in memberships
                ),
                "inspections": len(sampled),
                "passed": passed,
                "pass_rate": passed / len(sampled) if sampled else None,
                "pass_rate_target": str(coop.pass_rate_target),
                # Integer arithmetic: passed / inspections < target, without rounding.
                "under_target": bool(sampled)
                and passed * 1000 < int(coop.pass_rate_target * 1000) * len(sampled),
                "date_from": None if date_from is None else str(date_from),
                "date_to": None if date_to is None else str(date_to),
            }
        )
    return rows


def assert_cooperatives_equal(api: list[dict], reference: list[dict]) -> None:
    """Everything exactly, the pass rate to its four decimals."""
    assert [row["station"] for row in api] == [row["station"] for row in reference]
    for ours, exact in zip(api, reference, strict=True):
        ours, exact = dict(ours), dict(exact)
        rate, exact_rate = ours.pop("pass_rate"), exact.pop("pass_rate")
        assert ours == exact
        if exact_rate is None:
            assert rate is None
        else:
            assert abs(rate - exact_rate) <= 0.00005, (rate, exact_rate)
