import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from enterprises.models import Enterprise
from enterprises.validators import is_valid_credit_code
from nqi_service.management.commands.seed_demo import DEMO_PASSWORD, LOGINS
from nqi_service.roles import roles_of

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["enterprises", "service_stations", "requests_app", "auth", "authtoken"]


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
    }


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    first = row_counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert row_counts() == first
    assert first["enterprises.Enterprise"] > 0
    assert first["service_stations.ServiceStation"] > 0


def test_seed_demo_gives_one_working_login_per_role():
    call_command("seed_demo", stdout=io.StringIO())
    for username, role, _target in LOGINS:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert role in roles_of(user), (username, roles_of(user))


def test_seeded_credit_codes_are_valid():
    call_command("seed_demo", stdout=io.StringIO())
    assert all(
        is_valid_credit_code(code)
        for code in Enterprise.objects.values_list("credit_code", flat=True)
    )
