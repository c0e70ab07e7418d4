"""No collection ever shows a caller an object of the other side.

Everything private on the other side carries its label ``theirs`` (a title, a
name, a reference, a comment, a file name), so a leak shows anywhere in a body.
Each check has its control: the same request by the same role on the other side
does show ``theirs``, so the label would be seen if it leaked.
"""

import csv
import io

import pytest
from django.utils import timezone

from notifications.models import Notification
from tests.api_support import token_client
from tests.authz.world import OURS, THEIRS, World

pytestmark = pytest.mark.django_db

CALLERS = ["enterprise", "station_staff", "station_manager", "expert", "supervisor"]
DESK = ["station_staff", "station_manager", "supervisor"]  # those with statistics
MISSING = 987654321


# Each collection with the queries that name the other side's objects.
COLLECTIONS = {
    "tickets": (
        "/api/v1/tickets/",
        {
            "all": lambda w: "",
            "search_reference": lambda w: f"search={w.theirs.ticket.reference}",
            "search_title": lambda w: "search=theirs",
            "enterprise": lambda w: f"enterprise={w.theirs.enterprise.pk}",
            "station": lambda w: f"station={w.theirs.station.pk}",
            "assigned_expert": lambda w: f"assigned_expert={w.theirs.expert.pk}",
            "region": lambda w: f"region={w.theirs.enterprise.region_code[:2]}",
        },
    ),
    "enterprises": (
        "/api/v1/enterprises/",
        {
            "all": lambda w: "",
            "search_name": lambda w: "search=theirs",
            "search_credit_code": lambda w: f"search={w.theirs.enterprise.credit_code}",
            "region": lambda w: f"region={w.theirs.enterprise.region_code[:2]}",
        },
    ),
    "memberships": (
        "/api/v1/cooperative-memberships/",
        {
            "all": lambda w: "",
            "enterprise": lambda w: f"enterprise={w.theirs.enterprise.pk}",
            "cooperative": lambda w: f"cooperative={w.theirs.cooperative.pk}",
        },
    ),
    "inspections": (
        "/api/v1/inspections/",
        {
            "all": lambda w: "",
            "enterprise": lambda w: f"enterprise={w.theirs.enterprise.pk}",
            "cooperative": lambda w: f"cooperative={w.theirs.cooperative.pk}",
        },
    ),
    "visits": (
        "/api/v1/visits/",
        {
            "all": lambda w: "",
            "enterprise": lambda w: f"enterprise={w.theirs.enterprise.pk}",
            "station": lambda w: f"station={w.theirs.station.pk}",
        },
    ),
    "bookings": (
        "/api/v1/bookings/",
        {
            "all": lambda w: "",
            "instrument": lambda w: f"instrument={w.theirs.instrument.pk}",
            "lab": lambda w: f"lab={w.theirs.lab.pk}",
            "enterprise": lambda w: f"enterprise={w.theirs.enterprise.pk}",
        },
    ),
    "enrolments": (
        "/api/v1/enrolments/",
        {
            "all": lambda w: "",
        },
    ),
    "notifications": (
        "/api/v1/notifications/",
        {
            "all": lambda w: "",
            "ticket": lambda w: f"ticket={w.theirs.ticket.pk}",
        },
    ),
}

# Experts see no cooperative, visit, booking or training records on either side: no control.
SEES_NONE = {
    ("memberships", "expert"),
    ("inspections", "expert"),
    ("visits", "expert"),
    ("bookings", "expert"),
    ("enrolments", "expert"),
}

COLLECTION_CASES = [
    pytest.param(family, query, role, id=f"{family}-{query}-{role}")
    for family, (_url, queries) in COLLECTIONS.items()
    for query in queries
    for role in CALLERS
]


def get(world: World, role: str, url: str, side: str = OURS):
    response = token_client(world.user(role, side)).get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def shows(response, label: str) -> bool:
    return label in response.content.decode().lower()


