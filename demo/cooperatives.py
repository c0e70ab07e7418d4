"""Demo of the Nantong cooperative and of rosters: members of ``nt-textile``
with a season of sampling inspections, an expert on leave and an expired
qualification. Loaded through the services.

The cooperative holds its members' pass rate above its 95 % target, as the
Nantong model reports: one batch of the season fails, early, so an alert
shows while the rate over the first samples was under target."""

import datetime

from django.utils import timezone

from enterprises.models import Enterprise
from service_stations.models import CooperativeMembership, Expert, ExpertLeave, ServiceStation
from service_stations.services.cooperatives import (
    inspection_record,
    membership_join,
    membership_move,
)

COOPERATIVE = "nt-textile"
MEMBER_REGIONS = ("320612", "320614")
MEMBERS = 8
SAMPLES_PER_MEMBER = 4
FAILED_SAMPLE = 3  # the fourth batch inspected this season
PRODUCTS = ("纯棉四件套", "蚕丝被", "毛巾", "羽绒枕")
DEFECTS = (["色牢度"], ["甲醛含量", "pH值"], ["纤维含量"])


def load_cooperative() -> None:
    cooperative = ServiceStation.objects.get(code=COOPERATIVE)
    if CooperativeMembership.objects.filter(cooperative=cooperative).exists():
        return
    now = timezone.now()
    joined_at = now - datetime.timedelta(days=120)
    members = Enterprise.objects.filter(region_code__in=MEMBER_REGIONS).order_by("id")[:MEMBERS]
    for index, enterprise in enumerate(members):
        membership = membership_join(
            cooperative=cooperative, enterprise=enterprise, actor=None, at=joined_at
        )
        membership_move(membership=membership, action="approve", actor=None, at=joined_at)
        for sample in range(SAMPLES_PER_MEMBER):
            failed = index * SAMPLES_PER_MEMBER + sample == FAILED_SAMPLE
            inspection_record(
                cooperative=cooperative,
                enterprise=enterprise,
                product=PRODUCTS[(index + sample) % len(PRODUCTS)],
                batch=f"NT{index + 1:02d}-{sample + 1:03d}",
                sampled_on=timezone.localdate(now) - datetime.timedelta(days=80 - 20 * sample),
                passed=not failed,
                defect_categories=DEFECTS[index % len(DEFECTS)] if failed else [],
                inspector=None,
                at=now,
            )
    _load_roster_changes(cooperative, today=timezone.localdate(now))


def _load_roster_changes(cooperative: ServiceStation, *, today: datetime.date) -> None:
    on_leave, expiring = Expert.objects.filter(stations=cooperative).order_by("id")[:2]
    ExpertLeave.objects.create(
        expert=on_leave,
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=12),
        reason="年休假",
    )
    expiring.specialties.filter(
        pk=expiring.specialties.order_by("category").values("pk")[:1]
    ).update(valid_until=today - datetime.timedelta(days=30))
