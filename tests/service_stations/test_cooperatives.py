"""Cooperatives: membership lifecycle, inspections, pass rates, alerts, requests."""

import datetime

import pytest
from django.utils import timezone

from enterprises.choices import MemberRole
from notifications.models import Notification
from requests_app.choices import Category
from service_stations.choices import MembershipStatus, StationKind, StationRole
from service_stations.models import (
    CooperativeAlert,
    CooperativeMembership,
    CooperativeMembershipEvent,
    SamplingInspection,
)
from service_stations.services.cooperatives import (
    inspection_record,
    membership_join,
    membership_move,
)
from tests.api_support import token_client
from tests.factories import (
    AdminFactory,
    EnterpriseFactory,
    EnterpriseMembershipFactory,
    StationFactory,
    StationMembershipFactory,
    SupervisorScopeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop():
    return StationFactory(
        code="nt-coop",
        kind=StationKind.COOPERATIVE,
        region_code="320612",
        services=[Category.INSPECTION],
    )


@pytest.fixture
def people(coop):
    enterprise = EnterpriseFactory(region_code="320612")
    other = EnterpriseFactory(region_code="320612")
    return {
        "member": EnterpriseMembershipFactory(enterprise=enterprise, role=MemberRole.OWNER).user,
        "other_enterprise": EnterpriseMembershipFactory(enterprise=other).user,
        "staff": StationMembershipFactory(station=coop).user,
        "manager": StationMembershipFactory(station=coop, role=StationRole.MANAGER).user,
        "other_staff": StationMembershipFactory().user,
        "supervisor_in": SupervisorScopeFactory(region_prefix="3206").user,
        "supervisor_out": SupervisorScopeFactory(region_prefix="42").user,
        "admin": AdminFactory(),
        "enterprise": enterprise,
    }


def client(people, role):
    return token_client(people.get(role))


def active_member(coop, enterprise, manager=None):
    membership = membership_join(cooperative=coop, enterprise=enterprise, actor=None)
    return membership_move(membership=membership, action="approve", actor=manager)


def inspect(coop, enterprise, passed, **overrides):
    fields = {
        "product": "纯棉四件套",
        "batch": "B-001",
        "sampled_on": timezone.localdate(),
        "passed": passed,
        "defect_categories": [] if passed else ["色牢度"],
    } | overrides
    return inspection_record(cooperative=coop, enterprise=enterprise, inspector=None, **fields)


class TestMembershipLifecycle:
    def test_join_approve_suspend_leave_rejoin_keeps_the_whole_history(self, coop, people):
        member, manager = client(people, "member"), client(people, "manager")
        joined = member.post(f"/api/v1/cooperatives/{coop.pk}/join/", {}, format="json")
        assert joined.status_code == 201
        assert joined.json()["status"] == "pending"
        url = f"/api/v1/cooperative-memberships/{joined.json()['id']}/"
        assert manager.post(f"{url}approve/").json()["status"] == "active"
        suspended = manager.post(f"{url}suspend/", {"reason": "抽检连续不合格"}, format="json")
        assert suspended.json()["status"] == "suspended"
        assert member.post(f"{url}leave/").json()["status"] == "left"
        rejoined = member.post(f"/api/v1/cooperatives/{coop.pk}/join/", {}, format="json")
        assert rejoined.json()["id"] == joined.json()["id"]
        history = [(e["action"], e["to_status"]) for e in rejoined.json()["history"]]
        assert history == [
            ("join", "pending"),
            ("approve", "active"),
            ("suspend", "suspended"),
            ("leave", "left"),
            ("join", "pending"),
        ]
        assert CooperativeMembershipEvent.objects.get(action="suspend").note == "抽检连续不合格"

    def test_a_refused_enterprise_may_ask_again(self, coop, people):
        membership = membership_join(cooperative=coop, enterprise=people["enterprise"], actor=None)
        membership_move(membership=membership, action="refuse", actor=None)
        again = membership_join(cooperative=coop, enterprise=people["enterprise"], actor=None)
        assert again.status == MembershipStatus.PENDING

    @pytest.mark.parametrize(
        ("status", "move", "allowed"),
        [
            ("pending", "suspend", ["approve", "refuse", "leave"]),
            ("active", "approve", ["suspend", "leave"]),
            ("left", "leave", ["join"]),
            ("suspended", "refuse", ["reinstate", "leave"]),
        ],
    )
    def test_a_bad_move_is_409_with_the_allowed_moves(self, coop, people, status, move, allowed):
        membership = membership_join(cooperative=coop, enterprise=people["enterprise"], actor=None)
        CooperativeMembership.objects.filter(pk=membership.pk).update(status=status)
        response = client(people, "admin").post(
            f"/api/v1/cooperative-memberships/{membership.pk}/{move}/", {"reason": "x"}
        )
        assert response.status_code == 409
        assert response.json()["code"] == "invalid_membership_transition"
        assert response.json()["status"] == status
        assert response.json()["allowed"] == allowed

    def test_joining_twice_while_pending_is_409(self, coop, people):
        member = client(people, "member")
        member.post(f"/api/v1/cooperatives/{coop.pk}/join/")
        response = member.post(f"/api/v1/cooperatives/{coop.pk}/join/")
        assert response.status_code == 409
        assert response.json()["allowed"] == ["approve", "refuse", "leave"]

    def test_suspension_needs_a_reason(self, coop, people):
        membership = active_member(coop, people["enterprise"])
        response = client(people, "manager").post(
            f"/api/v1/cooperative-memberships/{membership.pk}/suspend/"
        )
        assert response.status_code == 400
        assert "reason" in response.json()

    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            ("anonymous", 401),
            ("other_enterprise", 404),
            ("other_staff", 404),
            ("supervisor_out", 404),
            ("member", 403),
            ("staff", 403),
            ("supervisor_in", 403),
            ("manager", 200),
            ("admin", 200),
        ],
    )
    def test_only_the_cooperatives_manager_approves(self, coop, people, role, expected):
        membership = membership_join(cooperative=coop, enterprise=people["enterprise"], actor=None)
        response = client(people, role).post(
            f"/api/v1/cooperative-memberships/{membership.pk}/approve/"
        )
        assert response.status_code == expected

    @pytest.mark.parametrize(
        ("role", "expected"),
        [("anonymous", 401), ("staff", 403), ("admin", 403), ("member", 201)],
    )
    def test_only_an_enterprise_member_asks_to_join(self, coop, people, role, expected):
        response = client(people, role).post(f"/api/v1/cooperatives/{coop.pk}/join/")
        assert response.status_code == expected

    def test_a_plain_station_takes_no_members(self, people):
        station = StationFactory()
        response = client(people, "member").post(f"/api/v1/cooperatives/{station.pk}/join/")
        assert response.status_code == 404

    @pytest.mark.parametrize(
        ("role", "sees"),
        [
            ("member", True),
            ("other_enterprise", False),
            ("staff", True),
            ("other_staff", False),
            ("supervisor_in", True),
            ("supervisor_out", False),
            ("admin", True),
        ],
    )
    def test_membership_list_is_scoped(self, coop, people, role, sees):
        active_member(coop, people["enterprise"])
        response = client(people, role).get("/api/v1/cooperative-memberships/")
        assert response.status_code == 200
        assert len(response.json()["results"]) == (1 if sees else 0)

    def test_membership_list_queries_do_not_grow_with_rows(
        self, coop, people, django_assert_max_num_queries
    ):
        admin = client(people, "admin")
        active_member(coop, people["enterprise"])
        with django_assert_max_num_queries(8) as one:
            admin.get("/api/v1/cooperative-memberships/")
        for _ in range(5):
            active_member(coop, EnterpriseFactory())
        with django_assert_max_num_queries(len(one.captured_queries)):
            assert len(admin.get("/api/v1/cooperative-memberships/").json()["results"]) == 6