@pytest.mark.parametrize(("family", "query", "role"), COLLECTION_CASES)
def test_a_collection_never_shows_the_other_side(world, family, query, role):
    path, queries = COLLECTIONS[family]
    url = f"{path}?page_size=200&{queries[query](world)}"

    mine = get(world, role, url)
    counterpart = get(world, role, url, side=THEIRS)

    assert not shows(mine, THEIRS)
    if (family, role) in SEES_NONE:
        assert mine.json()["results"] == counterpart.json()["results"] == []
    else:
        assert shows(counterpart, THEIRS)


FOREIGN_ID_FILTERS = {
    "tickets-enterprise": ("/api/v1/tickets/", "enterprise", lambda w: w.theirs.enterprise),
    "tickets-station": ("/api/v1/tickets/", "station", lambda w: w.theirs.station),
    "tickets-expert": ("/api/v1/tickets/", "assigned_expert", lambda w: w.theirs.expert),
    "memberships-enterprise": (
        "/api/v1/cooperative-memberships/",
        "enterprise",
        lambda w: w.theirs.enterprise,
    ),
    "inspections-enterprise": (
        "/api/v1/inspections/",
        "enterprise",
        lambda w: w.theirs.enterprise,
    ),
    "notifications-ticket": ("/api/v1/notifications/", "ticket", lambda w: w.theirs.ticket),
    "visits-enterprise": ("/api/v1/visits/", "enterprise", lambda w: w.theirs.enterprise),
    "bookings-enterprise": ("/api/v1/bookings/", "enterprise", lambda w: w.theirs.enterprise),
    "bookings-lab": ("/api/v1/bookings/", "lab", lambda w: w.theirs.lab),
}


@pytest.mark.parametrize("role", CALLERS)
@pytest.mark.parametrize("name", FOREIGN_ID_FILTERS)
def test_filtering_by_a_foreign_id_answers_as_for_a_missing_one(world, name, role):
    """An object the caller may not see is as if it did not exist, in filters too."""
    path, param, foreign = FOREIGN_ID_FILTERS[name]
    client = token_client(world.user(role))

    by_foreign = client.get(path, {param: foreign(world).pk})
    by_missing = client.get(path, {param: MISSING})

    assert (by_foreign.status_code, by_foreign.json()) == (
        by_missing.status_code,
        by_missing.json(),
    )


@pytest.mark.parametrize("role", CALLERS + ["admin"])
@pytest.mark.parametrize("nested", ["events", "comments", "attachments"])
def test_our_requests_nested_lists_hold_only_its_own_rows(world, nested, role):
    ticket = world.ours.ticket
    rows = get(world, role, f"/api/v1/tickets/{ticket.pk}/{nested}/?page_size=200").json()

    expected = {
        "events": {e.pk for e in ticket.events.all()},
        "comments": {c.pk for c in world.ours.comments if role != "enterprise" or not c.internal},
        "attachments": {world.ours.attachment.pk},
    }[nested]
    assert {row["id"] for row in rows["results"]} == expected


@pytest.mark.parametrize("role", CALLERS + ["admin"])
def test_an_attachment_downloads_only_under_its_own_request(world, role):
    client = token_client(world.user(role))
    ours, foreign = world.ours, world.theirs
    base = f"/api/v1/tickets/{ours.ticket.pk}/attachments"

    mine = client.get(f"{base}/{ours.attachment.pk}/download/")
    crossed = client.get(f"{base}/{foreign.attachment.pk}/download/")

    assert mine.status_code == 200
    assert "ours-report.pdf" in mine["Content-Disposition"]
    assert crossed.status_code == 404


@pytest.mark.parametrize("role", CALLERS + ["admin"])
def test_the_inbox_holds_the_callers_own_notifications_only(world, role):
    user = world.user(role)
    listed = get(world, role, "/api/v1/notifications/?page_size=200").json()["results"]

    own = set(Notification.objects.filter(recipient=user).values_list("pk", flat=True))
    assert {row["id"] for row in listed} == own


