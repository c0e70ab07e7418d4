"""Comments: public and internal per role, append-only, notifications to the other side."""

import pytest

from notifications.models import Notification
from requests_app import services
from requests_app.choices import Status
from requests_app.models import Comment
from requests_app.services import conversation
from tests.requests_app.helpers import client_for, count_queries, ticket_in, token_client

pytestmark = pytest.mark.django_db

DESK = ["station_staff", "station_manager", "expert", "supervisor", "admin"]
FOREIGN = ["other_enterprise", "other_station_staff", "other_expert", "foreign_supervisor"]


def url(ticket):
    return f"/api/v1/tickets/{ticket.pk}/comments/"


@pytest.fixture
def ticket(world):
    ticket = ticket_in(Status.IN_PROGRESS, world)
    conversation.comment_add(ticket=ticket, author=world.owner, body="示值偏差约 0.5%。")
    conversation.comment_add(
        ticket=ticket, author=world.expert.user, body="疑似传感器老化。", internal=True
    )
    return ticket


def bodies(response):
    assert response.status_code == 200, response.data
    return [row["body"] for row in response.data["results"]]


def test_the_enterprise_reads_public_comments_only(world, ticket):
    assert bodies(client_for(world.owner).get(url(ticket))) == ["示值偏差约 0.5%。"]


@pytest.mark.parametrize("role", DESK)
def test_the_desk_supervisors_and_admin_read_internal_comments_too(world, ticket, role):
    response = client_for(world.user(role)).get(url(ticket))
    assert bodies(response) == ["示值偏差约 0.5%。", "疑似传感器老化。"]
    assert [row["internal"] for row in response.data["results"]] == [False, True]


def test_an_expert_who_declined_still_reads_internal_comments(world):
    ticket = ticket_in(Status.ASSIGNED, world)
    conversation.comment_add(ticket=ticket, author=world.staff, body="请尽快处理。", internal=True)
    services.ticket_decline(ticket=ticket, actor=world.expert.user, reason="本周出差。")

    assert bodies(client_for(world.expert.user).get(url(ticket))) == ["请尽快处理。"]


@pytest.mark.parametrize("role", FOREIGN)
def test_a_foreign_caller_gets_404_reading_or_writing(world, ticket, role):
    client = client_for(world.user(role))
    assert client.get(url(ticket)).status_code == 404
    assert client.post(url(ticket), {"body": "我也看看。"}, format="json").status_code == 404
    assert ticket.comments.count() == 2


def test_anonymous_is_401(ticket):
    assert client_for(None).get(url(ticket)).status_code == 401


def test_a_comment_is_shaped_as_the_contract(world, ticket):
    response = client_for(world.staff).post(url(ticket), {"body": "已联系计量院。"}, format="json")

    assert response.status_code == 201, response.data
    comment = Comment.objects.get(pk=response.data["id"])
    assert response.data == {
        "id": comment.pk,
        "ticket": ticket.pk,
        "author": world.staff.pk,
        "body": "已联系计量院。",
        "internal": False,
        "created_at": response.data["created_at"],
    }


@pytest.mark.parametrize(
    ("role", "internal", "expected"),
    [
        ("enterprise", False, 201),
        ("enterprise", True, 403),
        ("station_staff", True, 201),
        ("station_manager", False, 201),
        ("expert", True, 201),
        ("admin", True, 201),
        ("supervisor", False, 403),
        ("supervisor", True, 403),
    ],
)
def test_who_may_write_which_comment(world, ticket, role, internal, expected):
    response = client_for(world.user(role)).post(
        url(ticket), {"body": "补充说明。", "internal": internal}, format="json"
    )

    assert response.status_code == expected, response.data
    assert ticket.comments.count() == (3 if expected == 201 else 2)


def test_an_expert_who_declined_may_no_longer_write(world):
    ticket = ticket_in(Status.ASSIGNED, world)
    services.ticket_decline(ticket=ticket, actor=world.expert.user, reason="本周出差。")

    response = client_for(world.expert.user).post(url(ticket), {"body": "交接说明。"})

    assert response.status_code == 403


@pytest.mark.parametrize(
    "body",
    [{}, {"body": ""}, {"body": "   "}, {"body": "长" * 10001}, {"body": "x", "internal": "maybe"}],
)
def test_a_bad_body_is_400_and_writes_nothing(world, ticket, body):
    response = client_for(world.owner).post(url(ticket), body, format="json")

    assert response.status_code == 400
    assert ticket.comments.count() == 2


@pytest.mark.parametrize("body", [{"internal": True}, {"body": "", "internal": "true"}])
def test_an_enterprise_writing_internal_gets_403_before_its_bad_body_is_looked_at(
    world, ticket, body
):
    response = client_for(world.owner).post(url(ticket), body, format="json")

    assert response.status_code == 403, response.data
    assert ticket.comments.count() == 2


@pytest.mark.parametrize(("role", "expected"), [("supervisor", 403), ("enterprise", 400)])
def test_an_unreadable_body_is_403_for_a_reader_and_400_for_a_party(world, ticket, role, expected):
    response = client_for(world.user(role)).post(
        url(ticket), data="{not json", content_type="application/json"
    )

    assert response.status_code == expected
    assert ticket.comments.count() == 2


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_comments_are_never_edited_or_deleted(world, ticket, method):
    response = getattr(client_for(world.admin), method)(url(ticket), {"body": "改"}, format="json")
    assert response.status_code == 405


def recipients():
    return {n.recipient for n in Notification.objects.all()}


def test_an_enterprise_comment_notifies_the_desk(world, ticket):
    Notification.objects.all().delete()
    client_for(world.owner).post(url(ticket), {"body": "有新情况。"}, format="json")
    assert recipients() == {world.staff, world.manager, world.expert.user}


def test_a_desk_comment_notifies_the_enterprise(world, ticket):
    Notification.objects.all().delete()
    client_for(world.expert.user).post(url(ticket), {"body": "明天上门。"}, format="json")
    assert recipients() == {world.owner}
    notification = Notification.objects.get()
    assert (notification.title, notification.body) == (f"{ticket.reference}：新留言", "明天上门。")


def test_an_internal_comment_never_reaches_the_enterprise(world, ticket):
    Notification.objects.all().delete()
    client_for(world.staff).post(url(ticket), {"body": "内部", "internal": True}, format="json")
    assert recipients() == {world.manager, world.expert.user}


@pytest.mark.parametrize("role", ["enterprise", "station_staff", "expert", "supervisor", "admin"])
def test_list_query_count_is_the_same_for_1_and_50_rows_and_at_most_8(world, role):
    ticket = ticket_in(Status.IN_PROGRESS, world)
    client = token_client(world.user(role))  # authenticated per request, as in use
    conversation.comment_add(ticket=ticket, author=world.owner, body="第 1 条")
    one, response = count_queries(client, url(ticket))
    assert len(response.data["results"]) == 1

    for n in range(2, 51):
        conversation.comment_add(ticket=ticket, author=world.staff, body=f"第 {n} 条")
    fifty, response = count_queries(client, url(ticket))

    assert bodies(response) == [f"第 {n} 条" for n in range(1, 51)]
    assert one == fifty <= 8
