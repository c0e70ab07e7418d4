import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from enterprises.choices import EnterpriseEventAction, MemberRole
from enterprises.models import Enterprise, EnterpriseEvent, EnterpriseMembership
from tests.api_support import token_client
from tests.factories import EnterpriseFactory, UserFactory, credit_code

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/register/"


def registration(**overrides) -> dict:
    changes = overrides.pop("enterprise", {})
    enterprise = {
        "name": "武汉精衡衡器有限公司",
        "credit_code": credit_code(4201),
        "region_code": "420102",
        "industry_code": "C34",
        "size": "micro",
        "contact_name": "王磊",
        "contact_phone": "13800001234",
        "address": "武汉市江岸区",
    }
    enterprise = enterprise | changes if isinstance(changes, dict) else changes
    return {
        "username": "wanglei",
        "password": "Zhiliang-2026",
        "enterprise": enterprise,
    } | overrides


def counts() -> tuple[int, ...]:
    return (
        get_user_model().objects.count(),
        Enterprise.objects.count(),
        EnterpriseMembership.objects.count(),
        Token.objects.count(),
        EnterpriseEvent.objects.count(),
    )


def test_registration_creates_an_unverified_enterprise_its_owner_and_a_token():
    response = APIClient().post(URL, registration(), format="json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"user", "enterprise", "token"}
    assert body["user"]["username"] == "wanglei"
    assert body["enterprise"]["is_verified"] is False
    enterprise = Enterprise.objects.get(pk=body["enterprise"]["id"])
    membership = EnterpriseMembership.objects.get(enterprise=enterprise)
    assert membership.user.pk == body["user"]["id"]
    assert membership.role == MemberRole.OWNER
    assert EnterpriseEvent.objects.filter(
        enterprise=enterprise, action=EnterpriseEventAction.REGISTER
    ).exists()
    me = APIClient(HTTP_AUTHORIZATION=f"Token {body['token']}").get("/api/v1/me/")
    assert me.json()["enterprise_ids"] == [enterprise.pk]


def test_invalid_credit_code_is_400_nested_under_enterprise_and_creates_no_user():
    before = counts()
    response = APIClient().post(
        URL, registration(enterprise={"credit_code": "91420102MA00042019"}), format="json"
    )
    assert response.status_code == 400
    assert "credit_code" in response.json()["enterprise"]
    assert counts() == before


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"enterprise": {"region_code": "4201"}}, ("enterprise", "region_code")),
        ({"enterprise": {"name": ""}}, ("enterprise", "name")),
        ({"enterprise": {"contact_phone": ""}}, ("enterprise", "contact_phone")),
        ({"enterprise": {"industry_code": "C3"}}, ("enterprise", "industry_code")),
        ({"enterprise": {"size": "giant"}}, ("enterprise", "size")),
        ({"password": "12345678"}, ("password",)),
        ({"username": "bad name!"}, ("username",)),
        ({"enterprise": None}, ("enterprise",)),
    ],
)
def test_bad_registration_is_400_with_nested_field_errors_and_changes_nothing(payload, path):
    before = counts()
    response = APIClient().post(URL, registration(**payload), format="json")
    assert response.status_code == 400
    errors = response.json()
    for key in path:
        errors = errors[key]
    assert errors
    assert counts() == before


def test_duplicate_credit_code_is_409_pointing_to_the_owner_or_a_station():
    existing = EnterpriseFactory(credit_code=credit_code(4201))
    before = counts()
    response = APIClient().post(URL, registration(), format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "duplicate_credit_code"
    assert "邀请" in body["detail"] and "服务站" in body["detail"]
    assert counts() == before
    assert Enterprise.objects.get(credit_code=existing.credit_code) == existing


def test_duplicate_credit_code_message_is_english_on_request():
    EnterpriseFactory(credit_code=credit_code(4201))
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post(URL, registration(), format="json")
    assert response.status_code == 409
    assert "invite" in response.json()["detail"]


def test_taken_username_is_400_on_username():
    UserFactory(username="wanglei")
    before = counts()
    response = APIClient().post(URL, registration(), format="json")
    assert response.status_code == 400
    assert "username" in response.json()
    assert counts() == before


def test_registration_is_throttled(monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"register": "2/hour"})
    client = APIClient()
    statuses = [client.post(URL, {}, format="json").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


def test_a_logged_in_user_can_still_reach_registration_only_through_the_throttle(monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"register": "1/hour"})
    client = token_client(UserFactory())
    assert client.post(URL, registration(), format="json").status_code == 201
    assert client.post(URL, registration(), format="json").status_code == 429
