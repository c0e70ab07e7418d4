"""One writer of a request's status: ``requests_app.services.lifecycle.move``, by the table."""

import ast
import datetime
import pathlib

import pytest
from django.conf import settings
from django.utils import timezone

from requests_app.choices import Status
from requests_app.services.auto_assignment import ticket_auto_assign, tickets_auto_close
from requests_app.transitions import SYSTEM_TRANSITIONS, Party, allowed_actions
from tests.factories import StationFactory
from tests.requests_app.helpers import client_for, ticket_in

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ["nqi_service", "enterprises", "service_stations", "requests_app"]
WRITER = pathlib.Path("requests_app/services/lifecycle.py")
WRITING_CALLS = {"update", "create", "bulk_create", "bulk_update", "update_or_create"}


def status_writes(path: pathlib.Path):
    """Yield (line, code) of each assignment to ``<ticket>.status`` or write with ``status=``
    on tickets in the module at ``path``."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "status":
                    owner = ast.unparse(target.value).lower()
                    if "ticket" in owner or "locked" in owner:
                        yield node.lineno, ast.unparse(node)
        if isinstance(node, ast.Call) and any(k.arg == "status" for k in node.keywords):
            call = ast.unparse(node.func)
            writes = call == "Ticket" or call.rsplit(".", 1)[-1] in WRITING_CALLS
            if writes and "Ticket" in call:
                yield node.lineno, call


def test_no_code_but_the_lifecycle_writes_a_requests_status():
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or relative == WRITER:
                continue
            found += [f"{relative}:{line} {code}" for line, code in status_writes(path)]
    assert found == []


def test_the_writer_itself_is_found_by_the_scan():
    assert list(status_writes(ROOT / WRITER)), "the scan would miss a status write"


def test_system_moves_are_the_systems_alone_and_no_api_action():
    for name, transition in SYSTEM_TRANSITIONS.items():
        assert transition.parties == {Party.SYSTEM}
        for status in transition.sources:
            assert name not in allowed_actions(status)


@pytest.mark.django_db
def test_auto_close_has_no_endpoint(world):
    ticket = ticket_in(Status.RESOLVED, world)
    response = client_for(world.owner).post(f"/api/v1/tickets/{ticket.pk}/auto_close/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_auto_close_is_a_move_of_the_table(world):
    ticket = ticket_in(Status.RESOLVED, world)
    later = timezone.now() + settings.AUTO_CLOSE_AFTER + datetime.timedelta(hours=1)
    assert tickets_auto_close(now=later) == 1
    ticket.refresh_from_db()
    event = ticket.events.last()
    assert (ticket.status, ticket.closed_at) == (Status.CLOSED, later)
    assert (event.action, event.from_status, event.to_status) == (
        "auto_close",
        "resolved",
        "closed",
    )


@pytest.mark.django_db
def test_escalation_moves_the_request_up_by_the_table(world):
    hub = StationFactory(code="hub", region_code="420100")
    world.station.parent = hub
    world.station.save()
    ticket = ticket_in(Status.TRIAGED, world)
    world.expert.__class__.objects.update(is_available=False)
    later = timezone.now() + settings.ASSIGNMENT_ESCALATE_AFTER + datetime.timedelta(hours=1)
    assert ticket_auto_assign(ticket_id=ticket.pk, now=later) is None
    ticket.refresh_from_db()
    event = ticket.events.last()
    assert (ticket.station_id, ticket.status) == (hub.pk, Status.TRIAGED)
    assert (event.action, event.from_status, event.to_status) == ("escalate", "triaged", "triaged")
