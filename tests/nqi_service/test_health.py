import datetime

import pytest
from django.db import connection
from django.utils import timezone

from workcalendar.models import CalendarYear

pytestmark = pytest.mark.django_db(transaction=True)


def test_healthz_reports_database_and_broker_up(client, settings):
    CalendarYear.objects.create(year=timezone.localdate().year + 1, arrangement_complete=True)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "calendar": "ok"}


def test_healthz_warns_from_november_while_next_year_is_not_loaded(client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2099, 11, 1))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["calendar"] == "next year not loaded"
    CalendarYear.objects.create(year=2100, arrangement_complete=True)
    assert client.get("/healthz").json()["calendar"] == "ok"


def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    # Without a database only the bundled calendar can say a year is loaded.
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2025, 11, 1))
    if connection.vendor == "postgresql":
        # A port nothing listens on: a real failed connection, not a mock.
        monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
        monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    else:
        monkeypatch.setitem(connection.settings_dict, "NAME", "/nonexistent/dir/db.sqlite3")
    connection.close()
    try:
        response = client.get("/healthz")
    finally:
        monkeypatch.undo()
        connection.close()
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["calendar"] == "ok"  # 2026 ships with chinese-calendar


@pytest.mark.redis
def test_healthz_reports_a_broker_that_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["database"], body["broker"]) == ("ok", "down")


@pytest.mark.redis
def test_healthz_reports_a_real_broker_up(client, settings):
    assert settings.REDIS_URL
    assert client.get("/healthz").json()["broker"] == "ok"


def test_the_root_is_a_chinese_landing_page_linking_the_doors(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    for link in ["/api/docs/", "/dashboard/", "/admin/", "/healthz"]:
        assert f'href="{link}"' in page
    assert "质量基础设施" in page
