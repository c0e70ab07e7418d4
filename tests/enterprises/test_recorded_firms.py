"""Firms a station records without a login (POST /enterprises/), their claim codes and claims."""

import datetime

import pytest
from django.utils import timezone

from enterprises.choices import EnterpriseEventAction, EnterpriseKind, MemberRole
from enterprises.credit_codes import CREDIT_CODE_ALPHABET
from enterprises.models import ClaimCode, Enterprise, EnterpriseEvent, EnterpriseMembership
from enterprises.services.claims import CODE_LENGTH
from tests.api_support import token_client
from tests.factories import EnterpriseFactory, credit_code

pytestmark = pytest.mark.django_db

LIST = "/api/v1/enterprises/"
REGISTER = "/api/v1/auth/register/"


def firm(**overrides) -> dict:
    return {
        "name": "江岸区老王五金店",
        "credit_code": credit_code(7001, prefix="92"),
        "region_code": "420102",
        "kind": EnterpriseKind.INDIVIDUAL_BUSINESS,
        "contact_name": "王建华",
        "contact_phone": "13912345678",
        **overrides,
    }


def claim(code: str, credit: str, username: str = "laowang") -> dict:
    return {
        "username": username,
        "password": "Zhiliang-2026",
        "enterprise": {"credit_code": credit},
        "claim_code": code,
    }


def record(world, **overrides):
    response = world.client("station_staff").post(LIST, firm(**overrides), format="json")
    assert response.status_code == 201, response.data
    return response.data


def test_staff_record_a_firm_with_a_one_time_claim_code_stored_hashed(world):
    data = record(world)

    assert data["claimed"] is False
    assert data["kind"] == "individual_business"
    assert data["contact_phone"] == "139****5678"
    code = data["claim_code"]
    assert len(code) >= 8 and len(code) == CODE_LENGTH
    assert set(code) <= set(CREDIT_CODE_ALPHABET)
    stored = ClaimCode.objects.get(enterprise_id=data["id"])
    assert code not in stored.code_hash
    expires = datetime.datetime.fromisoformat(data["claim_code_expires_at"])
    assert expires - stored.created_at == datetime.timedelta(days=90)
    enterprise = Enterprise.objects.get(pk=data["id"])
    assert not enterprise.memberships.exists()
    assert list(enterprise.events.values_list("action", flat=True)) == [
        EnterpriseEventAction.RECORD,
        EnterpriseEventAction.CLAIM_CODE,
    ]
    # The code is shown once: never again on the enterprise's page.
    again = world.client("station_staff").get(f"{LIST}{data['id']}/").data
    assert "claim_code" not in again and again["claimed"] is False


def test_the_claim_slip_says_what_was_recorded_and_why_in_chinese(world):
    data = record(world)
    slip = data["claim_slip"]

    assert data["claim_code"] in slip
    for recorded in ("江岸区老王五金店", data["credit_code"], "王建华", "139****5678"):
        assert recorded in slip
    assert "13912345678" not in slip
    assert "仅用于办理贵单位的质量服务诉求" in slip
    assert "输错 5 次即作废" in slip


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("enterprise", 403),
        ("expert", 403),
        ("supervisor_in", 403),
        ("station_manager", 201),
        ("admin", 201),
    ],
)
def test_who_may_record_a_firm(world, role, status):
    response = world.client(role).post(LIST, firm(), format="json")
    assert response.status_code == status, response.data
    assert Enterprise.objects.filter(name="江岸区老王五金店").exists() == (status == 201)


def test_anonymous_recording_is_401(world):
    assert token_client().post(LIST, firm(), format="json").status_code == 401


def test_a_firm_outside_the_station_region_is_400_on_region_code(world):
    response = world.client("station_staff").post(LIST, firm(region_code="420111"), format="json")
    assert response.status_code == 400
    assert "region_code" in response.data
    assert not Enterprise.objects.filter(name="江岸区老王五金店").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": EnterpriseKind.COMPANY}, "kind"),
        ({"kind": EnterpriseKind.FARMERS_COOPERATIVE}, "kind"),
        ({"kind": None}, "kind"),
        ({"credit_code": credit_code(7002, prefix="91")}, "kind"),
        ({"credit_code": "92420102MA0007001X"}, "credit_code"),
        ({"contact_name": None}, "contact_name"),
        ({"region_code": "4201"}, "region_code"),
    ],
)
def test_bad_records_are_400_naming_the_field(world, overrides, field):
    body = {k: v for k, v in firm(**overrides).items() if v is not None}
    response = world.client("station_staff").post(LIST, body, format="json")
    assert response.status_code == 400
    assert field in response.data, response.data
    assert not ClaimCode.objects.exists()


def test_a_farmers_cooperative_has_a_93_code(world):
    data = record(
        world,
        name="黄陂区蔬菜种植专业合作社",
        kind=EnterpriseKind.FARMERS_COOPERATIVE,
        credit_code=credit_code(7003, prefix="93"),
    )
    assert data["kind"] == "farmers_cooperative"


