"""Failed logins are throttled per target username as well as per client address."""

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from nqi_service.api.throttles import LoginFailureThrottle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
RIGHT = "pass-word-123"


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"login": "1000/minute", "login_failures": "3/hour"},
    )
    monkeypatch.setattr(LoginFailureThrottle, "timer", clock)
    return clock


def login(username: str, password: str, address: str) -> int:
    client = APIClient(REMOTE_ADDR=address)
    return client.post(TOKEN, {"username": username, "password": password}).status_code


def test_guessing_one_account_from_many_addresses_is_throttled(clock):
    UserFactory(username="zhang")
    guesses = [login("zhang", f"guess-{n}", f"10.0.0.{n}") for n in range(5)]
    assert guesses == [400, 400, 400, 429, 429]


def test_look_alike_spellings_of_the_username_count_together(clock):
    UserFactory(username="zhang")
    assert [login(name, "wrong", "10.0.0.1") for name in ("zhang", "ZHANG", "ｚｈａｎｇ")] == [
        400,
        400,
        400,
    ]
    assert login("Zhang", "wrong", "10.0.0.2") == 429


def test_the_real_user_waits_at_most_the_window_after_someone_elses_failures(clock):
    UserFactory(username="zhang")
    for n in range(3):
        assert login("zhang", "wrong", f"10.0.0.{n}") == 400
    assert login("zhang", RIGHT, "192.168.1.5") == 429  # locked: no hashing, no oracle
    clock.now += 1800
    assert login("zhang", "wrong", "10.0.0.9") == 429  # refused attempts are not counted
    clock.now += 1801
    assert login("zhang", RIGHT, "192.168.1.5") == 200


def test_other_usernames_are_not_affected(clock):
    UserFactory(username="zhang")
    UserFactory(username="li")
    for n in range(3):
        login("zhang", "wrong", f"10.0.0.{n}")
    assert login("li", RIGHT, "10.0.0.1") == 200


def test_successful_logins_are_not_failures(clock):
    UserFactory(username="zhang")
    assert [login("zhang", RIGHT, "10.0.0.1") for _n in range(5)] == [200] * 5
