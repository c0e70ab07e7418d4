"""``/stats/services/``: each service in scope with the experts assignment would consider."""

import datetime

import pytest
from django.utils import timezone

from service_stations.models import ExpertLeave, ExpertSpecialty
from tests.api_support import token_client
from tests.catalogue.factories import DiagnosisServiceFactory, ServiceFactory
from tests.factories import AdminFactory, ExpertFactory, StationFactory

pytestmark = pytest.mark.django_db

STATS = "/api/v1/stats/services/"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("enterprise", 403),
        ("expert", 403),
        ("station_staff", 200),
        ("station_manager", 200),
        ("supervisor_in", 200),
        ("admin", 200),
    ],
)
def test_service_figures_are_for_the_desk_supervisors_and_administrators(world, role, expected):
    assert world.client(role).get(STATS).status_code == expected


def test_each_caller_sees_the_services_of_their_scope(world):
    ours = ServiceFactory(stations=[world.station_a])
    theirs = DiagnosisServiceFactory(stations=[world.station_b])

    def services(role):
        return [row["service"] for row in world.client(role).get(STATS).json()]

    assert services("station_staff") == [ours.pk]
    assert services("other_staff") == [theirs.pk]
    assert services("supervisor_in") == [ours.pk]
    assert services("supervisor_out") == []
    assert services("admin") == [ours.pk, theirs.pk]


def test_eligible_experts_follow_the_assignment_engines_standing_rules(world):
    service = DiagnosisServiceFactory(stations=[world.station_a])
    today = timezone.localdate()
    ExpertFactory(specialties=["quality_management"])  # counts
    ExpertFactory(specialties=["quality_management"], capacity=0)  # counts, not free
    ExpertFactory(specialties=["quality_management"], is_available=False)
    on_leave = ExpertFactory(specialties=["quality_management"])
    ExpertLeave.objects.create(expert=on_leave, starts_on=today, ends_on=today)
    expired = ExpertFactory(specialties=["quality_management"])
    ExpertSpecialty.objects.filter(expert=expired).update(
        valid_until=today - datetime.timedelta(days=1)
    )
    ExpertFactory(specialties=["metrology"])

    [row] = world.client("station_manager").get(STATS).json()

    assert row == {
        "service": service.pk,
        "code": service.code,
        "name": "质量诊断",
        "element": "quality_management",
        "kind": "diagnosis",
        "stations": [world.station_a.pk],
        "eligible_experts": 2,
        "free_experts": 1,
    }


def test_a_service_nobody_covers_shows_zero(world):
    ServiceFactory(stations=[world.station_a], element="other", kind="consultation")

    [row] = world.client("station_staff").get(STATS).json()

    assert (row["eligible_experts"], row["free_experts"]) == (0, 0)


def test_filters_narrow_within_the_scope_and_refuse_outside_it(world):
    calibration = ServiceFactory(stations=[world.station_a])
    DiagnosisServiceFactory(stations=[world.station_a])
    client = world.client("station_staff")

    by_category = client.get(STATS, {"category": "metrology"}).json()
    by_kind = client.get(STATS, {"kind": "calibration"}).json()

    assert [row["service"] for row in by_category] == [calibration.pk]
    assert [row["service"] for row in by_kind] == [calibration.pk]
    assert client.get(STATS, {"station": world.station_b.pk}).status_code == 403
    assert client.get(STATS, {"kind": "astrology"}).status_code == 400
    assert client.get(STATS, {"date_from": "2026-01-01"}).status_code == 400


@pytest.mark.parametrize("rows", [1, 30])
def test_the_service_figures_query_count_does_not_grow_with_rows(
    db, django_assert_num_queries, rows
):
    stations = StationFactory.create_batch(2)
    ServiceFactory.create_batch(rows, stations=stations)
    DiagnosisServiceFactory.create_batch(rows, stations=stations)
    ExpertFactory.create_batch(3, specialties=["metrology", "quality_management"])
    client = token_client(AdminFactory())

    # token and user, the services, their stations, the experts of every element
    with django_assert_num_queries(4):
        response = client.get(STATS)

    assert len(response.json()) == 2 * rows
    assert {row["eligible_experts"] for row in response.json()} == {3}
