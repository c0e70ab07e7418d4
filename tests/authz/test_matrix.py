"""Every endpoint × method × role × our/their object answers the status API.md gives.

A refused request (any 4xx) runs no INSERT, UPDATE or DELETE: failures leave the
database as it was.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api_support import token_client
from tests.authz.expectations import TABLE, cases
from tests.authz.urlconf import served_endpoints
from tests.authz.world import World

pytestmark = pytest.mark.django_db


def test_every_served_endpoint_has_exactly_one_row_and_every_row_is_served():
    served = served_endpoints()
    missing = sorted(
        f"{name} {method}  ({served[name, method]})"
        for name, method in served
        if (name, method) not in TABLE
    )
    stale = sorted(f"{name} {method}" for name, method in TABLE if (name, method) not in served)
    assert not missing and not stale, (
        "tests/authz/expectations.py: decide who may call\n  "
        + "\n  ".join(missing)
        + "\nand remove the rows no longer served\n  "
        + "\n  ".join(stale)
    )


def url_kwargs(world: World, target: str, side: str, role: str) -> dict:
    """Return the URL arguments naming ``target`` on ``side`` for a caller of ``role``."""
    there = world.side(side)
    kind, _, status = target.partition("@")
    if kind == "ticket":
        return {"pk": there.tickets[status or "in_progress"].pk}
    if kind == "booking":
        return {"pk": there.bookings[status].pk}
    if kind == "attachment":
        return {"pk": there.ticket.pk, "aid": there.attachment.pk}
    if kind == "member":
        return {"pk": there.enterprise.pk, "user_id": there.colleague.pk}
    if kind == "certificate":
        return {"number": there.certificate.number}
    if kind == "user":
        return {"pk": there.users["station_staff"].pk}
    if kind == "notification":
        # Ours is the caller's own; theirs belongs to someone on the other side.
        owner = role if side == "ours" and role != "anonymous" else "enterprise"
        return {"pk": there.notifications[owner].pk}
    return {"pk": getattr(there, kind).pk}


def request(client, world: World, row, side: str, role: str):
    kwargs = {} if row.target is None else url_kwargs(world, row.target, side, role)
    url = reverse(row.endpoint, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    send = getattr(client, row.method.lower())
    if row.method in {"POST", "PUT", "PATCH"}:
        return send(url, {}, format="multipart")
    return send(url)


@pytest.mark.parametrize(
    ("row", "side", "role"),
    [
        pytest.param(row, side, role, id=f"{row.endpoint}-{row.method}-{side}-{role}")
        for row, side, role in cases()
    ],
)
def test_status_follows_the_matrix(world, row, side, role):
    client = token_client(world.user(role))
    with CaptureQueriesContext(connection) as queries:
        response = request(client, world, row, side, role)

    assert response.status_code == row.expected(side, role), getattr(response, "data", None)
    if response.status_code == 401:
        assert response["WWW-Authenticate"].startswith("Token")
    if response.status_code >= 400:
        assert not [q["sql"] for q in queries if q["sql"].startswith(WRITES)], "refused but wrote"


WRITES = ("INSERT", "UPDATE", "DELETE")
