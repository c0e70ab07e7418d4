import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db.models import Count, Sum
from django.utils import timezone

from demo.network import DEMO_PASSWORD, LOGINS
from enterprises.choices import EnterpriseKind
from enterprises.credit_codes import is_valid_credit_code
from enterprises.models import Enterprise
from instruments.choices import ACTIVE_BOOKING_STATUSES
from instruments.models import Booking, Instrument, Lab
from nqi_service.roles import roles_of
from requests_app.choices import EventAction, Status
from requests_app.models import Ticket
from service_stations.choices import StationKind
from service_stations.models import (
    CooperativeAlert,
    CooperativeMembership,
    Expert,
    ExpertLeave,
    ExpertSpecialty,
    SamplingInspection,
    ServiceStation,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

PROJECT_APPS = [
    "enterprises",
    "service_stations",
    "requests_app",
    "visits",
    "instruments",
    "training",
    "auth",
    "authtoken",
]


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
    }


def test_seed_demo_is_idempotent():
    first = row_counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert row_counts() == first
    assert first["enterprises.Enterprise"] > 0
    assert first["service_stations.ServiceStation"] > 0


def test_seed_demo_gives_one_working_login_per_role():
    for username, role, _target in LOGINS:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert role in roles_of(user), (username, roles_of(user))


def test_seeded_credit_codes_are_valid():
    assert all(
        is_valid_credit_code(code)
        for code in Enterprise.objects.values_list("credit_code", flat=True)
    )


def test_wuhan_has_a_hub_and_26_doorstep_stations_with_district_codes():
    wuhan = ServiceStation.objects.filter(region_code__startswith="4201")
    hub = wuhan.get(parent__isnull=True)
    doorstep = wuhan.filter(parent=hub)
    assert doorstep.count() == 26
    # Real district codes: 420102 (江岸) .. 420117 (新洲), never the city code.
    assert all(
        "420102" <= code <= "420117" for code in doorstep.values_list("region_code", flat=True)
    )
    assert not doorstep.annotate(offered=Count("services")).filter(offered=0).exists()


def test_the_other_pilots_are_present():
    kinds = dict(ServiceStation.objects.values_list("code", "kind"))
    assert kinds["nt-textile"] == StationKind.COOPERATIVE
    assert kinds["lz-luosifen"] == StationKind.INDUSTRY_CENTER
    assert ServiceStation.objects.get(code="nt-textile").region_code.startswith("3206")
    assert ServiceStation.objects.get(code="lz-luosifen").region_code.startswith("4502")
    assert Expert.objects.filter(stations__code="lz-luosifen").count() >= 20
    nantong_individuals = Enterprise.objects.filter(
        region_code__startswith="3206", kind=EnterpriseKind.INDIVIDUAL_BUSINESS
    )
    assert nantong_individuals.exists()
    assert all(
        code.startswith("92") for code in nantong_individuals.values_list("credit_code", flat=True)
    )


def test_capability_profile_resembles_the_national_survey():
    enterprises = Enterprise.objects.all()
    total = enterprises.count()
    assert total >= 300

    def share(**lookup):
        return enterprises.filter(**lookup).count() / total

    assert share(has_lab=False) == pytest.approx(0.43, abs=0.01)
    assert share(in_standard_setting=True) == pytest.approx(0.194, abs=0.01)
    assert share(equipment_utilisation__gte=60) == pytest.approx(0.111, abs=0.01)


def test_every_expert_covers_only_categories_its_home_station_offers():
    for expert in Expert.objects.prefetch_related("specialties", "stations__services"):
        offered = {s.category for station in expert.stations.all() for s in station.services.all()}
        assert {s.category for s in expert.specialties.all()} <= offered, expert.name


