"""/api/v1/visits/: staff record doorstep visits; who sees them; findings filed as requests."""

import datetime

import pytest
from django.utils import timezone

from requests_app.models import Ticket
from tests.api_support import ROLES, ids, token_client
from tests.factories import EnterpriseFactory, StationMembershipFactory
from visits.models import Finding, Visit

pytestmark = pytest.mark.django_db

LIST = "/api/v1/visits/"


def visit_body(world, **overrides) -> dict:
    return {
        "enterprise": world.enterprise_e.pk,
        "visited_at": (timezone.now() - datetime.timedelta(hours=2)).isoformat(),
        "staff": [world.users["station_staff"].pk],
        "experts": [world.expert_x.pk],
        "summary": "走访生产车间，查看计量器具和出厂检验记录。",
        "internal_note": "老板对收费服务有顾虑。",
        "findings": [
            {"category": "metrology", "description": "电子秤超期未检定", "file": True},
            {"category": "standards", "description": "企业标准未自我声明公开"},
        ],
        **overrides,
    }


def record(world, **overrides) -> dict:
    response = world.client("station_staff").post(
        LIST, visit_body(world, **overrides), format="json"
    )
    assert response.status_code == 201, response.data
    return response.data


def test_recording_a_visit_files_the_findings_marked_file_in_one_go(world):
    data = record(world)

    assert data["station"] == world.station_a.pk
    assert data["staff"] == [world.users["station_staff"].pk]
    assert data["experts"] == [world.expert_x.pk]
    filed, noted = data["findings"]
    assert noted["ticket"] is None
    ticket = Ticket.objects.get(pk=filed["ticket"])
    assert (ticket.enterprise, ticket.station, ticket.channel, ticket.category) == (
        world.enterprise_e,
        world.station_a,
        "visit",
        "metrology",
    )
    assert ticket.filed_by == world.users["station_staff"]
    assert ticket.title == "电子秤超期未检定"
    assert ticket.visit_finding.visit_id == data["id"]


# GET /visits/{id}/ of a visit to E by station A.
DETAIL_STATUS = {
    "anonymous": 401,
    "enterprise": 200,
    "other_enterprise": 404,
    "station_staff": 200,
    "station_manager": 200,
    "other_staff": 404,
    "expert": 404,
    "supervisor_in": 200,
    "supervisor_out": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_visit(world, role):
    data = record(world)
    response = world.client(role).get(f"{LIST}{data['id']}/")
    assert response.status_code == DETAIL_STATUS[role]
    listed = world.client(role).get(LIST)
    if DETAIL_STATUS[role] == 200:
        assert ids(listed) == [data["id"]]
        shows_note = role != "enterprise"
        assert ("internal_note" in response.data) == shows_note
        assert ("老板对收费服务有顾虑" in response.content.decode()) == shows_note
    elif role != "anonymous":
        assert ids(listed) == []


@pytest.mark.parametrize(
    ("role", "status"),
    [("enterprise", 403), ("expert", 403), ("supervisor_in", 403), ("station_manager", 201)],
)
def test_only_station_staff_and_managers_record_visits(world, role, status):
    body = visit_body(world, staff=[world.users[role].pk])
    if role == "station_manager":
        body["staff"] = [world.users["station_manager"].pk]
    response = world.client(role).post(LIST, body, format="json")
    assert response.status_code == status, response.data
    assert Visit.objects.count() == (status == 201)


def test_anonymous_recording_is_401(world):
    assert token_client().post(LIST, visit_body(world), format="json").status_code == 401


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"enterprise": "enterprise_f"}, "enterprise"),
        ({"staff": []}, "staff"),
        ({"staff": "other_staff"}, "staff"),
        ({"visited_at": "tomorrow"}, "visited_at"),
        ({"summary": ""}, "summary"),
        ({"findings": [{"category": "chemistry", "description": "x"}]}, "findings"),
        ({"station": "station_b"}, "station"),
    ],
)
def test_bad_visits_are_400_and_record_nothing(world, overrides, field):
    resolve = {
        "enterprise_f": world.enterprise_f.pk,
        "other_staff": [world.users["other_staff"].pk],
        "station_b": world.station_b.pk,
        "tomorrow": (timezone.now() + datetime.timedelta(days=1)).isoformat(),
    }
    body = visit_body(
        world, **{k: resolve.get(v, v) if isinstance(v, str) else v for k, v in overrides.items()}
    )
    response = world.client("station_staff").post(LIST, body, format="json")
    assert response.status_code == 400
    assert field in response.data, response.data
    assert not Visit.objects.exists() and not Finding.objects.exists()
    assert not Ticket.objects.filter(channel="visit").exists()


