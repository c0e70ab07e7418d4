"""Leave and expired qualifications exclude experts; members route to their cooperative."""

import datetime

import pytest
from django.utils import timezone

from requests_app.assignment import eligible_experts
from requests_app.choices import Category
from requests_app.routing import route
from requests_app.services import ticket_file
from service_stations.choices import MembershipStatus, StationKind
from service_stations.models import CooperativeMembership, ExpertLeave, ExpertSpecialty
from tests.factories import EnterpriseFactory, ExpertFactory, StationFactory, TicketFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def ticket():
    return TicketFactory(category=Category.METROLOGY)


def eligible_ids(ticket):
    return [e.pk for e in eligible_experts(ticket)]


class TestLeave:
    def test_an_expert_on_leave_today_is_not_eligible(self, ticket):
        expert = ExpertFactory()
        today = timezone.localdate()
        ExpertLeave.objects.create(expert=expert, starts_on=today - DAY, ends_on=today)
        assert eligible_ids(ticket) == []

    def test_an_expert_whose_leave_is_over_or_ahead_is_eligible(self, ticket):
        expert = ExpertFactory()
        today = timezone.localdate()
        ExpertLeave.objects.create(expert=expert, starts_on=today - 9 * DAY, ends_on=today - DAY)
        ExpertLeave.objects.create(expert=expert, starts_on=today + DAY, ends_on=today + 5 * DAY)
        assert eligible_ids(ticket) == [expert.pk]


class TestQualificationValidity:
    def test_an_expired_qualification_for_the_category_excludes_the_expert(self, ticket):
        expert = ExpertFactory()
        ExpertSpecialty.objects.filter(expert=expert).update(valid_until=timezone.localdate() - DAY)
        assert eligible_ids(ticket) == []

    def test_a_qualification_valid_through_today_counts(self, ticket):
        expert = ExpertFactory()
        ExpertSpecialty.objects.filter(expert=expert).update(valid_until=timezone.localdate())
        assert eligible_ids(ticket) == [expert.pk]

    def test_a_valid_qualification_in_another_category_does_not_rescue_an_expired_one(self, ticket):
        expert = ExpertFactory(specialties=[Category.METROLOGY, Category.STANDARDS])
        expert.specialties.filter(category=Category.METROLOGY).update(
            valid_until=timezone.localdate() - DAY
        )
        assert eligible_ids(ticket) == []


@pytest.fixture
def cooperative():
    return StationFactory(
        code="nt-coop",
        kind=StationKind.COOPERATIVE,
        region_code="320600",  # the city: a district station is nearer to the members
        services=[Category.INSPECTION, Category.STANDARDS],
    )


@pytest.fixture
def member(cooperative):
    enterprise = EnterpriseFactory(region_code="320612")
    CooperativeMembership.objects.create(
        cooperative=cooperative, enterprise=enterprise, status=MembershipStatus.ACTIVE
    )
    return enterprise


@pytest.fixture
def district_station():
    return StationFactory(code="nt-district", region_code="320612")


class TestCooperativeRouting:
    def test_an_active_members_request_goes_to_its_cooperative(
        self, member, cooperative, district_station
    ):
        assert route(region_code="320612", category=Category.INSPECTION, enterprise=member) == (
            cooperative
        )

    def test_filing_routes_a_members_request_to_the_cooperative(
        self, member, cooperative, district_station
    ):
        ticket = ticket_file(
            enterprise=member,
            filed_by=None,
            title="抽检不合格",
            description="色牢度不合格",
            category=Category.INSPECTION,
        )
        assert ticket.station == cooperative

    def test_a_category_the_cooperative_does_not_offer_routes_normally(
        self, member, cooperative, district_station
    ):
        station = route(region_code="320612", category=Category.METROLOGY, enterprise=member)
        assert station == district_station

    @pytest.mark.parametrize(
        "status", [MembershipStatus.PENDING, MembershipStatus.SUSPENDED, MembershipStatus.LEFT]
    )
    def test_a_member_not_active_routes_normally(
        self, member, cooperative, district_station, status
    ):
        CooperativeMembership.objects.update(status=status)
        station = route(region_code="320612", category=Category.INSPECTION, enterprise=member)
        assert station != cooperative

    def test_an_inactive_cooperative_is_skipped(self, member, cooperative, district_station):
        cooperative.is_active = False
        cooperative.save()
        station = route(region_code="320612", category=Category.INSPECTION, enterprise=member)
        assert station == district_station

    def test_a_non_member_in_the_same_district_is_not_sent_to_the_cooperative(
        self, cooperative, district_station
    ):
        outsider = EnterpriseFactory(region_code="320612")
        station = route(region_code="320612", category=Category.INSPECTION, enterprise=outsider)
        assert station == district_station
