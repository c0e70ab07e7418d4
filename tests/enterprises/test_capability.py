"""The capability profile with its history: the firm and the staff of its region
record it, dated; the latest record is the profile now, the earliest where the
network found the firm."""

import datetime

import pytest
from django.utils import timezone

from enterprises.models import CapabilityRecord, Enterprise
from tests.api_support import token_client

pytestmark = pytest.mark.django_db


def url(enterprise) -> str:
    return f"/api/v1/enterprises/{enterprise.pk}/capability/"


def profile(**values) -> dict:
    return {"in_standard_setting": False, "has_lab": True, "equipment_utilisation": 65, **values}


def test_a_firm_without_records_shows_its_profile_as_of_its_registration(world):
    firm = world.enterprise_e
    response = world.client("enterprise").get(url(firm))
    assert response.status_code == 200
    assert response.json() == {
        "in_standard_setting": False,
        "has_lab": False,
        "equipment_utilisation": None,
        "as_of": timezone.localdate(firm.created_at).isoformat(),
        "history": [],
    }


def test_the_firm_records_a_change_and_the_profile_before_it_is_kept(world):
    firm = world.enterprise_e
    as_of = timezone.localdate()
    response = world.client("enterprise").put(
        url(firm), profile(as_of=as_of.isoformat()), format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["has_lab"], body["equipment_utilisation"], body["as_of"]) == (
        True,
        65,
        as_of.isoformat(),
    )
    latest, baseline = body["history"]
    assert (latest["has_lab"], latest["recorded_by"]) == (True, world.users["enterprise"].pk)
    assert (baseline["has_lab"], baseline["recorded_by"]) == (False, None)
    firm.refresh_from_db()
    assert (firm.has_lab, firm.equipment_utilisation) == (True, 65)


def test_as_of_defaults_to_today(world):
    response = world.client("enterprise").put(url(world.enterprise_e), profile(), format="json")
    assert response.json()["as_of"] == timezone.localdate().isoformat()


def test_an_earlier_record_fills_in_the_history_and_leaves_the_profile_now(world):
    firm, client = world.enterprise_e, world.client("enterprise")
    client.put(url(firm), profile(has_lab=True), format="json")
    earlier = timezone.localdate() - datetime.timedelta(days=400)
    response = client.put(
        url(firm), profile(has_lab=False, as_of=earlier.isoformat()), format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["has_lab"] is True
    assert [record["as_of"] for record in body["history"]][-1] == earlier.isoformat()
    firm.refresh_from_db()
    assert firm.has_lab is True


@pytest.mark.parametrize("role", ["station_staff", "station_manager", "admin"])
def test_staff_of_the_firms_region_record_it_after_a_visit(world, role):
    response = world.client(role).put(
        url(world.enterprise_e), profile(in_standard_setting=True), format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["history"][0]["recorded_by"] == world.users[role].pk
    assert Enterprise.objects.get(pk=world.enterprise_e.pk).in_standard_setting is True


@pytest.mark.parametrize("role", ["expert", "supervisor_in"])
def test_those_who_only_see_the_firm_read_the_profile_and_may_not_change_it(world, role):
    client = world.client(role)
    assert client.get(url(world.enterprise_e)).status_code == 200
    assert client.put(url(world.enterprise_e), profile(), format="json").status_code == 403
    assert not CapabilityRecord.objects.exists()


@pytest.mark.parametrize("role", ["other_enterprise", "other_staff", "supervisor_out"])
def test_anyone_else_gets_404(world, role):
    client = world.client(role)
    assert client.get(url(world.enterprise_e)).status_code == 404
    assert client.put(url(world.enterprise_e), profile(), format="json").status_code == 404


def test_anonymous_gets_401(world):
    assert token_client().get(url(world.enterprise_e)).status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"equipment_utilisation": 101}, "equipment_utilisation"),
        ({"equipment_utilisation": -1}, "equipment_utilisation"),
        ({"equipment_utilisation": "很多"}, "equipment_utilisation"),
        ({"has_lab": None}, "has_lab"),
        ({"in_standard_setting": "也许"}, "in_standard_setting"),
        ({"as_of": "1999-12-31"}, "as_of"),
        ({"as_of": "2100-01-01"}, "as_of"),
        ({"as_of": "2026-02-30"}, "as_of"),
        ({"as_of": (datetime.date.today() + datetime.timedelta(days=2)).isoformat()}, "as_of"),
    ],
)
def test_bad_input_is_400_on_the_field_and_nothing_is_written(world, change, field):
    response = world.client("enterprise").put(
        url(world.enterprise_e), profile(**change), format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not CapabilityRecord.objects.exists()


def test_every_field_of_the_profile_is_required(world):
    response = world.client("enterprise").put(url(world.enterprise_e), {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"in_standard_setting", "has_lab", "equipment_utilisation"}


def test_unknown_utilisation_is_null(world):
    response = world.client("enterprise").put(
        url(world.enterprise_e), profile(equipment_utilisation=None), format="json"
    )
    assert response.status_code == 200
    assert response.json()["equipment_utilisation"] is None


def test_changing_the_profile_on_the_enterprise_itself_is_kept_in_the_history(world):
    firm = world.enterprise_e
    response = world.client("enterprise").patch(
        f"/api/v1/enterprises/{firm.pk}/", {"has_lab": True}, format="json"
    )
    assert response.status_code == 200
    history = world.client("enterprise").get(url(firm)).json()["history"]
    assert [(r["has_lab"], r["as_of"]) for r in history] == [
        (True, timezone.localdate().isoformat()),
        (False, timezone.localdate(firm.created_at).isoformat()),
    ]


def test_a_change_of_other_fields_records_no_capability(world):
    firm = world.enterprise_e
    world.client("enterprise").patch(
        f"/api/v1/enterprises/{firm.pk}/", {"address": "武汉市江岸区"}, format="json"
    )
    assert not CapabilityRecord.objects.exists()
