import pytest
from django.contrib.auth import authenticate
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api_support import token_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


def test_correct_password_gives_a_token_that_authenticates():
    user = UserFactory(username="zhang")
    response = APIClient().post(TOKEN, {"username": "zhang", "password": "pass-word-123"})
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}
    client = APIClient(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/me/").json()["username"] == "zhang"


@pytest.mark.parametrize(
    "payload",
    [
        {"username": "zhang", "password": "wrong"},
        {"username": "nobody", "password": "pass-word-123"},
        {"username": "zhang"},
    ],
)
def test_bad_credentials_are_400_and_issue_no_token(payload):
    UserFactory(username="zhang")
    response = APIClient().post(TOKEN, payload)
    assert response.status_code == 400
    assert not Token.objects.exists()


def test_a_deactivated_login_gets_no_token():
    UserFactory(username="zhang", is_active=False)
    assert (
        APIClient().post(TOKEN, {"username": "zhang", "password": "pass-word-123"}).status_code
        == 400
    )


def test_token_login_is_throttled(monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"login": "2/minute"})
    client = APIClient()
    statuses = [
        client.post(TOKEN, {"username": "x", "password": "y"}).status_code for _ in range(3)
    ]
    assert statuses == [400, 400, 429]


def test_missing_credentials_are_401_with_a_token_challenge_in_chinese():
    response = APIClient().get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "身份认证信息未提供。"


def test_messages_are_english_with_accept_language_en():
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/me/")
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_a_bad_token_is_401():
    response = APIClient(HTTP_AUTHORIZATION="Token not-a-token").get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_logout_deletes_the_token():
    user = UserFactory()
    client = token_client(user)
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert not Token.objects.filter(user=user).exists()
    assert client.get("/api/v1/me/").status_code == 401


def test_logout_needs_a_login():
    assert APIClient().post("/api/v1/auth/logout/").status_code == 401


PASSWORD = "/api/v1/me/password/"


def test_password_change_sets_the_password_and_replaces_the_token():
    user = UserFactory(username="zhang")
    client = token_client(user)
    old_key = Token.objects.get(user=user).key
    response = client.post(
        PASSWORD, {"old_password": "pass-word-123", "new_password": "Zhiliang-2026"}
    )
    assert response.status_code == 200
    assert response.json()["token"] != old_key
    assert authenticate(username="zhang", password="Zhiliang-2026") == user
    assert client.get("/api/v1/me/").status_code == 401


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"old_password": "wrong", "new_password": "Zhiliang-2026"}, "old_password"),
        ({"old_password": "pass-word-123", "new_password": "123"}, "new_password"),
        ({"old_password": "pass-word-123", "new_password": "zhang-user"}, "new_password"),
        ({"old_password": "pass-word-123"}, "new_password"),
    ],
)
def test_bad_password_change_is_400_and_keeps_the_password(payload, field):
    user = UserFactory(username="zhang-user")
    response = token_client(user).post(PASSWORD, payload)
    assert response.status_code == 400
    assert field in response.json()
    assert authenticate(username="zhang-user", password="pass-word-123") == user


@pytest.mark.parametrize("weak", ["12345678", "1234"])
def test_every_weak_password_message_is_in_chinese(weak):
    response = token_client(UserFactory()).post(
        PASSWORD, {"old_password": "pass-word-123", "new_password": weak}
    )
    messages = response.json()["new_password"]
    assert messages
    assert all("密码" in message for message in messages), messages


def test_the_length_rule_names_its_minimum():
    response = token_client(UserFactory()).post(
        PASSWORD, {"old_password": "pass-word-123", "new_password": "1234"}
    )
    assert "密码长度太短。密码必须包含至少 8 个字符。" in response.json()["new_password"]
