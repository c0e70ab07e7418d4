import pytest
from django.urls import reverse

from workcalendar.models import CalendarYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_november(monkeypatch):
    import datetime

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2099, 11, 2))


def test_calendar_pages_warn_while_next_year_is_missing(admin_client, next_november):
    for name in [
        "admin:workcalendar_calendarday_changelist",
        "admin:workcalendar_calendaryear_changelist",
    ]:
        response = admin_client.get(reverse(name))
        assert response.status_code == 200
        assert "2100" in response.content.decode()


def test_no_warning_once_next_year_is_complete(admin_client, next_november):
    CalendarYear.objects.create(year=2100, arrangement_complete=True)
    response = admin_client.get(reverse("admin:workcalendar_calendarday_changelist"))
    assert "2100" not in response.content.decode()


def test_a_year_shows_its_computed_days_off(admin_client):
    year = CalendarYear.objects.create(year=2027)
    response = admin_client.get(reverse("admin:workcalendar_calendaryear_change", args=[year.pk]))
    assert "02-10" in response.content.decode()