def test_a_finding_the_station_cannot_take_refuses_the_whole_visit(world):
    world.station_a.services.filter(category="brand").delete()
    findings = [
        {"category": "metrology", "description": "电子秤超期未检定", "file": True},
        {"category": "brand", "description": "想申请地理标志", "file": True},
    ]
    response = world.client("station_staff").post(
        LIST, visit_body(world, findings=findings), format="json"
    )
    assert response.status_code == 400
    assert response.data["findings"] == ["第 2 项发现：该服务站不提供“品牌建设”服务。"]
    assert not Visit.objects.exists()
    assert not Ticket.objects.filter(channel="visit").exists()


def test_the_enterprise_confirms_its_visit_once(world):
    data = record(world)
    url = f"{LIST}{data['id']}/confirm/"

    assert world.client("station_staff").post(url).status_code == 403
    assert world.client("other_enterprise").post(url).status_code == 404
    confirmed = world.client("enterprise").post(url)
    again = world.client("enterprise").post(url)

    assert confirmed.status_code == 200, confirmed.data
    assert confirmed.data["confirmed_by"] == world.users["enterprise"].pk
    assert "internal_note" not in confirmed.data
    assert again.status_code == 409
    assert again.data["code"] == "already_confirmed"


def test_a_hub_visits_firms_across_its_city(world):
    hub_staff = StationMembershipFactory(station__region_code="420100").user
    firm = EnterpriseFactory(region_code="420111")
    body = visit_body(world, enterprise=firm.pk, staff=[hub_staff.pk], findings=[])
    response = token_client(hub_staff).post(LIST, body, format="json")
    assert response.status_code == 201, response.data


@pytest.mark.parametrize("rows", [1, 30])
def test_visit_list_query_count_does_not_grow_with_rows(world, django_assert_num_queries, rows):
    for _n in range(rows):
        record(world)
    client = world.client("station_staff")
    # token with caller; count; page; findings, staff and experts of the page
    with django_assert_num_queries(6):
        response = client.get(LIST, {"page_size": 200})
    assert len(response.json()["results"]) == rows


def test_unknown_filters_are_400(world):
    assert world.client("station_staff").get(LIST, {"colour": "red"}).status_code == 400


def test_overview_counts_visits_and_firms_visited_as_a_raw_count_does(world):
    second = EnterpriseFactory(region_code="420102")
    record(world)
    record(world)
    record(world, enterprise=second.pk, findings=[])
    old = timezone.now() - datetime.timedelta(days=40)
    record(world, visited_at=old.isoformat(), findings=[])
    today = timezone.localdate().isoformat()

    def raw(visits):
        return {
            "visits": len(visits),
            "enterprises_visited": len({v.enterprise_id for v in visits}),
        }

    for role, scope in (("station_staff", {}), ("supervisor_in", {}), ("other_staff", None)):
        for query in ({}, {"date_from": today}):
            data = world.client(role).get("/api/v1/stats/overview/", query).json()
            picked = [
                v
                for v in Visit.objects.all()
                if scope is not None
                and (not query or timezone.localdate(v.visited_at).isoformat() >= today)
            ]
            assert {k: data[k] for k in ("visits", "enterprises_visited")} == raw(picked)
    stations = world.client("admin").get("/api/v1/stats/stations/").json()
    row = next(r for r in stations if r["station"] == world.station_a.pk)
    assert (row["visits"], row["enterprises_visited"]) == (4, 2)


def test_a_region_change_moves_the_visits_roll_up(world):
    from visits.models import VisitDay
    from visits.stats import recount_enterprise

    record(world)
    record(world)
    Enterprise = type(world.enterprise_e)
    Enterprise.objects.filter(pk=world.enterprise_e.pk).update(region_code="420103")

    recount_enterprise(world.enterprise_e.pk)
    recount_enterprise(world.enterprise_e.pk)  # twice changes nothing

    assert list(VisitDay.objects.values_list("region", "visits")) == [("420103", 2)]