class TestInspections:
    def body(self, coop, enterprise, **overrides):
        return {
            "cooperative": coop.pk,
            "enterprise": enterprise.pk,
            "product": "纯棉四件套",
            "batch": "B-7",
            "sampled_on": timezone.localdate().isoformat(),
            "passed": False,
            "defect_categories": ["色牢度", "甲醛含量"],
        } | overrides

    def test_staff_records_an_inspection_of_an_active_member(self, coop, people):
        active_member(coop, people["enterprise"])
        response = client(people, "staff").post(
            "/api/v1/inspections/", self.body(coop, people["enterprise"]), format="json"
        )
        assert response.status_code == 201
        assert response.json()["defect_categories"] == ["色牢度", "甲醛含量"]
        assert response.json()["inspector"] == people["staff"].pk

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"batch": "  "}, "batch"),
            ({"sampled_on": "2999-01-01"}, "sampled_on"),
            ({"passed": True}, "defect_categories"),
        ],
    )
    def test_invalid_inspection_is_400_and_writes_nothing(self, coop, people, overrides, field):
        active_member(coop, people["enterprise"])
        response = client(people, "staff").post(
            "/api/v1/inspections/",
            self.body(coop, people["enterprise"], **overrides),
            format="json",
        )
        assert response.status_code == 400
        assert field in response.json()
        assert not SamplingInspection.objects.exists()

    @pytest.mark.parametrize(
        "moves", [["leave", "join"], ["suspend"], ["leave"]], ids=["pending", "suspended", "left"]
    )
    def test_an_enterprise_not_active_on_the_sampling_day_is_400(self, coop, people, moves):
        active_member(coop, people["enterprise"])
        for move in moves:
            membership = CooperativeMembership.objects.get()
            membership_move(membership=membership, action=move, actor=None, reason="抽检")
        response = client(people, "staff").post(
            "/api/v1/inspections/", self.body(coop, people["enterprise"]), format="json"
        )
        assert response.status_code == 400
        assert "enterprise" in response.json()
        assert not SamplingInspection.objects.exists()

    def test_a_sample_from_before_the_enterprise_joined_is_400(self, coop, people):
        active_member(coop, people["enterprise"])
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        response = client(people, "staff").post(
            "/api/v1/inspections/",
            self.body(coop, people["enterprise"], sampled_on=yesterday.isoformat()),
            format="json",
        )
        assert response.status_code == 400

    @pytest.mark.parametrize("role", ["member", "other_staff", "supervisor_in"])
    def test_only_the_cooperatives_staff_records_inspections(self, coop, people, role):
        active_member(coop, people["enterprise"])
        response = client(people, role).post(
            "/api/v1/inspections/", self.body(coop, people["enterprise"]), format="json"
        )
        assert response.status_code == 403
        assert not SamplingInspection.objects.exists()

    def test_inspection_list_queries_do_not_grow_with_rows(
        self, coop, people, django_assert_max_num_queries
    ):
        staff = client(people, "staff")
        active_member(coop, people["enterprise"])
        inspect(coop, people["enterprise"], passed=False)
        with django_assert_max_num_queries(8) as one:
            staff.get("/api/v1/inspections/")
        for n in range(6):
            member = EnterpriseFactory(region_code="320612")
            active_member(coop, member)
            inspect(coop, member, passed=n % 2 == 0, batch=f"B-{n}")
        with django_assert_max_num_queries(len(one.captured_queries)):
            assert len(staff.get("/api/v1/inspections/").json()["results"]) == 7

    def test_a_failed_inspection_opens_a_request_at_the_cooperative_once(self, coop, people):
        active_member(coop, people["enterprise"])
        inspection = inspect(coop, people["enterprise"], passed=False)
        staff = client(people, "staff")
        url = f"/api/v1/inspections/{inspection.pk}/open-request/"
        response = staff.post(url)
        assert response.status_code == 201
        assert response.json()["station"] == coop.pk
        assert response.json()["enterprise"] == people["enterprise"].pk
        again = staff.post(url)
        assert again.status_code == 409
        assert again.json()["code"] == "request_already_opened"

    def test_a_passed_inspection_opens_no_request(self, coop, people):
        active_member(coop, people["enterprise"])
        inspection = inspect(coop, people["enterprise"], passed=True)
        response = client(people, "staff").post(
            f"/api/v1/inspections/{inspection.pk}/open-request/"
        )
        assert response.status_code == 409

    def test_a_category_the_cooperative_lacks_is_routed_elsewhere(self, coop, people):
        nearby = StationFactory(region_code="320612", services=[Category.BRAND])
        active_member(coop, people["enterprise"])
        inspection = inspect(coop, people["enterprise"], passed=False)
        response = client(people, "staff").post(
            f"/api/v1/inspections/{inspection.pk}/open-request/", {"category": "brand"}
        )
        assert response.json()["station"] == nearby.pk


