"""Lists, details and events: each role sees its scope; foreign requests never show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from requests_app.choices import Category, Status
from tests.factories import (
    EnterpriseFactory,
    ExpertFactory,
    StationFactory,
    TicketFactory,
    UserFactory,
)
from tests.requests_app.helpers import (
    client_for,
    count_queries,
    file_ticket,
    ticket_in,
    token_client,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets/"


def ids(response):
    assert response.status_code == 200, response.data
    return {row["id"] for row in response.data["results"]}


@pytest.fixture
def two_tickets(world):
    """Our request (district 420102, at our station) and a foreign one elsewhere."""
    ours = ticket_in(Status.IN_PROGRESS, world)
    foreign_enterprise = EnterpriseFactory(region_code="320684")
    foreign_station = StationFactory(region_code="320684")
    foreign = TicketFactory(
        enterprise=foreign_enterprise,
        station=foreign_station,
        assigned_expert=world.other_expert,
        title="电子秤 foreign",
    )
    return ours, foreign


@pytest.mark.parametrize(
    "role",
    ["enterprise", "station_staff", "station_manager", "expert", "supervisor", "admin"],
)
def test_each_role_sees_our_request_in_list_detail_and_events(world, two_tickets, role):
    ours, foreign = two_tickets
    client = client_for(world.user(role))

    listed = ids(client.get(URL))

    assert ours.pk in listed
    assert (foreign.pk in listed) == (role == "admin")
    assert client.get(f"{URL}{ours.pk}/").status_code == 200
    assert client.get(f"{URL}{ours.pk}/events/").status_code == 200


@pytest.mark.parametrize(
    "role", ["other_enterprise", "other_station_staff", "other_expert", "foreign_supervisor"]
)
def test_out_of_scope_request_is_404_and_never_listed_searched_or_filtered(
    world, two_tickets, role
):
    ours, _ = two_tickets
    client = client_for(world.user(role))

    assert client.get(f"{URL}{ours.pk}/").status_code == 404
    assert client.get(f"{URL}{ours.pk}/events/").status_code == 404
    for query in (
        "",
        f"?search={ours.reference}",
        f"?station={ours.station_id}",
        f"?enterprise={ours.enterprise_id}",
        f"?assigned_expert={ours.assigned_expert_id}",
        "?region=42",
        f"?status={Status.IN_PROGRESS}",
    ):
        assert ours.pk not in ids(client.get(URL + query)), query


def test_anonymous_list_and_detail_are_401(world):
    ticket = file_ticket(world)
    assert APIClient().get(URL).status_code == 401
    assert APIClient().get(f"{URL}{ticket.pk}/").status_code == 401


def test_an_expert_keeps_seeing_a_request_they_declined(world):
    ticket = ticket_in(Status.ASSIGNED, world)
    client = client_for(world.expert.user)
    assert client.post(f"{URL}{ticket.pk}/decline/", {"reason": "回避"}).status_code == 200

    assert ticket.pk in ids(client.get(URL))
    assert client.get(f"{URL}{ticket.pk}/").data["status"] == Status.TRIAGED


def test_an_expert_taken_off_a_request_keeps_seeing_it(world):
    ticket = ticket_in(Status.ASSIGNED, world)
    client_for(world.staff).post(f"{URL}{ticket.pk}/assign/", {"expert": world.second_expert.pk})

    assert client_for(world.expert.user).get(f"{URL}{ticket.pk}/").status_code == 200


def test_staff_lose_sight_of_a_request_they_transferred(world):
    ticket = file_ticket(world)
    response = client_for(world.staff).post(
        f"{URL}{ticket.pk}/transfer/", {"station": world.other_station.pk, "reason": "转办"}
    )
    assert response.status_code == 200
    assert response.data["station"] == world.other_station.pk
    assert client_for(world.staff).get(f"{URL}{ticket.pk}/").status_code == 404
    assert client_for(world.other_staff).get(f"{URL}{ticket.pk}/").status_code == 200


def test_a_user_with_several_roles_sees_each_request_once(world):
    ticket = file_ticket(world)
    world.staff.enterprise_memberships.create(enterprise=world.enterprise)

    response = client_for(world.staff).get(URL)

    assert [row["id"] for row in response.data["results"]] == [ticket.pk]


class TestFilters:
    @pytest.fixture
    def tickets(self, world):
        now = timezone.now()
        return {
            "old_overdue": TicketFactory(
                enterprise=world.enterprise,
                station=world.station,
                status=Status.TRIAGED,
                created_at=now - datetime.timedelta(days=30),
                due_at=now - datetime.timedelta(days=20),
                reference="WH-DAIJIASHAN-20260101-0001",
                title="温度计漂移",
            ),
            "closed_late": TicketFactory(
                enterprise=world.enterprise,
                station=world.station,
                status=Status.CLOSED,
                due_at=now - datetime.timedelta(days=1),
                category=Category.STANDARDS,
                title="企业标准备案",
            ),
            "elsewhere": TicketFactory(
                enterprise=EnterpriseFactory(region_code="420500"),
                station=world.station,
                status=Status.ASSIGNED,
                assigned_expert=world.expert,
                category=Category.INSPECTION,
                title="包装检测",
            ),
        }

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("status=triaged", {"old_overdue"}),
            ("status=triaged,closed", {"old_overdue", "closed_late"}),
            ("category=standards,inspection", {"closed_late", "elsewhere"}),
            ("region=4201", {"old_overdue", "closed_late"}),
            ("region=420500", {"elsewhere"}),
            ("overdue=true", {"old_overdue"}),
            ("overdue=false", {"closed_late", "elsewhere"}),
            ("search=20260101", {"old_overdue"}),
            ("search=标准", {"closed_late"}),
        ],
    )
    def test_filter_selects_the_matching_requests(self, world, tickets, query, expected):
        found = ids(client_for(world.staff).get(f"{URL}?{query}"))
        assert found == {tickets[name].pk for name in expected}

    def test_id_filters(self, world, tickets):
        client = client_for(world.staff)
        elsewhere = tickets["elsewhere"]
        assert ids(client.get(f"{URL}?assigned_expert={world.expert.pk}")) == {elsewhere.pk}
        assert ids(client.get(f"{URL}?enterprise={elsewhere.enterprise_id}")) == {elsewhere.pk}
        assert len(ids(client.get(f"{URL}?station={world.station.pk}"))) == 3

    def test_created_after_and_before(self, world, tickets):
        cutoff = (timezone.now() - datetime.timedelta(days=10)).isoformat()
        client = client_for(world.staff)
        assert ids(client.get(URL, {"created_before": cutoff})) == {tickets["old_overdue"].pk}
        assert tickets["old_overdue"].pk not in ids(client.get(URL, {"created_after": cutoff}))

    def test_ordering_by_due_date(self, world, tickets):
        response = client_for(world.staff).get(f"{URL}?ordering=due_at")
        due = [row["due_at"] for row in response.data["results"]]
        assert due == sorted(due)
        assert response.data["results"][0]["id"] == tickets["old_overdue"].pk

    @pytest.mark.parametrize(
        "query",
        [
            "status=done",
            "status=triaged,done",
            "category=chemistry",
            "overdue=maybe",
            "region=420",
            "station=abc",
            "created_after=yesterday",
            "ordering=title",
        ],
    )
    def test_unknown_filter_value_is_400(self, world, tickets, query):
        response = client_for(world.staff).get(f"{URL}?{query}")
        assert response.status_code == 400

    @pytest.mark.parametrize("query", ["bogus=1", "statuss=triaged", "page_size=2&stauts=closed"])
    def test_an_unknown_filter_is_400_not_ignored(self, world, tickets, query):
        response = client_for(world.staff).get(f"{URL}?{query}")
        assert response.status_code == 400
        unknown = query.rsplit("&", 1)[-1].split("=")[0]
        assert response.json() == {unknown: ["未知的筛选条件。"]}

    def test_paging_parameters_are_no_filters(self, world, tickets):
        client = client_for(world.staff)
        first = client.get(f"{URL}?page_size=1&format=json")
        assert first.status_code == 200
        assert client.get(first.json()["next"]).status_code == 200  # carries ?cursor=


@pytest.mark.parametrize("role", ["enterprise", "station_staff", "expert", "supervisor", "admin"])
def test_list_query_count_is_the_same_for_1_and_50_rows_and_at_most_8(world, role):
    ticket = ticket_in(Status.ASSIGNED, world)
    client = token_client(world.user(role))
    one, response = count_queries(client, URL)
    assert len(response.data["results"]) == 1

    more = [
        TicketFactory(
            enterprise=world.enterprise,
            station=world.station,
            assigned_expert=ExpertFactory(),
            status=Status.ASSIGNED,
        )
        for _ in range(49)
    ]
    for other in more:
        other.assignments.create(expert=world.expert)
    fifty, response = count_queries(client, URL)

    assert len(response.data["results"]) == 50
    assert one == fifty <= 8
    assert ticket.pk in {row["id"] for row in response.data["results"]}


def test_detail_costs_at_most_10_queries(world):
    ticket = ticket_in(Status.IN_PROGRESS, world)
    queries, response = count_queries(token_client(world.owner), f"{URL}{ticket.pk}/")
    assert response.data["assigned_expert_detail"]["id"] == world.expert.pk
    assert queries <= 10


def test_detail_reads_of_related_records_only_what_their_briefs_show(world):
    ticket = ticket_in(Status.IN_PROGRESS, world)
    client = token_client(world.staff)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{URL}{ticket.pk}/")

    assert response.status_code == 200
    assert len(queries) == 2  # the token with the caller, the request with its briefs
    row_sql = queries.captured_queries[1]["sql"]
    assert '"enterprises_enterprise"."name"' in row_sql
    assert '"enterprises_enterprise"."contact_phone"' not in row_sql  # nothing to decrypt
    assert '"service_stations_expert"."industries"' not in row_sql
    assert response.data["enterprise_detail"] == {
        "id": ticket.enterprise_id,
        "name": ticket.enterprise.name,
        "region_code": ticket.enterprise.region_code,
    }


def test_events_are_oldest_first_paginated_and_shaped_as_the_contract(world):
    ticket = ticket_in(Status.CLOSED, world)
    client = client_for(world.owner)

    response = client.get(f"{URL}{ticket.pk}/events/?page_size=2")

    assert response.status_code == 200
    first_page = response.data["results"]
    assert [e["action"] for e in first_page] == ["file", "triage"]
    assert set(first_page[0]) >= {
        "id",
        "action",
        "from_status",
        "to_status",
        "actor",
        "note",
        "created_at",
    }
    assert first_page[0]["from_status"] is None
    assert first_page[0]["actor"] == world.owner.pk
    actions = [e["action"] for e in first_page]
    url = response.data["next"]
    while url:
        page = client.get(url)
        actions += [e["action"] for e in page.data["results"]]
        url = page.data["next"]
    assert actions == ["file", "triage", "assign", "accept", "resolve", "confirm"]


def test_events_query_count_does_not_grow_with_the_trail(world):
    short = ticket_in(Status.SUBMITTED, world)
    long = ticket_in(Status.CLOSED, world)
    client = token_client(world.owner)
    assert (
        count_queries(client, f"{URL}{short.pk}/events/")[0]
        == count_queries(client, f"{URL}{long.pk}/events/")[0]
    )


def test_a_user_without_any_role_sees_nothing(world):
    file_ticket(world)
    assert ids(client_for(UserFactory()).get(URL)) == set()
