"""The day-before reminder: the firms with attendees enrolled, once per session."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from tests.factories import EnterpriseMembershipFactory
from tests.training.factories import EnrolmentFactory, SessionFactory
from training.choices import EnrolmentStatus as S
from training.tasks import remind_sessions_tomorrow

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def at(day_offset: int, hour: int) -> datetime.datetime:
    today = timezone.localdate()
    day = today + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)


def test_firms_enrolled_in_tomorrows_sessions_are_reminded_once():
    tomorrow = SessionFactory(starts_at=at(1, 9), place="铁岭站二楼")
    later = SessionFactory(starts_at=at(2, 9))
    enrolled = EnrolmentFactory(session=tomorrow)
    EnrolmentFactory(session=tomorrow, enterprise=enrolled.enterprise)
    waiting = EnrolmentFactory(session=tomorrow, status=S.WAITING)
    told = EnterpriseMembershipFactory(enterprise=enrolled.enterprise).user
    not_told = EnterpriseMembershipFactory(enterprise=waiting.enterprise).user
    EnterpriseMembershipFactory(enterprise=EnrolmentFactory(session=later).enterprise)

    assert remind_sessions_tomorrow() == 1
    assert remind_sessions_tomorrow() == 0

    reminder = Notification.objects.get()
    assert reminder.recipient == told
    assert "2 " in reminder.body and "铁岭站二楼" in reminder.body
    assert not Notification.objects.filter(recipient=not_told).exists()
    tomorrow.refresh_from_db()
    later.refresh_from_db()
    assert tomorrow.reminded_at is not None and later.reminded_at is None


def test_a_session_late_tomorrow_evening_in_shanghai_is_tomorrows():
    session = SessionFactory(starts_at=at(1, 23))
    EnterpriseMembershipFactory(enterprise=EnrolmentFactory(session=session).enterprise)

    assert remind_sessions_tomorrow() == 1
