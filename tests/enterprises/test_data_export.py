"""PIPL right of access: an enterprise's members download all of its data, and
nobody else does."""

import datetime
import json

import pytest
from django.utils import timezone

from enterprises.api.permissions import ExportThrottle
from enterprises.models import ContactAccess
from notifications.models import Notification
from requests_app.models import Attachment, Comment, TicketEvent
from service_stations.choices import MembershipAction, StationKind
from service_stations.services.cooperatives import (
    inspection_record,
    membership_join,
    membership_move,
)
from tests.api_support import ROLES, token_client
from tests.factories import EnterpriseMembershipFactory, StationFactory, TicketFactory

pytestmark = pytest.mark.django_db

EXPORT_STATUS = {
    "anonymous": 401,
    "enterprise": 200,
    "other_enterprise": 404,
    "station_staff": 403,
    "station_manager": 403,
    "other_staff": 404,
    "expert": 403,
    "supervisor_in": 403,
    "supervisor_out": 404,
    "admin": 403,
}


def export_url(enterprise) -> str:
    return f"/api/v1/enterprises/{enterprise.pk}/export/"


def download(client, enterprise) -> dict:
    response = client.get(export_url(enterprise))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    return json.loads(b"".join(response.streaming_content))


def add_requests(enterprise, *, station, member, count: int) -> None:
    """Give ``enterprise`` ``count`` requests, each with an event, a public and an
    internal comment, an attachment and a notification of ``member``."""
    for n in range(count):
        ticket = TicketFactory(enterprise=enterprise, station=station, title=f"title {n}")
        event = TicketEvent.objects.create(ticket=ticket, action="file", to_status="submitted")
        Comment.objects.create(ticket=ticket, author=member, body=f"public {n}")
        Comment.objects.create(ticket=ticket, author=None, body=f"internal {n}", internal=True)
        Attachment.objects.create(
            ticket=ticket,
            uploaded_by=member,
            file=f"attachments/{n}.pdf",
            name=f"report-{n}.pdf",
            content_type="application/pdf",
            size=1000 + n,
        )
        Notification.objects.create(recipient=member, title=f"note {n}", ticket=ticket, event=event)


@pytest.mark.parametrize("role", ROLES)
def test_export_status_per_role(world, role):
    response = world.client(role).get(export_url(world.enterprise_e))
    assert response.status_code == EXPORT_STATUS[role]


def test_export_holds_the_enterprise_in_clear_and_its_members_without_secrets(world):
    colleague = EnterpriseMembershipFactory(enterprise=world.enterprise_e).user
    data = download(world.client("enterprise"), world.enterprise_e)
    assert data["enterprise"]["id"] == world.enterprise_e.pk
    assert data["enterprise"]["contact_phone"] == "13800001234"
    assert {m["username"] for m in data["members"]} == {
        world.users["enterprise"].username,
        colleague.username,
    }
    text = json.dumps(data)
    assert "password" not in text
    assert world.users["enterprise"].password not in text
    assert [e["action"] for e in data["enterprise_events"]] == []
    assert data["exported_at"]


def test_export_holds_requests_with_events_public_comments_and_attachment_metadata(world):
    member = world.users["enterprise"]
    add_requests(world.enterprise_e, station=world.station_a, member=member, count=2)
    add_requests(
        world.enterprise_f,
        station=world.station_b,
        member=world.users["other_enterprise"],
        count=1,
    )
    data = download(world.client("enterprise"), world.enterprise_e)
    requests = data["requests"]
    # The world's own request plus the two added, and nothing of F.
    assert len(requests) == 3
    assert {r["enterprise"] for r in requests} == {world.enterprise_e.pk}
    added = [r for r in requests if r["title"].startswith("title")]
    for n, request in enumerate(added):
        assert [e["action"] for e in request["events"]] == ["file"]
        assert [c["body"] for c in request["comments"]] == [f"public {n}"]
        [attachment] = request["attachments"]
        assert attachment["name"] == f"report-{n}.pdf"
        assert attachment["size"] == 1000 + n
        assert attachment["download_url"].endswith(
            f"/tickets/{request['id']}/attachments/{attachment['id']}/download/"
        )
    text = json.dumps(data)
    assert "internal 0" not in text
    assert "attachments/0.pdf" not in text  # the stored file name stays private
    assert sorted(n["title"] for n in data["notifications"]) == ["note 0", "note 1"]


