"""The back office: every admin page renders, scoped for station staff like the API."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.services import user_create
from enterprises.models import Enterprise
from requests_app.models import Ticket
from service_stations.choices import StationRole
from service_stations.models import Expert, ServiceStation

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def superuser_client(client, demo_data):
    client.force_login(get_user_model().objects.get(username="demo_admin"))
    return client


@pytest.fixture
def staff_client(client, demo_data):
    client.force_login(get_user_model().objects.get(username="demo_staff"))
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_superuser_sees_every_changelist_and_change_form(superuser_client, model):
    assert superuser_client.get(admin_url(model, "changelist")).status_code == 200
    row = model.objects.first()
    if row is not None:
        assert superuser_client.get(admin_url(model, "change", row.pk)).status_code == 200


@pytest.mark.parametrize("model", [Enterprise, ServiceStation, Expert, Ticket], ids=str)
def test_station_staff_work_in_the_admin(staff_client, model):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200


def test_station_staff_see_only_their_scope(staff_client):
    # demo_staff works at wh-01: enterprises and requests of other stations are absent.
    for model, foreign, label in [
        (Enterprise, Enterprise.objects.exclude(tickets__station__code="wh-01").first(), "name"),
        (Ticket, Ticket.objects.exclude(station__code="wh-01").first(), "reference"),
    ]:
        response = staff_client.get(admin_url(model, "changelist") + "?all=")
        assert getattr(foreign, label) not in response.content.decode(), model
        assert staff_client.get(admin_url(model, "change", foreign.pk)).status_code == 302


def test_station_staff_see_their_own_requests(staff_client):
    own = Ticket.objects.filter(station__code="wh-01").first()
    assert staff_client.get(admin_url(Ticket, "change", own.pk)).status_code == 200


def test_a_station_user_created_through_the_api_service_gets_back_office_access(demo_data):
    station = ServiceStation.objects.get(code="wh-02")
    user = user_create(
        username="new_staff", password="pw-9x!kq", role=StationRole.STAFF, station=station
    )
    assert user.is_staff
    assert user.has_perm("requests_app.change_ticket")
    assert not user.has_perm("service_stations.change_expert")
    manager = user_create(
        username="new_manager", password="pw-9x!kq", role=StationRole.MANAGER, station=station
    )
    assert manager.has_perm("service_stations.change_expert")


def test_a_manager_changes_only_the_experts_of_their_station(client, demo_data):
    manager = user_create(
        username="wh02_manager",
        password="pw-9x!kq",
        role=StationRole.MANAGER,
        station=ServiceStation.objects.get(code="wh-02"),
    )
    client.force_login(manager)
    own = Expert.objects.filter(stations__code="wh-02").first()
    other = Expert.objects.filter(stations__code="wh-03").exclude(stations__code="wh-02").first()
    assert client.post(admin_url(Expert, "change", own.pk), {}).status_code == 200  # form shown
    assert client.post(admin_url(Expert, "change", other.pk), {}).status_code == 403


def test_a_manager_cannot_take_over_an_experts_login_or_stations(client, demo_data):
    station = ServiceStation.objects.get(code="wh-02")
    manager = user_create(
        username="wh02_boss", password="pw-9x!kq", role=StationRole.MANAGER, station=station
    )
    client.force_login(manager)
    expert = Expert.objects.filter(stations=station).first()
    before = (expert.user_id, set(expert.stations.values_list("pk", flat=True)))
    other = ServiceStation.objects.get(code="wh-03")
    form = {
        "name": expert.name,
        "organization": expert.organization,
        "title": expert.title,
        "industries": "[]",
        "capacity": expert.capacity,
        "is_available": "on",
        "user": manager.pk,
        "stations": [station.pk, other.pk],
        "specialties-TOTAL_FORMS": "0",
        "specialties-INITIAL_FORMS": "0",
    }
    response = client.post(admin_url(Expert, "change", expert.pk), form)
    assert response.status_code == 302  # saved: the other fields were accepted
    expert.refresh_from_db()
    assert (expert.user_id, set(expert.stations.values_list("pk", flat=True))) == before


def expert_form(expert, **changes) -> dict:
    """Return the admin's change form of ``expert`` as posted, with ``changes``."""
    return {
        "name": expert.name,
        "organization": expert.organization,
        "title": expert.title,
        "industries": "[]",
        "capacity": expert.capacity,
        "specialties-TOTAL_FORMS": "0",
        "specialties-INITIAL_FORMS": "0",
        "leaves-TOTAL_FORMS": "0",
        "leaves-INITIAL_FORMS": "0",
        **changes,
    }


def test_capacity_below_open_assignments_is_a_form_error_in_the_admin(superuser_client):
    expert = Expert.objects.filter(open_assignments__gt=0).first()
    form = expert_form(expert, capacity=expert.open_assignments - 1)
    response = superuser_client.post(admin_url(Expert, "change", expert.pk), form)
    assert response.status_code == 200
    assert "capacity" in response.context["adminform"].form.errors
    expert.refresh_from_db()
    assert expert.capacity >= expert.open_assignments


def test_an_expert_edited_in_the_admin_is_saved_by_expert_update(superuser_client, monkeypatch):
    from service_stations import admin as expert_admin

    calls = []
    real_update = expert_admin.expert_update

    def spy(**kwargs):
        calls.append(kwargs)
        return real_update(**kwargs)

    monkeypatch.setattr(expert_admin, "expert_update", spy)
    expert = Expert.objects.filter(open_assignments__gt=0).first()
    form = expert_form(expert, capacity=expert.capacity + 1)
    response = superuser_client.post(admin_url(Expert, "change", expert.pk), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(calls) == 1 and calls[0]["capacity"] == form["capacity"]
    opened = expert.open_assignments
    expert.refresh_from_db()
    assert (expert.capacity, expert.open_assignments) == (form["capacity"], opened)
