"""Demo of training: a course each at the Tieling platform and the Wuhan hub.

Each course has a past session, full, whose queue moved up on a cancellation,
with attendance recorded and certificates issued, and a session next month
that firms are enrolling in. Loaded through the services, so seats, queues and
certificate numbers follow the same rules as the API.
"""

import datetime

from django.utils import timezone

from demo.people import mobile_number, person_name
from enterprises.models import Enterprise
from requests_app.choices import Category
from service_stations.models import ServiceStation
from training import services
from training.models import Course

# station code, region prefix of the firms it trains, title, element, hours, place
COURSES = (
    (
        "tl-rubber",
        "2112",
        "橡胶制品质量管理体系内审员培训",
        Category.QUALITY_MANAGEMENT,
        16,
        "铁岭市检验检测认证中心三楼培训室",
    ),
    (
        "wh-hub",
        "4201",
        "计量器具管理与校准基础",
        Category.METROLOGY,
        8,
        "武汉市江岸区三阳路中心二楼",
    ),
)
PAST_SEATS = 4
PAST_ENROLMENTS = 6  # two wait, one of them moves up
NEXT_SEATS = 20
NEXT_ENROLMENTS = 5


def load_training() -> None:
    for index, (code, region, title, element, hours, place) in enumerate(COURSES):
        station = ServiceStation.objects.get(code=code)
        if Course.objects.filter(station=station, title=title).exists():
            continue
        course = services.course_create(
            station=station,
            title=title,
            element=element,
            hours=hours,
            description=f"{station.name}面向辖区企业开设的{hours}学时课程。",
        )
        firms = list(Enterprise.objects.filter(region_code__startswith=region).order_by("id")[:3])
        _load_past_session(course, firms, place=place, serial=index * 100)
        _load_next_session(course, firms, place=place, serial=index * 100 + 50)


def _session(course, *, days_from_now: int, hours: int, seats: int, place: str):
    today = timezone.localdate()
    starts_at = datetime.datetime.combine(
        today + datetime.timedelta(days=days_from_now),
        datetime.time(9),
        tzinfo=timezone.get_current_timezone(),
    )
    return services.session_add(
        course=course,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        place=place,
        seats=seats,
    )


def _enrol(session, firms, count: int, serial: int, at):
    return [
        services.enrolment_add(
            session=session,
            enterprise=firms[n % len(firms)],
            attendee_name=person_name(serial + n),
            attendee_phone=mobile_number(serial + n),
            at=at,
        )
        for n in range(count)
    ]


def _load_past_session(course, firms, *, place: str, serial: int) -> None:
    session = _session(course, days_from_now=-30, hours=8, seats=PAST_SEATS, place=place)
    enrolled_at = session.starts_at - datetime.timedelta(days=14)
    enrolments = _enrol(session, firms, PAST_ENROLMENTS, serial, enrolled_at)
    services.enrolment_cancel(enrolment=enrolments[1], at=enrolled_at + datetime.timedelta(days=3))
    present = [enrolments[0], enrolments[2], enrolments[3], enrolments[4]]
    for number, enrolment in enumerate(present):
        services.enrolment_record_attendance(
            enrolment=enrolment, attended=number != len(present) - 1, at=session.ends_at
        )


def _load_next_session(course, firms, *, place: str, serial: int) -> None:
    session = _session(course, days_from_now=30, hours=8, seats=NEXT_SEATS, place=place)
    _enrol(session, firms, NEXT_ENROLMENTS, serial, at=timezone.now())
