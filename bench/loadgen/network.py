"""The network generated requests go to: stations, experts and enterprises, in bulk."""

import random
from dataclasses import dataclass, field

from demo.enterprises import demo_credit_code
from demo.people import mobile_number, person_name
from enterprises.models import Enterprise
from requests_app.choices import Category
from service_stations.models import Expert, ExpertSpecialty, ServiceStation, StationService

REGIONS = ("420102", "420103", "420104", "420105", "420106", "420107", "420111", "420112")
INDUSTRIES = ("C3441", "C3824", "C3670", "C1431", "C1771", "C2911", "C4014")
CATEGORIES = tuple(Category.values)


@dataclass
class Network:
    enterprises: list[tuple[int, str]]  # (id, region code)
    stations_by_category: dict[str, list[int]]
    experts_by_category: dict[str, list[int]]
    capacity_left: dict[int, int] = field(default_factory=dict)
    opened: dict[int, int] = field(default_factory=dict)


def build_network(*, enterprises: int, experts: int, rng: random.Random) -> Network:
    """Create stations, experts and enterprises (bulk) and return their ids."""
    hub, _created = ServiceStation.objects.get_or_create(
        code="gen-hub", defaults={"name": "负载测试中心站", "region_code": "420100"}
    )
    stations = [hub]
    for index, region in enumerate(REGIONS):
        station, _created = ServiceStation.objects.get_or_create(
            code=f"gen-{index:02d}",
            defaults={"name": f"负载测试服务站{index}", "region_code": region, "parent": hub},
        )
        stations.append(station)
    StationService.objects.bulk_create(
        [StationService(station=s, category=c) for s in stations for c in CATEGORIES],
        ignore_conflicts=True,
    )
    first = Expert.objects.count()
    created = Expert.objects.bulk_create(
        [
            Expert(
                name=person_name(first + n),
                organization=f"负载测试专家单位{(first + n) % 40}",
                industries=[rng.choice(INDUSTRIES)[:3]],
                capacity=rng.choice((3, 5, 8)),
            )
            for n in range(experts)
        ]
    )
    Expert.stations.through.objects.bulk_create(
        [
            Expert.stations.through(expert_id=e.id, servicestation_id=rng.choice(stations).id)
            for e in created
        ]
    )
    ExpertSpecialty.objects.bulk_create(
        [
            ExpertSpecialty(expert=e, category=c)
            for n, e in enumerate(created)
            # Every category gets experts; each expert has one more at random.
            for c in {CATEGORIES[n % len(CATEGORIES)], rng.choice(CATEGORIES)}
        ]
    )
    serial = Enterprise.objects.count() + 1_000_000
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                credit_code=demo_credit_code("91", rng.choice(REGIONS), serial + n),
                name=f"负载测试企业{serial + n}",
                region_code=REGIONS[n % len(REGIONS)],
                industry_code=rng.choice(INDUSTRIES),
                contact_name=person_name(n),
                contact_phone=mobile_number(n),
                has_lab=rng.random() < 0.57,
                is_verified=True,
            )
            for n in range(enterprises)
        ],
        batch_size=5_000,
    )
    network = Network(
        enterprises=list(Enterprise.objects.values_list("id", "region_code")),
        stations_by_category={c: [s.id for s in stations] for c in CATEGORIES},
        experts_by_category={c: [] for c in CATEGORIES},
    )
    for expert_id, category in ExpertSpecialty.objects.filter(
        expert__is_available=True
    ).values_list("expert_id", "category"):
        network.experts_by_category[category].append(expert_id)
    for expert_id, capacity, open_now in Expert.objects.values_list(
        "id", "capacity", "open_assignments"
    ):
        network.capacity_left[expert_id] = capacity - open_now
    return network