@pytest.mark.parametrize("role", DESK)
def test_statistics_count_only_our_side(world, role):
    tickets = get(world, role, "/api/v1/tickets/?page_size=200").json()["results"]
    overview = get(world, role, "/api/v1/stats/overview/").json()
    table = get(world, role, "/api/v1/stats/stations/").json()
    cooperatives = get(world, role, "/api/v1/stats/cooperatives/").json()
    counterpart_cooperatives = get(world, role, "/api/v1/stats/cooperatives/", side=THEIRS).json()
    export = get(world, role, "/api/v1/stats/export/?format=csv")
    counterpart_export = get(world, role, "/api/v1/stats/export/?format=csv", side=THEIRS)

    assert overview["received"] == len(tickets) > 0
    assert overview["enterprises_served"] == 1
    assert [row["station"] for row in table] == [world.ours.station.pk]
    assert [row["station"] for row in cooperatives] == [world.ours.cooperative.pk]
    assert [row["station"] for row in counterpart_cooperatives] == [world.theirs.cooperative.pk]
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [world.ours.station.code]
    assert not shows(export, THEIRS)
    assert shows(counterpart_export, THEIRS)


STATISTICS_PATHS = [
    "/api/v1/stats/overview/",
    "/api/v1/stats/stations/",
    "/api/v1/stats/timeseries/",
    "/api/v1/stats/cooperatives/",
    "/api/v1/stats/export/",
    "/dashboard/",
]
SCOPE_FILTERS = {
    "station": lambda side: f"station={side.station.pk}",
    "region": lambda side: f"region={side.enterprise.region_code[:4]}",
}


@pytest.mark.parametrize("path", STATISTICS_PATHS)
@pytest.mark.parametrize("name", SCOPE_FILTERS)
@pytest.mark.parametrize("role", DESK)
def test_statistics_filtered_by_the_other_side_are_403_not_zeros(client, world, role, name, path):
    client.force_login(world.user(role))
    assert client.get(f"{path}?{SCOPE_FILTERS[name](world.ours)}").status_code == 200
    assert client.get(f"{path}?{SCOPE_FILTERS[name](world.theirs)}").status_code == 403


def test_an_enterprises_export_holds_only_its_own_data(world):
    def export(side):
        url = f"/api/v1/enterprises/{world.side(side).enterprise.pk}/export/"
        response = get(world, "enterprise", url, side=side)
        return b"".join(response.streaming_content).decode().lower()

    assert THEIRS not in export(OURS)
    assert THEIRS in export(THEIRS)


def _filing(w: World, enterprise_id: int) -> dict:
    return {"enterprise": enterprise_id, "title": "t", "description": "d", "category": "other"}


def _inspection(w: World, enterprise_id: int) -> dict:
    return {
        "cooperative": w.ours.cooperative.pk,
        "enterprise": enterprise_id,
        "product": "纯棉四件套",
        "batch": "B2",
        "sampled_on": timezone.localdate().isoformat(),
        "passed": True,
    }


# Writes whose body names an enterprise: (caller, path, body for an enterprise id).
ENTERPRISE_BODIES = {
    "filing": ("enterprise", lambda w: "/api/v1/tickets/", _filing),
    "joining": (
        "enterprise",
        lambda w: f"/api/v1/cooperatives/{w.ours.cooperative.pk}/join/",
        lambda w, enterprise_id: {"enterprise": enterprise_id},
    ),
    "inspecting": ("station_staff", lambda w: "/api/v1/inspections/", _inspection),
}


@pytest.mark.parametrize("name", ENTERPRISE_BODIES)
def test_a_body_naming_a_foreign_enterprise_answers_as_for_a_missing_one(world, name):
    role, path, body = ENTERPRISE_BODIES[name]
    client = token_client(world.user(role))

    naming_foreign = client.post(path(world), body(world, world.theirs.enterprise.pk))
    naming_missing = client.post(path(world), body(world, MISSING))

    assert naming_foreign.status_code == naming_missing.status_code == 400
    assert naming_foreign.json() == naming_missing.json()
