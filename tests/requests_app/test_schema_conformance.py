"""Request responses the schema fuzzing found undocumented, now answered as documented."""

import pytest

from requests_app.choices import Status
from requests_app.services.conversation import attachment_add
from tests.requests_app import files
from tests.requests_app.helpers import file_ticket, ticket_in

pytestmark = pytest.mark.django_db

DETAIL = "/api/v1/tickets/{id}/"


def test_a_request_without_expert_is_shown_as_documented(conforming, world):
    ticket = file_ticket(world)
    response = conforming("GET", DETAIL, world.owner, path_parameters={"id": ticket.pk})
    assert response.status_code == 200
    assert response.json()["assigned_expert_detail"] is None


def test_filing_answers_as_documented(conforming, world):
    body = {"title": "电子秤示值偏差", "description": "示值偏差 0.5%。", "category": "metrology"}
    response = conforming("POST", "/api/v1/tickets/", world.owner, body=body)
    assert response.status_code == 201


def test_an_action_the_role_may_not_take_answers_a_documented_403(conforming, world):
    ticket = file_ticket(world)
    response = conforming(
        "POST", DETAIL + "triage/", world.owner, path_parameters={"id": ticket.pk}, body={}
    )
    assert response.status_code == 403


def test_an_action_the_status_forbids_answers_a_documented_409(conforming, world):
    ticket = ticket_in(Status.CLOSED, world)
    response = conforming(
        "POST", DETAIL + "cancel/", world.owner, path_parameters={"id": ticket.pk}, body={}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_an_unknown_cursor_answers_a_documented_404(conforming, world):
    response = conforming("GET", "/api/v1/tickets/", world.owner, query={"cursor": "nonsense"})
    assert response.status_code == 404


def test_an_invalid_filter_answers_a_documented_400(conforming, world):
    response = conforming("GET", "/api/v1/tickets/", world.owner, query={"status": "lost"})
    assert response.status_code == 400
    assert "status" in response.json()


@pytest.mark.parametrize(
    ("name", "content"), [("report.pdf", files.PDF), ("photo.png", files.PNG), ("data.xlsx", None)]
)
def test_a_download_comes_with_its_documented_type(
    conforming, world, settings, tmp_path, name, content
):
    settings.MEDIA_ROOT = tmp_path
    ticket = file_ticket(world)
    upload = files.upload(name, content if content is not None else files.xlsx())
    attachment = attachment_add(ticket=ticket, uploaded_by=world.owner, upload=upload)
    response = conforming(
        "GET",
        DETAIL + "attachments/{aid}/download/",
        world.owner,
        path_parameters={"id": ticket.pk, "aid": attachment.pk},
    )
    assert response.status_code == 200
