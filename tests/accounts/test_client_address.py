"""Throttles count the client by an address it cannot choose (``TRUSTED_PROXY_COUNT``)."""

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
WRONG = {"username": "zhang", "password": "wrong"}


def statuses(forwarded_for: list[str], remote_addr: str = "10.0.0.9") -> list[int]:
    client = APIClient(REMOTE_ADDR=remote_addr)
    return [
        client.post(TOKEN, WRONG, HTTP_X_FORWARDED_FOR=address).status_code
        for address in forwarded_for
    ]


@pytest.fixture
def two_logins_a_minute(monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"login": "2/minute"})


def test_rotating_x_forwarded_for_does_not_dodge_the_login_throttle(two_logins_a_minute):
    assert statuses(["1.1.1.1", "2.2.2.2", "3.3.3.3"]) == [400, 400, 429]


def test_behind_one_proxy_the_last_forwarded_address_is_the_client(two_logins_a_minute, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The client prepends what it likes; the proxy appends the address it saw.
    assert statuses(["1.1.1.1, 7.7.7.7", "2.2.2.2, 7.7.7.7", "7.7.7.7"]) == [400, 400, 429]
    assert statuses(["1.1.1.1, 8.8.8.8"]) == [400]


def test_registration_counts_the_socket_address_too(monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"register": "1/hour"})
    client = APIClient(REMOTE_ADDR="10.0.0.9")
    answers = [
        client.post("/api/v1/auth/register/", {}, format="json", HTTP_X_FORWARDED_FOR=address)
        for address in ("1.1.1.1", "2.2.2.2")
    ]
    assert [answer.status_code for answer in answers] == [400, 429]
