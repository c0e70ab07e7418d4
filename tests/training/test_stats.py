"""People trained and certificates join the statistics overview: in the caller's
scope (the course's station; for supervisors the firm's region), in the period
(the day the course was completed)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import EnterpriseFactory
from tests.training.factories import EnrolmentFactory, SessionFactory
from training import services

pytestmark = pytest.mark.django_db

OVERVIEW = "/api/v1/stats/overview/"


def trained(station, firm, names, *, days_ago: int, attended: bool = True, element="metrology"):
    ends_at = timezone.now() - datetime.timedelta(days=days_ago)
    session = SessionFactory(
        course__station=station,
        course__element=element,
        starts_at=ends_at - datetime.timedelta(hours=8),
        ends_at=ends_at,
    )
    for name in names:
        enrolment = EnrolmentFactory(session=session, enterprise=firm, attendee_name=name)
        services.enrolment_record_attendance(enrolment=enrolment, attended=attended, at=ends_at)


def figures(client, **query) -> tuple[int, int]:
    data = client.get(OVERVIEW, query).json()
    return data["people_trained"], data["certificates"]


@pytest.fixture
def trainings(world):
    # At our station: two people, one of them twice; one absentee.
    trained(world.station_a, world.enterprise_e, ["张伟", "李娜"], days_ago=3)
    trained(world.station_a, world.enterprise_e, ["张伟"], days_ago=40)
    trained(world.station_a, world.enterprise_e, ["王芳"], days_ago=3, attended=False)
    # A Nantong firm trained at our station; a Wuhan firm at theirs.
    trained(world.station_a, world.enterprise_f, ["陈静"], days_ago=3)
    trained(world.station_b, EnterpriseFactory(region_code="420103"), ["赵磊"], days_ago=3)
    trained(world.station_b, world.enterprise_f, ["周敏", "吴军"], days_ago=3, element="standards")
    return world


def test_station_staff_count_the_courses_of_their_station(trainings):
    # 张伟 twice, 李娜, 陈静: three people, four certificates; 王芳 was absent.
    assert figures(trainings.client("station_staff")) == (3, 4)
    assert figures(trainings.client("other_staff")) == (3, 3)


def test_supervisors_count_the_firms_of_their_region_wherever_trained(trainings):
    assert figures(trainings.client("supervisor_in")) == (3, 4)
    assert figures(trainings.client("admin")) == (6, 7)


def test_the_period_selects_the_day_the_course_was_completed(trainings):
    since = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    assert figures(trainings.client("station_staff"), date_from=since) == (3, 3)
    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert figures(trainings.client("station_staff"), date_to=until) == (1, 1)


def test_the_category_selects_the_courses_element(trainings):
    assert figures(trainings.client("admin"), category="standards") == (2, 2)


def test_the_station_table_counts_each_station_s_courses(trainings):
    rows = trainings.client("admin").get("/api/v1/stats/stations/").json()
    by_station = {row["station"]: (row["people_trained"], row["certificates"]) for row in rows}
    assert by_station[trainings.station_a.pk] == (3, 4)
    assert by_station[trainings.station_b.pk] == (3, 3)