def test_a_credit_code_on_record_is_409(world):
    existing = EnterpriseFactory(region_code="420102", credit_code=credit_code(7004, "92"))
    response = world.client("station_staff").post(
        LIST, firm(credit_code=existing.credit_code), format="json"
    )
    assert response.status_code == 409
    assert response.data["code"] == "duplicate_credit_code"


def test_the_right_code_hands_the_firm_and_its_history_over(world):
    data = record(world)

    response = token_client().post(
        REGISTER, claim(data["claim_code"], data["credit_code"]), format="json"
    )

    assert response.status_code == 201, response.data
    assert response.data["enterprise"]["id"] == data["id"]
    assert response.data["enterprise"]["claimed"] is True
    owner = EnterpriseMembership.objects.get(enterprise_id=data["id"])
    assert (owner.user.username, owner.role) == ("laowang", MemberRole.OWNER)
    me = token_client(owner.user).get("/api/v1/me/").data
    assert me["enterprise_ids"] == [data["id"]]
    assert ClaimCode.objects.get(enterprise_id=data["id"]).used_at is not None
    assert EnterpriseEvent.objects.filter(
        enterprise_id=data["id"], action=EnterpriseEventAction.CLAIM, actor=owner.user
    ).exists()
    # Used once: the same code again is a 400.
    again = token_client().post(
        REGISTER, claim(data["claim_code"], data["credit_code"], "other"), format="json"
    )
    assert again.status_code == 400
    assert "claim_code" in again.data


def test_a_code_is_case_and_spacing_insensitive(world):
    data = record(world)
    typed = " ".join(data["claim_code"].lower())
    response = token_client().post(REGISTER, claim(typed, data["credit_code"]), format="json")
    assert response.status_code == 201, response.data


def test_five_wrong_codes_void_it_and_each_is_400(world):
    data = record(world)
    wrong = "0" * CODE_LENGTH if data["claim_code"] != "0" * CODE_LENGTH else "1" * CODE_LENGTH

    statuses = [
        token_client()
        .post(REGISTER, claim(wrong, data["credit_code"], f"guess{n}"), format="json")
        .status_code
        for n in range(5)
    ]
    right = token_client().post(
        REGISTER, claim(data["claim_code"], data["credit_code"]), format="json"
    )

    assert statuses == [400] * 5
    assert right.status_code == 400
    assert "claim_code" in right.data
    code = ClaimCode.objects.get(enterprise_id=data["id"])
    assert (code.failures, code.voided_at is not None) == (5, True)
    assert not EnterpriseMembership.objects.filter(enterprise_id=data["id"]).exists()


def test_an_expired_code_is_400(world):
    data = record(world)
    ClaimCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = token_client().post(
        REGISTER, claim(data["claim_code"], data["credit_code"]), format="json"
    )

    assert response.status_code == 400
    assert "claim_code" in response.data


def test_without_the_code_a_recorded_firm_is_409_and_says_to_claim(world):
    data = record(world)
    body = {
        "username": "laowang",
        "password": "Zhiliang-2026",
        "enterprise": {**firm(), "credit_code": data["credit_code"]},
    }
    response = token_client().post(REGISTER, body, format="json")
    assert response.status_code == 409
    assert response.data["code"] == "duplicate_credit_code"
    assert "认领码" in response.data["detail"]


def test_a_code_for_a_self_registered_firm_is_400(world):
    response = token_client().post(
        REGISTER, claim("ABCDEFGH12", world.enterprise_e.credit_code), format="json"
    )
    assert response.status_code == 400
    assert "claim_code" in response.data


def test_reissuing_voids_the_old_code(world):
    data = record(world)
    url = f"{LIST}{data['id']}/claim_code/"

    reissued = world.client("station_manager").post(url)

    assert reissued.status_code == 201, reissued.data
    assert reissued.data["claim_code"] != data["claim_code"]
    assert reissued.data["claim_code"] in reissued.data["claim_slip"]
    old = token_client().post(
        REGISTER, claim(data["claim_code"], data["credit_code"]), format="json"
    )
    assert old.status_code == 400
    new = token_client().post(
        REGISTER, claim(reissued.data["claim_code"], data["credit_code"]), format="json"
    )
    assert new.status_code == 201, new.data
    assert world.client("station_staff").post(url).status_code == 409  # claimed now


def test_reissuing_needs_the_region_and_the_station_side(world):
    data = record(world)
    url = f"{LIST}{data['id']}/claim_code/"
    assert world.client("other_staff").post(url).status_code == 404
    assert world.client("supervisor_in").post(url).status_code == 403
    assert world.client("admin").post(url).status_code == 201


def test_staff_see_the_firms_of_their_region_in_the_list(world):
    data = record(world)
    mine = [row["id"] for row in world.client("station_staff").get(LIST).json()["results"]]
    theirs = [row["id"] for row in world.client("other_staff").get(LIST).json()["results"]]
    assert data["id"] in mine and world.enterprise_e.pk in mine
    assert data["id"] not in theirs
