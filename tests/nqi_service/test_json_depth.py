"""A body nested deeper than any request needs is a 400 at parse time, never a 500."""

import json
import logging

import pytest
from rest_framework.test import APIClient

from nqi_service.api.parsers import MAX_JSON_DEPTH, too_deep
from tests.api_support import _isolated_cache, token_client  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_a_thousand_nested_arrays_are_a_400_without_a_traceback(caplog):
    with caplog.at_level(logging.DEBUG):
        response = APIClient().post(
            "/api/v1/auth/token/", nested(1000), content_type="application/json"
        )
    assert response.status_code == 400
    assert response.json() == {"detail": f"JSON 嵌套超过 {MAX_JSON_DEPTH} 层。"}
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert not [record for record in caplog.records if record.exc_info]
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) <= 1


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH + 1, 100, 500])
def test_nesting_past_the_bound_is_refused_by_a_logged_in_caller_too(levels):
    body = json.dumps({"old_password": json.loads(nested(levels - 1))})
    response = token_client(UserFactory()).post(
        "/api/v1/me/password/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_nesting_at_the_bound_reaches_validation():
    body = json.dumps({"username": json.loads(nested(MAX_JSON_DEPTH - 1)), "password": "x"})
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 400
    assert "username" in response.json()


@pytest.mark.parametrize(
    ("data", "limit", "expected"),
    [
        (1, 0, False),
        ([], 0, True),
        ([], 1, False),
        ({"a": [1, {"b": []}]}, 4, False),
        ({"a": [1, {"b": []}]}, 3, True),
        ([[], [[[]]]], 3, True),
    ],
)
def test_too_deep_counts_lists_and_objects(data, limit, expected):
    assert too_deep(data, limit) is expected
