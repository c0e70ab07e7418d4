"""One rule for what an expert sees: the requests assigned to them, past or present
(API.md "Roles"), with their enterprises, comments and attachments alike."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app import services
from requests_app.services import conversation
from tests.requests_app.files import PDF
from tests.requests_app.helpers import build_world as build_request_world
from tests.requests_app.helpers import client_for, ticket_in

pytestmark = pytest.mark.django_db


def paths(ticket) -> list[str]:
    base = f"/api/v1/tickets/{ticket.pk}"
    return [
        f"{base}/",
        f"{base}/events/",
        f"{base}/comments/",
        f"{base}/attachments/",
        f"/api/v1/enterprises/{ticket.enterprise_id}/",
    ]


@pytest.fixture
def declined():
    """A request its first expert declined; the second expert has it now."""
    world = build_request_world()
    ticket = ticket_in("assigned", world)
    conversation.comment_add(ticket=ticket, author=None, body="内部说明", internal=True)
    conversation.attachment_add(
        ticket=ticket, uploaded_by=None, upload=SimpleUploadedFile("r.pdf", PDF)
    )
    services.ticket_decline(ticket=ticket, actor=world.expert.user, reason="时间冲突")
    services.ticket_assign(ticket=ticket, actor=None, expert=world.second_expert)
    return world, ticket


@pytest.mark.parametrize("index", range(5), ids=["ticket", "events", "comments", "files", "firm"])
def test_an_expert_who_declined_still_sees_the_request_and_its_enterprise(declined, index):
    world, ticket = declined
    for expert in (world.expert, world.second_expert):
        response = client_for(expert.user).get(paths(ticket)[index])
        assert response.status_code == 200, (expert, response.content)


def test_the_past_expert_reads_the_internal_comments_too(declined):
    world, ticket = declined
    response = client_for(world.expert.user).get(f"/api/v1/tickets/{ticket.pk}/comments/")
    assert [c["body"] for c in response.json()["results"]] == ["内部说明"]


@pytest.mark.parametrize("index", range(5), ids=["ticket", "events", "comments", "files", "firm"])
def test_an_expert_never_assigned_sees_none_of_it(declined, index):
    world, ticket = declined
    response = client_for(world.other_expert.user).get(paths(ticket)[index])
    assert response.status_code == 404
