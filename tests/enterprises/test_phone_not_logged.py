"""PIPL: the phone number never reaches the logs in clear, whatever the request does."""

import logging

import pytest
from django.conf import settings
from django.db import connection
from pythonjsonlogger.json import JsonFormatter

from nqi_service.request_id import RequestIdFilter
from tests.accounts.test_registration import URL as REGISTER
from tests.accounts.test_registration import registration
from tests.api_support import token_client

pytestmark = pytest.mark.django_db

PHONE = "13800001234"  # the registration's number
NEW_PHONE = "13977778888"


class Collect(logging.Handler):
    """Keep every record formatted as the production JSON lines, with all extras."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter(settings.LOGGING["formatters"]["json"]["fmt"]))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record) + repr(vars(record)))


@pytest.fixture
def log_lines():
    handler = Collect()
    root = logging.getLogger()
    loggers = [root, logging.getLogger("django")]
    levels = [logger.level for logger in loggers]
    root.addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    connection.force_debug_cursor = True  # SQL and its parameters are logged too
    try:
        yield handler.lines
    finally:
        connection.force_debug_cursor = False
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
        root.removeHandler(handler)


def test_registration_edits_reveals_and_export_log_no_phone(world, log_lines):
    body = token_client().post(REGISTER, registration(), format="json").json()
    owner = token_client()
    owner.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    enterprise = f"/api/v1/enterprises/{body['enterprise']['id']}/"
    assert owner.patch(enterprise, {"contact_phone": "x" + PHONE}, format="json").status_code == 400
    assert owner.patch(enterprise, {"contact_phone": NEW_PHONE}, format="json").status_code == 200
    assert owner.get(enterprise + "contact/").status_code == 200
    assert b"".join(owner.get(enterprise + "export/").streaming_content)
    assert world.client("admin").get(enterprise + "contact/").status_code == 200
    assert world.client("expert").get(enterprise + "contact/").status_code == 404
    text = "\n".join(log_lines)
    assert "INSERT" in text  # the capture works: queries were logged
    assert PHONE not in text
    assert NEW_PHONE not in text