class TestPassRate:
    def test_pass_rate_per_member_equals_a_direct_count(self, coop, people):
        first, second = people["enterprise"], EnterpriseFactory()
        active_member(coop, first)
        active_member(coop, second)
        today = timezone.localdate()
        for days_ago, enterprise, passed in [
            (0, first, True),
            (1, first, False),
            (2, first, True),
            (3, second, True),
            (40, second, False),
        ]:
            SamplingInspection.objects.create(
                cooperative=coop,
                enterprise=enterprise,
                product="毛巾",
                batch=f"B{days_ago}",
                sampled_on=today - datetime.timedelta(days=days_ago),
                passed=passed,
            )
        date_from = (today - datetime.timedelta(days=10)).isoformat()
        response = client(people, "manager").get(
            f"/api/v1/cooperatives/{coop.pk}/pass-rate/", {"date_from": date_from}
        )
        body = response.json()
        direct = SamplingInspection.objects.filter(sampled_on__gte=date_from)
        assert body["inspected"] == direct.count() == 4
        assert body["passed"] == direct.filter(passed=True).count() == 3
        assert body["pass_rate"] == 0.75
        rows = {row["enterprise"]: row for row in body["members"]}
        assert rows[first.pk]["pass_rate"] == pytest.approx(2 / 3)
        assert rows[second.pk]["inspected"] == 1

    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            ("anonymous", 401),
            ("member", 403),
            ("other_staff", 403),
            ("supervisor_out", 403),
            ("staff", 200),
            ("supervisor_in", 200),
            ("admin", 200),
        ],
    )
    def test_pass_rate_scoping(self, coop, people, role, expected):
        response = client(people, role).get(f"/api/v1/cooperatives/{coop.pk}/pass-rate/")
        assert response.status_code == expected


