"""The export answers in the format asked for, errors included, as the schema documents."""

import pytest
from rest_framework.test import APIClient

from tests.api_support import token_client
from tests.factories import EnterpriseMembershipFactory

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/stats/export/"


def test_an_unknown_format_is_invalid_input(conforming, supervisor):
    response = conforming("GET", EXPORT, supervisor, query={"format": "pdf"})
    assert response.status_code == 400
    # One line per message, as a reader of the file would want it.
    assert response.text.lstrip("\ufeff") == "format,“pdf” 不是合法选项。\r\n"


def test_an_unknown_format_is_checked_after_authentication_and_permission():
    """API.md's order: 401, then 403, before the 400 on the body or query."""
    enterprise_user = EnterpriseMembershipFactory().user
    assert APIClient().get(EXPORT, {"format": "pdf"}).status_code == 401
    assert token_client(enterprise_user).get(EXPORT, {"format": "pdf"}).status_code == 403


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_answers_in_a_documented_format(conforming, supervisor, file_format):
    response = conforming("GET", EXPORT, supervisor, query={"format": file_format})
    assert response.status_code == 200


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_refusal_comes_in_the_format_asked_for(conforming, file_format):
    enterprise_user = EnterpriseMembershipFactory().user
    response = conforming("GET", EXPORT, enterprise_user, query={"format": file_format})
    assert response.status_code == 403
