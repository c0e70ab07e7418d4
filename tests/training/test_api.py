"""The training endpoints: who reads and writes, seats left, enrolment and certificates."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from tests.api_support import ids, token_client
from tests.training.factories import CourseFactory, EnrolmentFactory, SessionFactory
from training import services
from training.choices import EnrolmentStatus as S

pytestmark = pytest.mark.django_db

COURSES = "/api/v1/courses/"
ENROLMENTS = "/api/v1/enrolments/"


def course_body(station):
    return {"title": "标准化基础", "element": "standards", "hours": "6.5", "station": station.pk}


def test_courses_are_read_by_everyone_logged_in(world):
    course = CourseFactory(station=world.station_b)

    assert token_client().get(COURSES).status_code == 401
    assert ids(world.client("enterprise").get(COURSES)) == [course.pk]
    body = world.client("expert").get(f"{COURSES}{course.pk}/").json()
    assert body == {
        "id": course.pk,
        "title": course.title,
        "element": "metrology",
        "hours": "8.0",
        "station": world.station_b.pk,
        "description": "",
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("station_staff", 201),
        ("station_manager", 201),
        ("admin", 201),
        ("other_staff", 403),
        ("enterprise", 403),
        ("supervisor_in", 403),
    ],
)
def test_the_stations_desk_publishes_its_courses(world, role, expected):
    response = world.client(role).post(COURSES, course_body(world.station_a), format="json")

    assert response.status_code == expected, response.json()


def test_staff_cannot_move_a_course_to_another_station(world):
    course = CourseFactory(station=world.station_a)
    client = world.client("station_staff")

    moved = client.patch(f"{COURSES}{course.pk}/", {"station": world.station_b.pk}, format="json")
    renamed = client.patch(f"{COURSES}{course.pk}/", {"title": "计量进阶"}, format="json")

    assert moved.status_code == 403
    assert (renamed.status_code, renamed.json()["title"]) == (200, "计量进阶")
    assert (
        world.client("other_staff")
        .patch(f"{COURSES}{course.pk}/", {"title": "x"}, format="json")
        .status_code
        == 403
    )


def test_a_course_needs_positive_hours_and_a_known_element(world):
    body = {**course_body(world.station_a), "hours": "0", "element": "astrology"}

    response = world.client("station_staff").post(COURSES, body, format="json")

    assert response.status_code == 400
    assert {"hours", "element"} <= set(response.json())


def test_sessions_show_seats_left_and_the_queue(world, django_assert_num_queries):
    session = SessionFactory(course__station=world.station_a, seats=2)
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status=S.ATTENDED)
    EnrolmentFactory.create_batch(3, session=session, status=S.WAITING)
    EnrolmentFactory(session=session, status=S.CANCELLED)
    SessionFactory(course=session.course, seats=5)
    client = world.client("enterprise")
    url = f"{COURSES}{session.course.pk}/sessions/"

    with django_assert_num_queries(3):  # the caller, the course, its sessions
        rows = client.get(url).json()

    assert [(r["seats"], r["seats_left"], r["waiting"]) for r in rows] == [(2, 0, 3), (5, 5, 0)]


def test_the_desk_adds_sessions_and_a_session_must_end_after_it_starts(world):
    course = CourseFactory(station=world.station_a)
    starts = timezone.now() + datetime.timedelta(days=3)
    body = {
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=4),
        "place": "铁岭站培训室",
        "seats": 30,
    }
    url = f"{COURSES}{course.pk}/sessions/"

    created = world.client("station_staff").post(url, body, format="json")
    backwards = world.client("station_staff").post(
        url, {**body, "ends_at": starts - datetime.timedelta(hours=1)}, format="json"
    )

    assert created.status_code == 201
    assert (created.json()["seats_left"], created.json()["waiting"]) == (30, 0)
    assert backwards.status_code == 400
    assert world.client("other_staff").post(url, body, format="json").status_code == 403
    assert world.client("enterprise").post(url, body, format="json").status_code == 403


def test_an_enterprise_enrols_and_then_waits(world):
    session = SessionFactory(course__station=world.station_a, seats=1)
    client = world.client("enterprise")
    url = f"/api/v1/sessions/{session.pk}/enrolments/"

    first = client.post(url, {"attendee_name": "王五", "attendee_phone": "13800000000"})
    second = client.post(url, {"attendee_name": "赵六"})
    foreign = client.post(url, {"attendee_name": "钱七", "enterprise": world.enterprise_f.pk})

    assert (first.status_code, first.json()["status"]) == (201, "enrolled")
    assert (second.status_code, second.json()["status"]) == (201, "waiting")
    assert foreign.status_code == 400
    assert world.client("station_staff").post(url, {"attendee_name": "x"}).status_code == 403
    assert client.post("/api/v1/sessions/987654/enrolments/", {}).status_code == 404


def test_enrolments_are_scoped_to_the_enterprise_and_the_station(world):
    mine = EnrolmentFactory(session__course__station=world.station_a, enterprise=world.enterprise_e)
    theirs = EnrolmentFactory(
        session__course__station=world.station_b, enterprise=world.enterprise_f
    )

    assert ids(world.client("enterprise").get(ENROLMENTS)) == [mine.pk]
    assert ids(world.client("other_enterprise").get(ENROLMENTS)) == [theirs.pk]
    assert ids(world.client("station_staff").get(ENROLMENTS)) == [mine.pk]
    assert ids(world.client("supervisor_in").get(ENROLMENTS)) == [mine.pk]
    assert ids(world.client("expert").get(ENROLMENTS)) == []
    assert sorted(ids(world.client("admin").get(ENROLMENTS))) == [mine.pk, theirs.pk]
    assert world.client("other_enterprise").get(f"{ENROLMENTS}{mine.pk}/").status_code == 404


@pytest.mark.parametrize("size", [1, 6])
def test_the_enrolment_list_costs_the_same_whatever_its_length(
    world, django_assert_num_queries, size
):
    session = SessionFactory(course__station=world.station_a)
    for enrolment in EnrolmentFactory.create_batch(size, session=session):
        services.enrolment_record_attendance(enrolment=enrolment, attended=True)
    client = world.client("station_staff")

    with django_assert_num_queries(3):  # the caller, the count, the page
        rows = client.get(ENROLMENTS).json()["results"]

    assert len(rows) == size and all(row["certificate"] for row in rows)


def test_cancel_promotes_and_a_second_cancel_is_409(world):
    session = SessionFactory(course__station=world.station_a, seats=1)
    holder = EnrolmentFactory(session=session, enterprise=world.enterprise_e)
    waiting = EnrolmentFactory(session=session, enterprise=world.enterprise_f, status=S.WAITING)
    url = f"{ENROLMENTS}{holder.pk}/cancel/"

    assert world.client("other_enterprise").post(url).status_code == 404
    assert world.client("supervisor_in").post(url).status_code == 403
    cancelled = world.client("enterprise").post(url)
    again = world.client("enterprise").post(url)

    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    waiting.refresh_from_db()
    assert waiting.status == S.ENROLLED
    assert Notification.objects.filter(recipient=world.users["other_enterprise"]).exists()
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_transition"
    assert again.json()["allowed"] == []


def test_attendance_issues_a_certificate_verified_without_login(world):
    enrolment = EnrolmentFactory(
        session__course__station=world.station_a,
        attendee_name="欧阳明",
        enterprise=world.enterprise_e,
    )
    url = f"{ENROLMENTS}{enrolment.pk}/attendance/"

    assert world.client("enterprise").post(url, {"attended": True}).status_code == 403
    assert world.client("other_staff").post(url, {"attended": True}).status_code == 404
    assert world.client("station_staff").post(url, {}).status_code == 400
    recorded = world.client("station_staff").post(url, {"attended": True})
    number = recorded.json()["certificate"]
    verified = token_client().get(f"/api/v1/certificates/{number}/")

    assert (recorded.status_code, recorded.json()["status"]) == (200, "attended")
    assert verified.status_code == 200
    assert verified.json() == {
        "number": number,
        "course": enrolment.session.course.title,
        "attendee": "欧**",
        "completed_on": str(timezone.localdate(enrolment.session.ends_at)),
        "station": world.station_a.name,
    }
    assert token_client().get("/api/v1/certificates/NQI-TC-0000/").status_code == 404


@pytest.mark.parametrize("size", [1, 6])
def test_the_course_list_costs_the_same_whatever_its_length(world, django_assert_num_queries, size):
    CourseFactory.create_batch(size, station=world.station_a)
    client = world.client("expert")

    with django_assert_num_queries(3):  # the caller, the count, the page
        rows = client.get(COURSES).json()["results"]

    assert len(rows) == size