class TestAlerts:
    def test_the_alert_fires_once_under_target_and_again_only_after_recovery(self, coop, people):
        enterprise = people["enterprise"]
        active_member(coop, enterprise)
        coop.pass_rate_target = "0.500"
        coop.save()
        inspect(coop, enterprise, passed=True)
        assert not CooperativeAlert.objects.exists()
        inspect(coop, enterprise, passed=False)  # 1/2 = target: not under it
        assert not CooperativeAlert.objects.exists()
        inspect(coop, enterprise, passed=False)  # 1/3: under
        inspect(coop, enterprise, passed=False)  # 1/4: still under, no second alert
        assert CooperativeAlert.objects.count() == 1
        alert_titles = Notification.objects.filter(recipient=people["manager"])
        assert alert_titles.count() == 1
        for _ in range(3):
            inspect(coop, enterprise, passed=True)  # 4/7: recovered
        assert CooperativeAlert.objects.get().recovered_at is not None
        inspect(coop, enterprise, passed=False)  # 4/8: at target
        inspect(coop, enterprise, passed=False)  # 4/9: under again
        assert CooperativeAlert.objects.count() == 2
        assert Notification.objects.filter(recipient=people["manager"]).count() == 2
        assert not Notification.objects.filter(recipient=people["staff"]).exists()
