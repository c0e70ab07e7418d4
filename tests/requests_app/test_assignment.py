"""The matching engine: every filter and every score component."""

import pytest
from django.db.models import F

from enterprises.models import IndustryCluster
from requests_app.assignment import eligible_experts, rank
from requests_app.choices import Category
from requests_app.models import TicketDecline
from service_stations.models import Expert
from tests.factories import EnterpriseFactory, ExpertFactory, StationFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    return StationFactory(code="hub", region_code="420100")


@pytest.fixture
def station(hub):
    return StationFactory(code="jiangan", region_code="420102", parent=hub)


@pytest.fixture
def ticket(station):
    enterprise = EnterpriseFactory(name="武汉精衡仪表有限公司", industry_code="C4014")
    return TicketFactory(enterprise=enterprise, station=station, category=Category.METROLOGY)


def expert_at(station, **kwargs):
    expert = ExpertFactory(**kwargs)
    expert.stations.add(station)
    return expert


def ids(experts):
    return [e.pk for e in experts]


class TestFilters:
    def test_an_available_expert_with_the_specialty_and_room_is_eligible(self, ticket, station):
        expert = expert_at(station)
        assert ids(eligible_experts(ticket)) == [expert.pk]

    def test_an_unavailable_expert_is_not_eligible(self, ticket, station):
        expert_at(station, is_available=False)
        assert ids(eligible_experts(ticket)) == []

    def test_an_expert_without_the_specialty_is_not_eligible(self, ticket, station):
        expert_at(station, specialties=[Category.STANDARDS])
        assert ids(eligible_experts(ticket)) == []

    def test_an_expert_at_capacity_is_not_eligible(self, ticket, station):
        expert = expert_at(station, capacity=2)
        Expert.objects.filter(pk=expert.pk).update(open_assignments=F("capacity"))
        assert ids(eligible_experts(ticket)) == []

    def test_an_expert_who_declined_is_not_eligible(self, ticket, station):
        declined = expert_at(station)
        other = expert_at(station)
        TicketDecline.objects.create(ticket=ticket, expert=declined, reason="冲突")
        assert ids(eligible_experts(ticket)) == [other.pk]

    def test_an_expert_of_the_filing_enterprise_is_not_eligible(self, ticket, station):
        expert_at(station, organization=ticket.enterprise.name)
        assert ids(eligible_experts(ticket)) == []


class TestChooser:
    def test_industry_division_match_beats_the_routed_station(self, ticket, station, hub):
        at_station = expert_at(station, industries=["C34"])
        far = StationFactory(code="far", region_code="110101")
        specialist = expert_at(far, industries=["C40"])
        assert ids(m.expert for m in rank(ticket, [at_station, specialist])) == [
            specialist.pk,
            at_station.pk,
        ]

    def test_cluster_match_scores_above_no_match(self, ticket, station):
        cluster = IndustryCluster.objects.create(
            name="光电子", region_code="420111", industry_code="C40"
        )
        ticket.enterprise.industry_code = "C4090"
        ticket.enterprise.cluster = cluster
        ticket.enterprise.save()
        plain = expert_at(station, industries=["C34"])
        cluster_expert = expert_at(station, industries=["C4"])
        best = rank(ticket, [plain, cluster_expert])[0]
        assert best.expert == cluster_expert
        assert best.score.industry == 1

    def test_section_letter_match_scores_one(self, ticket, station):
        (match,) = rank(ticket, [expert_at(station, industries=["C"])])
        assert (match.score.industry, match.score.industry_prefix) == (1, "C")

    def test_routed_station_beats_parent_beats_same_city_beats_elsewhere(
        self, ticket, station, hub
    ):
        elsewhere = expert_at(StationFactory(code="bj", region_code="110101"))
        same_city = expert_at(StationFactory(code="wuchang", region_code="420106"))
        parent = expert_at(hub)
        routed = expert_at(station)
        ranking = rank(ticket, [elsewhere, same_city, parent, routed])
        assert ids(m.expert for m in ranking) == ids([routed, parent, same_city, elsewhere])
        assert [m.score.station for m in ranking] == [3, 2, 1, 0]

    def test_lighter_load_wins_between_equals(self, ticket, station):
        busy = expert_at(station, capacity=4)
        idle = expert_at(station, capacity=4)
        Expert.objects.filter(pk=busy.pk).update(open_assignments=2)
        busy.refresh_from_db()
        assert rank(ticket, [busy, idle])[0].expert == idle

    def test_load_is_relative_to_capacity(self, ticket, station):
        half_of_two = expert_at(station, capacity=2)
        one_of_eight = expert_at(station, capacity=8)
        Expert.objects.filter(pk__in=[half_of_two.pk, one_of_eight.pk]).update(open_assignments=1)
        experts = list(Expert.objects.filter(pk__in=[half_of_two.pk, one_of_eight.pk]))
        assert rank(ticket, experts)[0].expert == one_of_eight

    def test_ties_break_on_the_lower_id_whatever_the_input_order(self, ticket, station):
        first, second = expert_at(station), expert_at(station)
        assert rank(ticket, [second, first])[0].expert == first

    def test_the_reason_gives_the_score_breakdown(self, ticket, station):
        expert = expert_at(station, industries=["C40"], capacity=5)
        reason = rank(ticket, [expert])[0].reason()
        assert expert.name in reason
        assert "行业匹配 2/2（C40）" in reason
        assert "服务站 3/3（本站）" in reason
        assert "负载 0/5" in reason