def test_requests_exist_in_every_status_with_trails_that_replay_to_it():
    statuses = set(Ticket.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    for ticket in Ticket.objects.prefetch_related("events"):
        events = list(ticket.events.all())
        assert (events[0].action, events[0].from_status) == (EventAction.FILE, None)
        status = None
        for event in events:
            assert event.from_status == status, (ticket.reference, event.action)
            status = event.to_status
        assert status == ticket.status, ticket.reference


def test_requests_nobody_can_take_wait_and_alert_the_managers():
    waiting = Ticket.objects.filter(status=Status.TRIAGED)
    assert waiting.exists()
    for ticket in waiting:
        assert ticket.events.filter(action=EventAction.ESCALATE).count() == 1


def test_open_assignments_match_the_seeded_requests():
    for expert in Expert.objects.all():
        held = Ticket.objects.filter(
            assigned_expert=expert, status__in=[Status.ASSIGNED, Status.IN_PROGRESS]
        ).count()
        assert expert.open_assignments == held <= expert.capacity, expert.name


def test_the_demo_cooperative_has_members_inspections_and_an_alert(demo_data, db):
    assert CooperativeMembership.objects.filter(cooperative__code="nt-textile").count() == 8
    assert SamplingInspection.objects.filter(passed=False).exists()
    assert CooperativeAlert.objects.filter(cooperative__code="nt-textile").count() == 1


def test_the_nantong_cooperative_holds_its_pass_rate_above_target(demo_data, db):
    samples = SamplingInspection.objects.filter(cooperative__code="nt-textile")
    target = ServiceStation.objects.get(code="nt-textile").pass_rate_target
    assert samples.filter(passed=True).count() / samples.count() > target
    assert ExpertLeave.objects.exists()
    assert ExpertSpecialty.objects.filter(valid_until__isnull=False).exists()


def test_wuhan_has_firms_without_a_login_visited_with_findings_filed():
    from visits.models import Visit

    unclaimed = Enterprise.objects.filter(is_claimed=False, region_code__startswith="4201")
    assert unclaimed.count() >= 3
    assert not unclaimed.filter(memberships__isnull=False).exists()
    visits = Visit.objects.filter(enterprise__in=unclaimed, station__code__startswith="wh-")
    assert visits.count() >= 3
    filed = Ticket.objects.filter(visit_finding__visit__in=visits)
    assert filed.count() >= 2
    assert set(filed.values_list("channel", flat=True)) == {"visit"}


def test_yantais_pool_has_40_labs_and_1600_instruments_worth_1_1_billion_yuan():
    labs = Lab.objects.filter(station__code="yt-sharedlab")
    instruments = Instrument.objects.filter(lab__in=labs)
    today = timezone.localdate()

    assert 35 <= labs.count() <= 45
    assert {lab.region_code[:4] for lab in labs} == {"3706"}
    assert instruments.count() == 1600
    total = instruments.aggregate(total=Sum("original_value"))["total"]
    assert abs(total - Decimal("1.1e9")) <= Decimal("1e6")
    assert instruments.filter(name="三坐标测量机").exists()
    assert instruments.filter(name="气相色谱-质谱联用仪").exists()
    assert instruments.filter(name="电感耦合等离子体质谱仪").exists()
    assert 0 < instruments.filter(calibration_valid_until__lt=today).count() <= 20


def test_a_month_of_demo_bookings_never_overlap_and_replay_their_events():
    bookings = Booking.objects.filter(instrument__lab__station__code="yt-sharedlab")
    days = {timezone.localdate(b.starts_at) for b in bookings}
    assert (max(days) - min(days)).days >= 28
    assert {b.status for b in bookings} >= {"requested", "approved", "completed", "no_show"}
    active = bookings.filter(status__in=ACTIVE_BOOKING_STATUSES).order_by("instrument", "starts_at")
    previous = None
    for booking in active:
        if previous is not None and previous.instrument_id == booking.instrument_id:
            assert previous.ends_at <= booking.starts_at
        previous = booking
    for booking in bookings.prefetch_related("events")[:200]:
        events = sorted(booking.events.all(), key=lambda e: (e.created_at, e.id))
        assert events[0].action == "book" and events[-1].to_status == booking.status
        for before, after in zip(events, events[1:], strict=False):
            assert before.to_status == after.from_status


def test_the_demo_trains_at_tieling_and_wuhan_with_a_queue_moved_up_and_certificates():
    from training.choices import EnrolmentStatus as S
    from training.models import Certificate, Course, Enrolment

    stations = set(Course.objects.values_list("station__code", flat=True))
    past = Enrolment.objects.filter(session__starts_at__lt=timezone.now())
    statuses = sorted(
        past.filter(session__course__station__code="wh-hub").values_list("status", flat=True)
    )

    assert stations == {"tl-rubber", "wh-hub"}
    assert statuses == sorted([S.ATTENDED] * 3 + [S.ABSENT, S.CANCELLED, S.WAITING])
    assert Certificate.objects.count() == 6
    assert (
        Enrolment.objects.filter(session__starts_at__gt=timezone.now(), status=S.ENROLLED).count()
        == 10
    )


# Actions a person takes; the engine's assignment, escalation, overdue and
# auto-close are the system's.
PEOPLES_ACTIONS = {
    "file",
    "triage",
    "accept",
    "resolve",
    "confirm",
    "reject",
    "cancel",
    "request_info",
}


def in_office_hours(moment) -> bool:
    from django.conf import settings

    from workcalendar.days import is_working_day

    local = timezone.localtime(moment)
    opens, closes = settings.OFFICE_HOURS
    return is_working_day(local.date()) and opens <= local.time() <= closes


def test_every_step_a_person_took_says_who_and_was_taken_in_office_hours():
    from catalogue.models import ReportRecommendation
    from requests_app.models import TicketEvent

    events = TicketEvent.objects.select_related("ticket__station", "ticket__assigned_expert")
    people = events.filter(action__in=PEOPLES_ACTIONS)
    assert people.exists()
    assert not people.filter(actor__isnull=True).exists()
    assigned = events.filter(action=EventAction.ASSIGN)
    assert assigned.filter(actor__isnull=False).exists()  # by the staff
    assert not assigned.filter(actor__isnull=True, note="").exists()  # the engine says why
    for event in events.filter(actor__isnull=False):
        assert in_office_hours(event.created_at), (event.action, event.created_at)
    for event in events.filter(action__in={"triage", "reject"}):
        assert event.actor.station_memberships.exists()
    for event in events.filter(action__in={"accept", "resolve"}):
        assert event.actor == event.ticket.assigned_expert.user
    # The firm files online, confirms and cancels; the staff file what they find at the
    # doorstep; the expert who diagnosed files the follow-ups the report recommends.
    for event in events.filter(action__in={"file", "confirm", "cancel"}):
        firm = event.actor.enterprise_memberships.filter(enterprise=event.ticket.enterprise)
        staff = event.ticket.channel == "visit" and event.actor.station_memberships.exists()
        diagnosing_expert = ReportRecommendation.objects.filter(
            follow_up=event.ticket, report__ticket__assigned_expert__user=event.actor
        )
        assert firm.exists() or staff or diagnosing_expert.exists(), (
            event.action,
            event.ticket.reference,
        )


def test_visits_are_at_two_wuhan_stations_in_office_hours():
    from visits.models import Visit

    visits = Visit.objects.all()
    assert set(visits.values_list("station__code", flat=True)) == {"wh-01", "wh-02"}
    assert all(in_office_hours(visit.visited_at) for visit in visits)


def test_firms_registered_before_their_first_request():
    from django.db.models import F, Min

    firms = Enterprise.objects.annotate(first=Min("tickets__created_at")).filter(
        first__isnull=False
    )
    assert not firms.filter(created_at__gte=F("first")).exists()


def test_firms_served_a_year_or_more_have_capability_histories_that_show_change():
    import datetime

    from django.db.models import Min

    from enterprises.models import CapabilityRecord
    from tests.api_support import token_client

    year_ago = timezone.now() - datetime.timedelta(days=365)
    long_served = Enterprise.objects.annotate(first=Min("tickets__created_at")).filter(
        first__lte=year_ago
    )
    assert long_served.count() >= 20
    for firm in long_served:
        records = list(CapabilityRecord.objects.filter(enterprise=firm).order_by("as_of", "id"))
        assert len(records) >= 3, firm.name
        assert records[0].as_of < (timezone.localdate() - datetime.timedelta(days=365))
        latest = records[-1]
        assert (latest.has_lab, latest.in_standard_setting, latest.equipment_utilisation) == (
            firm.has_lab,
            firm.in_standard_setting,
            firm.equipment_utilisation,
        )
    admin = get_user_model().objects.get(username="demo_admin")
    shares = token_client(admin).get("/api/v1/stats/capability/").json()
    for name in ("standard_setting", "lab", "high_utilisation"):
        assert shares[name]["change"] > 0, name
    assert shares["enterprises_with_history"] == long_served.count()


def test_each_pilot_offers_its_menu_in_the_catalogue():
    from catalogue.models import Service

    def offered(station_code):
        return set(
            Service.objects.filter(stations__code=station_code).values_list("name", flat=True)
        )

    assert {
        "计量器具检定校准",
        "标准查询与制修订辅导",
        "认证咨询",
        "检验检测委托",
        "质量诊断",
    } <= offered("wh-01")
    assert all(
        offered(f"wh-{index:02d}") >= {"计量器具检定校准", "检验检测委托"} for index in range(1, 27)
    )
    assert {"螺蛳粉产品检验检测", "螺蛳粉保质期验证试验"} <= offered("lz-luosifen")
    assert {"质量诊断", "质量攻关", "品牌创建", "人才培养"} <= offered("tl-rubber")
    assert {"家纺产品抽样检验", "纺织品甲醛与色牢度检测"} <= offered("nt-textile")


def test_no_service_of_the_demo_is_without_an_expert():
    from tests.api_support import token_client

    admin = authenticate(username="demo_admin", password=DEMO_PASSWORD)
    rows = token_client(admin).get("/api/v1/stats/services/").json()

    assert len(rows) >= 17
    assert [row["code"] for row in rows if row["eligible_experts"] == 0] == []
    assert any(row["element"] == "other" for row in rows)


def test_the_demo_diagnoses_are_resolved_with_reports_and_follow_ups():
    from catalogue.models import DiagnosisReport

    reports = DiagnosisReport.objects.select_related("ticket__station")
    assert {report.ticket.station.code for report in reports} == {"tl-rubber", "wh-01"}
    for report in reports:
        assert report.ticket.status == Status.RESOLVED
        assert report.findings.count() >= 2
        follow_ups = [r.follow_up for r in report.recommendations.all() if r.follow_up]
        assert len(follow_ups) == 1
        assert follow_ups[0].enterprise_id == report.ticket.enterprise_id
