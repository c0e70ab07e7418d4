"""The lab's staff hear of an ending calibration 30 days ahead, once per certificate."""

import datetime

import pytest
from django.utils import timezone

from instruments.tasks import remind_expiring_calibrations
from notifications.models import Notification
from tests.instruments.factories import InstrumentFactory

pytestmark = pytest.mark.django_db


def test_staff_are_told_once_of_calibrations_ending_within_30_days(pool):
    today = timezone.localdate()
    pool.instrument.calibration_valid_until = today + datetime.timedelta(days=30)
    pool.instrument.save()
    InstrumentFactory(lab=pool.lab, calibration_valid_until=today + datetime.timedelta(days=31))
    InstrumentFactory(
        lab=pool.lab, status="retired", calibration_valid_until=today + datetime.timedelta(days=3)
    )

    first = remind_expiring_calibrations.delay().get()
    second = remind_expiring_calibrations.delay().get()

    assert (first, second) == (1, 0)
    told = Notification.objects.filter(title__contains="三坐标测量机")
    assert set(told.values_list("recipient__username", flat=True)) == {"yt-staff", "yt-manager"}
    ends = (today + datetime.timedelta(days=30)).isoformat()
    assert all(ends in notification.title for notification in told)


def test_a_renewed_certificate_is_reminded_of_again(pool):
    today = timezone.localdate()
    pool.instrument.calibration_valid_until = today + datetime.timedelta(days=10)
    pool.instrument.save()
    remind_expiring_calibrations.delay()
    pool.instrument.refresh_from_db()
    pool.instrument.calibration_valid_until = today + datetime.timedelta(days=20)
    pool.instrument.save()

    assert remind_expiring_calibrations.delay().get() == 1
    assert Notification.objects.filter(recipient__username="yt-staff").count() == 2
