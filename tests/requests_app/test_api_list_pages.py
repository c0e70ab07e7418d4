"""The request list: rows carry the contract's fields; pages follow opaque cursors."""

import datetime

import pytest
from django.utils import timezone

from requests_app.api.filters import TicketFilter
from requests_app.choices import Status
from tests.factories import TicketFactory
from tests.requests_app.helpers import client_for, count_queries, token_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets/"


@pytest.fixture
def seven(world):
    """Seven requests at our station, filed a day apart, due in another order."""
    now = timezone.now()
    return [
        TicketFactory(
            enterprise=world.enterprise,
            station=world.station,
            created_at=now - datetime.timedelta(days=n),
            due_at=now + datetime.timedelta(days=(n * 3) % 7),
        )
        for n in range(7)
    ]


def walk_pages(client, url):
    """Follow ``next`` from ``url``; return the ids of every page, and the last response."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.data
        pages.append([row["id"] for row in response.data["results"]])
        url = response.data["next"]
    return pages, response


@pytest.mark.parametrize(
    ("ordering", "key"),
    [
        ("", lambda t: (-t.created_at.timestamp(), -t.pk)),
        ("due_at", lambda t: (t.due_at, t.pk)),
        ("-due_at", lambda t: (-t.due_at.timestamp(), -t.pk)),
        ("id", lambda t: t.pk),
    ],
)
def test_following_next_visits_every_request_once_in_the_chosen_order(world, seven, ordering, key):
    pages, _last = walk_pages(
        client_for(world.staff), f"{URL}?page_size=3&ordering={ordering}".rstrip("=")
    )

    assert [len(page) for page in pages] == [3, 3, 1]
    assert [pk for page in pages for pk in page] == [t.pk for t in sorted(seven, key=key)]


def test_previous_leads_back_to_the_page_before(world, seven):
    client = client_for(world.staff)
    first = client.get(f"{URL}?page_size=3")
    second = client.get(first.data["next"])

    back = client.get(second.data["previous"])

    assert first.data["previous"] is None
    assert [row["id"] for row in back.data["results"]] == [
        row["id"] for row in first.data["results"]
    ]


def test_filters_keep_applying_on_every_page(world, seven):
    for ticket in seven[:4]:
        ticket.status = Status.TRIAGED
        ticket.save(update_fields=["status"])

    pages, _last = walk_pages(client_for(world.staff), f"{URL}?status=triaged&page_size=3")

    assert sorted(pk for page in pages for pk in page) == sorted(t.pk for t in seven[:4])


def test_a_list_page_counts_no_rows_and_hides_the_cursor(world, seven):
    response = client_for(world.staff).get(f"{URL}?page_size=3")

    assert set(response.data) == {"next", "previous", "results"}
    assert "cursor=" in response.data["next"]
    assert "page=" not in response.data["next"]


def test_a_deep_page_costs_the_queries_of_the_first(world, seven):
    client = token_client(world.staff)
    first, response = count_queries(client, f"{URL}?page_size=2")
    for _page in range(2):
        response = client.get(response.data["next"])
    deep, _response = count_queries(client, response.data["next"])

    assert deep == first


def test_list_rows_carry_the_contract_fields_with_labels_in_the_callers_language(world):
    ticket = TicketFactory(enterprise=world.enterprise, station=world.station)
    client = client_for(world.staff)

    chinese = client.get(URL).data["results"][0]
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").data["results"][0]

    assert chinese["id"] == ticket.pk
    assert {
        "id",
        "reference",
        "status",
        "enterprise",
        "station",
        "category",
        "urgency",
        "assigned_expert",
        "due_at",
        "created_at",
        "is_overdue",
    } <= set(chinese)
    assert (chinese["status_label"], chinese["category_label"]) == ("已提交", "计量")
    assert (english["status_label"], english["urgency_label"]) == ("Submitted", "Normal")


def test_a_list_page_by_token_costs_two_queries_whatever_its_size(world, seven):
    client = token_client(world.staff)

    small, _response = count_queries(client, f"{URL}?page_size=2")
    large, response = count_queries(client, f"{URL}?page_size=50")

    # the token with the caller's roles and stations; the page
    assert small == large == 2
    assert len(response.data["results"]) == 7


def test_a_detail_by_token_costs_two_queries(world, seven):
    queries, response = count_queries(token_client(world.staff), f"{URL}{seven[0].pk}/")

    assert queries == 2
    assert response.data["id"] == seven[0].pk


def test_a_page_without_filters_builds_no_filterset_and_a_filtered_one_does(
    world, seven, monkeypatch
):
    built = []
    original = TicketFilter.__init__
    monkeypatch.setattr(
        TicketFilter,
        "__init__",
        lambda self, *args, **kwargs: built.append(1) or original(self, *args, **kwargs),
    )
    client = client_for(world.staff)
    first = client.get(f"{URL}?page_size=3")
    client.get(first.data["next"])
    assert built == []

    assert client.get(f"{URL}?page_size=3&status=triaged").data["results"] == []
    assert client.get(f"{URL}?status=bogus").status_code == 400
    assert len(built) == 2
