import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
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