def test_export_leaves_out_a_members_notifications_about_another_enterprise(world):
    member = world.users["enterprise"]
    EnterpriseMembershipFactory(user=member, enterprise=world.enterprise_f)
    add_requests(world.enterprise_f, station=world.station_b, member=member, count=1)
    colleague = EnterpriseMembershipFactory(enterprise=world.enterprise_e).user
    data = download(token_client(colleague), world.enterprise_e)
    assert data["notifications"] == []


def test_export_holds_only_the_exporting_members_own_notifications(world):
    member = world.users["enterprise"]
    add_requests(world.enterprise_e, station=world.station_a, member=member, count=1)
    colleague = EnterpriseMembershipFactory(enterprise=world.enterprise_e).user
    assert download(world.client("enterprise"), world.enterprise_e)["notifications"]
    assert download(token_client(colleague), world.enterprise_e)["notifications"] == []


def test_export_lists_who_revealed_the_contact_phone(world):
    world.client("station_staff").get(f"/api/v1/enterprises/{world.enterprise_e.pk}/contact/")
    world.client("admin").get(f"/api/v1/enterprises/{world.enterprise_f.pk}/contact/")
    data = download(world.client("enterprise"), world.enterprise_e)
    [access] = data["contact_accesses"]
    assert access["viewer"] == world.users["station_staff"].username
    assert (access["viewer_role"], access["field"], access["channel"]) == (
        "station_staff",
        "contact_phone",
        "api",
    )
    assert ContactAccess.objects.count() == 2


def test_export_holds_cooperative_membership_history_and_inspections(world):
    cooperative = StationFactory(kind=StationKind.COOPERATIVE)
    staff = world.users["admin"]
    membership = membership_join(
        cooperative=cooperative,
        enterprise=world.enterprise_e,
        actor=staff,
        at=timezone.now() - datetime.timedelta(days=3),
    )
    membership_move(
        membership=membership,
        action=MembershipAction.APPROVE,
        actor=staff,
        at=timezone.now() - datetime.timedelta(days=2),
    )
    inspection_record(
        cooperative=cooperative,
        enterprise=world.enterprise_e,
        product="床单",
        batch="B-1",
        sampled_on=timezone.localdate(),
        passed=True,
        inspector=staff,
    )
    data = download(world.client("enterprise"), world.enterprise_e)
    [row] = data["cooperative_memberships"]
    assert row["cooperative"] == cooperative.pk
    assert [e["action"] for e in row["history"]] == ["join", "approve"]
    assert [i["batch"] for i in data["inspections"]] == ["B-1"]


@pytest.mark.parametrize("count", [1, 12])
def test_export_query_count_does_not_grow_with_the_requests(
    world, count, django_assert_max_num_queries
):
    member = world.users["enterprise"]
    add_requests(world.enterprise_e, station=world.station_a, member=member, count=count)
    client = world.client("enterprise")
    # Login, caller, enterprise, membership check, cooperative memberships and
    # their events, then one cursor per section.
    with django_assert_max_num_queries(15):
        data = download(client, world.enterprise_e)
    assert len(data["requests"]) == count + 1


@pytest.mark.django_db(transaction=True)
def test_export_streams_in_autocommit_as_in_production(world):
    # Under test transactions cursors live inside one transaction; in
    # production the stream is read after the view returned, in autocommit.
    add_requests(
        world.enterprise_e, station=world.station_a, member=world.users["enterprise"], count=3
    )
    data = download(world.client("enterprise"), world.enterprise_e)
    assert [len(r["events"]) for r in data["requests"]] == [0, 1, 1, 1]


def test_exports_are_throttled_per_user(world, monkeypatch):
    monkeypatch.setitem(ExportThrottle.THROTTLE_RATES, "export", "2/hour")
    client = world.client("enterprise")
    codes = [client.get(export_url(world.enterprise_e)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
