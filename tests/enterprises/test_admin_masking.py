"""PIPL in the back office: no full phone number on admin pages unless revealed,
and every reveal recorded like the API's."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services.back_office import back_office_sync
from enterprises.models import ContactAccess, Enterprise

pytestmark = pytest.mark.django_db

PHONE = "13800001234"
MASKED = "138****1234"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(world):
    return logged_in(world.users["admin"])


@pytest.fixture
def staff_client_(world):
    staff = world.users["station_staff"]
    back_office_sync(staff)
    return logged_in(staff)


def page(client, name, *args) -> str:
    response = client.get(reverse(f"admin:enterprises_enterprise_{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_changelist_shows_masked_numbers(world, admin_client_):
    html = page(admin_client_, "changelist")
    assert MASKED in html
    assert PHONE not in html


def test_change_form_shows_the_number_masked(world, admin_client_):
    html = page(admin_client_, "change", world.enterprise_e.pk)
    assert MASKED in html
    assert PHONE not in html
    assert not ContactAccess.objects.exists()


def test_view_only_page_of_station_staff_shows_the_number_masked(world, staff_client_):
    html = page(staff_client_, "change", world.enterprise_e.pk)
    assert MASKED in html
    assert PHONE not in html


def change_form_data(enterprise, **changes) -> dict:
    data = {
        "name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "kind": enterprise.kind,
        "region_code": enterprise.region_code,
        "industry_code": enterprise.industry_code,
        "size": enterprise.size,
        "contact_name": enterprise.contact_name,
        "contact_phone": "",
        "address": enterprise.address,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "capability_records-TOTAL_FORMS": "0",
        "capability_records-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


@pytest.mark.parametrize(("typed", "stored"), [("", PHONE), ("13911112222", "13911112222")])
def test_change_form_keeps_the_number_unless_a_new_one_is_typed(
    world, admin_client_, typed, stored
):
    enterprise = world.enterprise_e
    response = admin_client_.post(
        reverse("admin:enterprises_enterprise_change", args=[enterprise.pk]),
        change_form_data(enterprise, contact_phone=typed, contact_name="李娜"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    enterprise.refresh_from_db()
    assert (enterprise.contact_name, enterprise.contact_phone) == ("李娜", stored)


def test_change_form_refuses_an_invalid_new_number(world, admin_client_):
    enterprise = world.enterprise_e
    response = admin_client_.post(
        reverse("admin:enterprises_enterprise_change", args=[enterprise.pk]),
        change_form_data(enterprise, contact_phone="138****1234"),
    )
    assert response.status_code == 200
    assert Enterprise.objects.get(pk=enterprise.pk).contact_phone == PHONE


@pytest.mark.parametrize("role", ["admin", "station_staff"])
def test_reveal_page_shows_the_number_and_records_it(world, role, admin_client_, staff_client_):
    client = {"admin": admin_client_, "station_staff": staff_client_}[role]
    html = page(client, "contact", world.enterprise_e.pk)
    assert PHONE in html
    access = ContactAccess.objects.get()
    assert (access.viewer, access.channel, access.field) == (
        world.users[role],
        "admin",
        "contact_phone",
    )


def test_reveal_page_of_an_enterprise_out_of_scope_reveals_nothing(world, staff_client_):
    response = staff_client_.get(
        reverse("admin:enterprises_enterprise_contact", args=[world.enterprise_f.pk])
    )
    assert response.status_code in {302, 404}
    assert PHONE not in response.content.decode()
    assert not ContactAccess.objects.exists()


def test_access_log_is_read_only_in_the_admin(world, admin_client_):
    world.client("admin").get(f"/api/v1/enterprises/{world.enterprise_e.pk}/contact/")
    row = ContactAccess.objects.get()
    changelist = admin_client_.get(reverse("admin:enterprises_contactaccess_changelist"))
    assert changelist.status_code == 200
    assert row.viewer_username in changelist.content.decode()
    assert admin_client_.get(reverse("admin:enterprises_contactaccess_add")).status_code == 403
    delete = reverse("admin:enterprises_contactaccess_delete", args=[row.pk])
    assert admin_client_.post(delete, {"post": "yes"}).status_code == 403
    assert ContactAccess.objects.filter(pk=row.pk).exists()
