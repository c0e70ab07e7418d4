import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from notifications.models import EmailStatus, Notification
from notifications.services import notify_event, notify_users, recipients_of
from nqi_service.celery import app as celery_app
from requests_app.choices import EventAction, Status
from requests_app.models import TicketEvent
from requests_app.services.events import record_event
from service_stations.choices import StationRole
from tests.factories import (
    EnterpriseMembershipFactory,
    ExpertFactory,
    StationMembershipFactory,
    TicketFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    ticket = TicketFactory()
    owner = EnterpriseMembershipFactory(
        enterprise=ticket.enterprise, user__email="owner@example.cn"
    ).user
    colleague = EnterpriseMembershipFactory(enterprise=ticket.enterprise).user
    staff = StationMembershipFactory(station=ticket.station, user__email="staff@example.cn").user
    manager = StationMembershipFactory(
        station=ticket.station, role=StationRole.MANAGER, user__email="boss@example.cn"
    ).user
    expert = ExpertFactory(user=UserFactory(email="expert@example.cn"))
    ticket.assigned_expert = expert
    ticket.save()
    outsider = StationMembershipFactory().user
    return {
        "ticket": ticket,
        "owner": owner,
        "colleague": colleague,
        "staff": staff,
        "manager": manager,
        "expert": expert.user,
        "outsider": outsider,
    }


def record(ticket, action, actor=None):
    """Record an event as the lifecycle services do: notified, followed up on commit."""
    return record_event(
        ticket, action=action, from_status=None, at=timezone.now(), actor=actor, note="说明"
    )


def told(event):
    return set(
        Notification.objects.filter(event=event).values_list("recipient__username", flat=True)
    )


@pytest.mark.parametrize(
    ("action", "audience"),
    [
        (EventAction.FILE, {"staff", "manager"}),
        (EventAction.ASSIGN, {"expert", "owner", "colleague"}),
        (EventAction.REQUEST_INFO, {"owner", "colleague"}),
        (EventAction.RESOLVE, {"owner", "colleague", "staff", "manager"}),
        (EventAction.ESCALATE, {"manager"}),
        (EventAction.OVERDUE, {"manager", "expert"}),
    ],
)
def test_each_change_reaches_the_people_it_concerns(
    people, action, audience, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = record(people["ticket"], action)
    assert told(event) == {people[who].username for who in audience}
    assert people["outsider"].username not in told(event)


def test_the_actor_is_not_told_of_their_own_act(people):
    event = record(people["ticket"], EventAction.FILE, actor=people["staff"])
    assert told(event) == {people["manager"].username}


def test_inactive_users_are_not_told(people):
    people["manager"].is_active = False
    people["manager"].save()
    assert told(record(people["ticket"], EventAction.ESCALATE)) == set()


def test_a_repeated_fan_out_notifies_once(people):
    event = record(people["ticket"], EventAction.FILE)
    notify_event(event=event)
    assert Notification.objects.filter(event=event).count() == 2


def test_each_email_is_sent_once(people, django_capture_on_commit_callbacks):
    from requests_app.tasks import follow_up_event

    with django_capture_on_commit_callbacks(execute=True):
        event = record(people["ticket"], EventAction.FILE)
    follow_up_event.delay(event.pk, event.ticket_id)  # a duplicate finds nothing pending
    assert sorted(m.to[0] for m in mail.outbox) == ["boss@example.cn", "staff@example.cn"]
    assert mail.outbox[0].subject.startswith(people["ticket"].reference)
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_the_audience_is_found_in_one_query(people, django_assert_num_queries):
    event = TicketEvent.objects.create(
        ticket=people["ticket"], action=EventAction.RESOLVE, to_status=Status.RESOLVED
    )
    with django_assert_num_queries(1):  # enterprise members and station staff, active ones
        recipients = recipients_of(event)
    assert recipients == {people[who].pk for who in ("owner", "colleague", "staff", "manager")}


def test_a_change_publishes_one_task_whatever_its_audience(
    people, monkeypatch, django_capture_on_commit_callbacks
):
    from notifications import tasks
    from requests_app.tasks import follow_up_event

    queued = []
    monkeypatch.setattr(tasks.send_notification_email, "delay", lambda *a: queued.append(a))
    monkeypatch.setattr(follow_up_event, "delay", lambda *a: queued.append(a))
    with django_capture_on_commit_callbacks(execute=True):
        event = record(people["ticket"], EventAction.RESOLVE)

    assert Notification.objects.filter(event=event).count() == 4
    # The worker queues the four emails and recounts the request.
    assert queued == [(event.pk, people["ticket"].pk)]


def test_users_without_an_address_are_skipped(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = record(people["ticket"], EventAction.REQUEST_INFO)
    statuses = dict(
        Notification.objects.filter(event=event).values_list("recipient__username", "email_status")
    )
    assert statuses == {
        people["owner"].username: EmailStatus.SENT,
        people["colleague"].username: EmailStatus.SKIPPED,
    }


def test_a_failing_mail_server_is_retried(people, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages
    failures = iter([smtplib.SMTPServerDisconnected("down")])

    def flaky(self, messages):
        for failure in failures:
            raise failure
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    # As in the embedded mode: a retried task is not an error of the request
    # (the autouse fixture restores propagation afterwards).
    celery_app.conf.task_eager_propagates = False
    with django_capture_on_commit_callbacks(execute=True):
        record(people["ticket"], EventAction.ESCALATE)
    assert [m.to for m in mail.outbox] == [["boss@example.cn"]]
    assert Notification.objects.get().email_status == EmailStatus.SENT


def test_a_duplicate_delivery_of_the_email_task_sends_once(people):
    from notifications.tasks import send_notification_email

    record(people["ticket"], EventAction.ESCALATE)  # emails wait: the commit never comes
    notification = Notification.objects.get()
    send_notification_email.delay(notification.pk)
    send_notification_email.delay(notification.pk)
    assert [m.to for m in mail.outbox] == [["boss@example.cn"]]


class TestClaimsOfWorkersThatDied:
    """A worker killed between claiming an email (``sending``) and finishing it."""

    def claimed(self, people, *, ago: datetime.timedelta) -> Notification:
        record(people["ticket"], EventAction.ESCALATE)
        Notification.objects.update(
            email_status=EmailStatus.SENDING, email_claimed_at=timezone.now() - ago
        )
        return Notification.objects.get()

    def test_a_claim_older_than_the_timeout_is_sent_by_the_sweeper(self, people, settings):
        from notifications.tasks import send_notification_email, sweep_pending_emails

        lost = self.claimed(people, ago=settings.EMAIL_SENDING_TIMEOUT + datetime.timedelta(1))
        send_notification_email.delay(lost.pk)  # the broker's redelivery alone does too
        assert sweep_pending_emails.delay().get() == 0
        lost.refresh_from_db()
        assert lost.email_status == EmailStatus.SENT
        assert [m.to for m in mail.outbox] == [["boss@example.cn"]]

    def test_the_sweeper_queues_a_lost_claim_again(self, people, settings):
        from notifications.tasks import sweep_pending_emails

        lost = self.claimed(people, ago=settings.EMAIL_SENDING_TIMEOUT + datetime.timedelta(1))
        assert sweep_pending_emails.delay().get() == 1
        lost.refresh_from_db()
        assert lost.email_status == EmailStatus.SENT
        assert len(mail.outbox) == 1

    def test_a_recent_claim_is_left_to_its_worker(self, people, settings):
        from notifications.tasks import send_notification_email, sweep_pending_emails

        live = self.claimed(people, ago=datetime.timedelta(seconds=5))
        assert sweep_pending_emails.delay().get() == 0
        send_notification_email.delay(live.pk)
        live.refresh_from_db()
        assert live.email_status == EmailStatus.SENDING
        assert mail.outbox == []


def test_notifications_outside_events_are_possible(people):
    notify_users(user_ids=[people["manager"].pk], title="合作社抽检合格率低于目标")
    assert Notification.objects.get().title == "合作社抽检合格率低于目标"


class TestInboxApi:
    def client_for(self, user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    def test_anonymous_gets_401(self):
        assert APIClient().get("/api/v1/notifications/").status_code == 401

    def test_each_user_sees_only_their_own(self, people):
        record(people["ticket"], EventAction.ESCALATE)
        mine = self.client_for(people["manager"]).get("/api/v1/notifications/").json()
        assert [n["title"] for n in mine["results"]] == [f"{people['ticket'].reference}：上报"]
        assert (
            self.client_for(people["staff"]).get("/api/v1/notifications/").json()["results"] == []
        )

    def test_another_users_notification_is_404(self, people):
        record(people["ticket"], EventAction.ESCALATE)
        theirs = Notification.objects.get()
        client = self.client_for(people["staff"])
        assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
        assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
        theirs.refresh_from_db()
        assert theirs.read_at is None

    def test_marking_read_and_the_unread_filter(self, people):
        record(people["ticket"], EventAction.ESCALATE)
        record(people["ticket"], EventAction.OVERDUE)
        client = self.client_for(people["manager"])
        first = Notification.objects.filter(recipient=people["manager"]).first()
        assert client.post(f"/api/v1/notifications/{first.pk}/read/").json()["read_at"]
        unread = client.get("/api/v1/notifications/?unread=true").json()["results"]
        assert len(unread) == 1
        assert client.post("/api/v1/notifications/read_all/").json() == {"marked": 1}
        assert client.get("/api/v1/notifications/?unread=true").json()["results"] == []

    def test_a_bad_filter_value_is_400(self, people):
        response = self.client_for(people["manager"]).get("/api/v1/notifications/?unread=maybe")
        assert response.status_code == 400

    def test_an_unknown_filter_is_400_not_ignored(self, people):
        response = self.client_for(people["manager"]).get("/api/v1/notifications/?unred=true")
        assert response.status_code == 400
        assert response.json() == {"unred": ["未知的筛选条件。"]}

    @pytest.mark.parametrize("rows", [1, 50])
    def test_the_list_costs_the_same_queries_for_1_and_50_rows(
        self, people, rows, django_assert_num_queries
    ):
        for _ in range(rows):
            notify_users(user_ids=[people["manager"].pk], title="提醒")
        client = self.client_for(people["manager"])
        with django_assert_num_queries(2):
            assert len(client.get("/api/v1/notifications/").json()["results"]) == rows


def test_emails_the_broker_never_got_are_queued_again(people, monkeypatch, settings):
    from kombu.exceptions import OperationalError as BrokerError

    from notifications import tasks

    def broker_down(*args, **kwargs):
        raise BrokerError("redis down")

    monkeypatch.setattr(tasks.send_notification_email, "delay", broker_down)
    record(people["ticket"], EventAction.ESCALATE)
    from notifications.services import dispatch_email_tasks

    dispatch_email_tasks(Notification.objects.values_list("pk", flat=True))  # swallowed
    assert Notification.objects.get().email_status == EmailStatus.PENDING
    monkeypatch.undo()
    settings.EMAIL_SWEEP_AFTER = datetime.timedelta(0)
    assert tasks.sweep_pending_emails.delay().get() == 1
    assert Notification.objects.get().email_status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [["boss@example.cn"]]


def test_the_ticket_filter_does_not_tell_foreign_tickets_from_missing_ones(people):
    client = APIClient()
    client.force_authenticate(people["outsider"])
    foreign = client.get(f"/api/v1/notifications/?ticket={people['ticket'].pk}")
    missing = client.get("/api/v1/notifications/?ticket=999999")
    assert (foreign.status_code, foreign.json()["results"]) == (200, [])
    assert (missing.status_code, missing.json()["results"]) == (200, [])
