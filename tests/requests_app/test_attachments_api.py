"""Attachments: type and size checked from the content, private storage, scoped downloads."""

import pytest

from notifications.models import Notification
from requests_app.choices import Status
from requests_app.models import Attachment
from requests_app.services import conversation
from tests.requests_app import files
from tests.requests_app.helpers import client_for, count_queries, ticket_in, token_client

pytestmark = pytest.mark.django_db

FOREIGN = ["other_enterprise", "other_station_staff", "other_expert", "foreign_supervisor"]
READERS = ["enterprise", "station_staff", "station_manager", "expert", "supervisor", "admin"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def url(ticket):
    return f"/api/v1/tickets/{ticket.pk}/attachments/"


@pytest.fixture
def ticket(world):
    return ticket_in(Status.IN_PROGRESS, world)


def post(user, ticket, name, content, **extra):
    return client_for(user).post(
        url(ticket), {"file": files.upload(name, content)}, format="multipart", **extra
    )


@pytest.mark.parametrize(
    ("name", "content", "stored_name"),
    [
        ("检测报告.pdf", files.PDF, "检测报告.pdf"),
        ("现场.JPG", files.JPEG, "现场.jpg"),
        ("../../etc/scan.png", files.PNG, "scan.png"),
        ("整改方案.docx", files.docx(), "整改方案.docx"),
        ("数据.xlsx", files.xlsx(), "数据.xlsx"),
    ],
)
def test_an_allowed_file_is_kept_under_a_random_private_name(
    world, ticket, media_root, name, content, stored_name
):
    response = post(world.owner, ticket, name, content)

    assert response.status_code == 201, response.data
    attachment = Attachment.objects.get(pk=response.data["id"])
    assert (attachment.name, attachment.size, attachment.uploaded_by) == (
        stored_name,
        len(content),
        world.owner,
    )
    [path] = stored_files(media_root)
    assert path.read_bytes() == content
    assert path.relative_to(media_root).parts[0] == "attachments"
    assert stored_name.rsplit(".", 1)[0] not in path.name
    assert response.data["download_url"].endswith(
        f"/api/v1/tickets/{ticket.pk}/attachments/{attachment.pk}/download/"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("发票.pdf", files.EXE),  # a renamed executable
        ("setup.exe", files.EXE),
        ("archive.docx", files.plain_zip()),
        ("notes.txt", "纯文本".encode()),
    ],
)
def test_another_kind_of_file_is_400_in_chinese_and_leaves_nothing(
    world, ticket, media_root, name, content
):
    response = post(world.owner, ticket, name, content, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 400
    assert "仅" in response.data["file"][0] and "PDF" in response.data["file"][0]
    assert stored_files(media_root) == []
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_400_and_leaves_nothing(world, ticket, media_root, settings):
    settings.ATTACHMENT_MAX_BYTES = len(files.PDF) - 1

    response = post(world.owner, ticket, "报告.pdf", files.PDF, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 400
    assert "MB" in response.data["file"][0]
    assert stored_files(media_root) == []
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("body", [{}, {"file": ""}, {"file": files.upload("empty.pdf", b"")}])
def test_no_file_or_an_empty_one_is_400(world, ticket, media_root, body):
    response = client_for(world.owner).post(url(ticket), body, format="multipart")
    assert response.status_code == 400
    assert set(response.data) == {"file"}
    assert stored_files(media_root) == []


def test_json_is_not_an_upload(world, ticket):
    response = client_for(world.owner).post(url(ticket), {"file": "x"}, format="json")
    assert response.status_code == 415


def test_a_supervisor_may_not_upload(world, ticket, media_root):
    response = post(world.supervisor, ticket, "报告.pdf", files.PDF)
    assert response.status_code == 403
    assert stored_files(media_root) == []


def test_a_row_that_cannot_be_saved_takes_its_file_with_it(world, ticket, media_root, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("inbox down")

    monkeypatch.setattr(conversation, "notify_users", broken)

    with pytest.raises(RuntimeError):
        conversation.attachment_add(
            ticket=ticket, uploaded_by=world.owner, upload=files.upload("a.pdf", files.PDF)
        )

    assert stored_files(media_root) == []
    assert not Attachment.objects.exists()


@pytest.fixture
def attachment(world, ticket):
    return conversation.attachment_add(
        ticket=ticket, uploaded_by=world.expert.user, upload=files.upload("检测报告.pdf", files.PDF)
    )


def download_url(attachment):
    return f"/api/v1/tickets/{attachment.ticket_id}/attachments/{attachment.pk}/download/"


@pytest.mark.parametrize("role", READERS)
def test_whoever_sees_the_request_lists_and_downloads_its_files(world, attachment, role):
    client = client_for(world.user(role))

    listed = client.get(url(attachment.ticket))
    response = client.get(download_url(attachment))

    assert [row["name"] for row in listed.data["results"]] == ["检测报告.pdf"]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%E6%A3%80%E6%B5%8B%E6%8A%A5%E5%91%8A.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == files.PDF


@pytest.mark.parametrize("role", FOREIGN)
def test_a_foreign_caller_gets_404_for_the_list_the_upload_and_the_download(
    world, attachment, role
):
    user = world.user(role)
    assert client_for(user).get(url(attachment.ticket)).status_code == 404
    assert client_for(user).get(download_url(attachment)).status_code == 404
    assert post(user, attachment.ticket, "x.pdf", files.PDF).status_code == 404


def test_anonymous_gets_401_for_the_download(attachment):
    assert client_for(None).get(download_url(attachment)).status_code == 401


def test_a_file_is_found_only_under_its_own_request(world, attachment):
    other = ticket_in(Status.SUBMITTED, world)
    response = client_for(world.owner).get(
        f"/api/v1/tickets/{other.pk}/attachments/{attachment.pk}/download/"
    )
    assert response.status_code == 404


def test_an_upload_notifies_the_other_side(world, ticket):
    Notification.objects.all().delete()
    post(world.owner, ticket, "报告.pdf", files.PDF)
    notification = Notification.objects.filter(recipient=world.expert.user).get()
    assert (notification.title, notification.body) == (f"{ticket.reference}：新附件", "报告.pdf")


@pytest.mark.parametrize("role", ["enterprise", "station_staff", "expert", "supervisor", "admin"])
def test_list_query_count_is_the_same_for_1_and_50_rows_and_at_most_8(world, ticket, role):
    client = token_client(world.user(role))  # authenticated per request, as in use

    def add():
        conversation.attachment_add(
            ticket=ticket, uploaded_by=world.owner, upload=files.upload("a.png", files.PNG)
        )

    add()
    one, response = count_queries(client, url(ticket))
    assert len(response.data["results"]) == 1

    for _ in range(49):
        add()
    fifty, response = count_queries(client, url(ticket))

    assert len(response.data["results"]) == 50
    assert one == fifty <= 8
