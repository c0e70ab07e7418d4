"""Usernames that look alike are one name: case, width and mixed-script look-alikes."""

import importlib
import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from rest_framework.test import APIClient

from accounts.services import login_create
from tests.accounts.test_registration import registration
from tests.api_support import token_client
from tests.factories import AdminFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "Zhiliang-2026"
LOOK_ALIKES = ["DEMO_ADMIN", "Demo_Staff", "demo_admіn", "ｄｅｍｏ_ａｄｍｉｎ"]  # і is Cyrillic
TAKEN = "已存在一位使用该名字的用户。"
MIXED = "用户名混用了不同文字中形似的字符。"

migration = importlib.import_module("nqi_service.migrations.0003_username_one_name")


@pytest.fixture
def demo_logins(db):
    for name in ("demo_admin", "demo_staff"):
        user = UserFactory(username=name)
        user.set_password(PASSWORD)
        user.save()


@pytest.mark.parametrize("username", LOOK_ALIKES)
def test_registration_refuses_a_look_alike_of_an_existing_login(demo_logins, username):
    response = APIClient().post(
        "/api/v1/auth/register/", registration(username=username), format="json"
    )
    assert response.status_code == 400
    assert response.json()["username"] in ([TAKEN], [MIXED])
    assert User.objects.count() == 2


def test_a_mixed_script_look_alike_is_refused_even_without_a_namesake(db):
    response = APIClient().post(
        "/api/v1/auth/register/", registration(username="wаnglei"), format="json"
    )  # а is Cyrillic
    assert response.status_code == 400
    assert response.json() == {"username": [MIXED]}


def test_han_and_latin_together_are_a_name(db):
    response = APIClient().post(
        "/api/v1/auth/register/", registration(username="王磊abc"), format="json"
    )
    assert response.status_code == 201, response.json()


def test_a_fullwidth_name_is_stored_in_its_plain_form(db):
    response = APIClient().post(
        "/api/v1/auth/register/", registration(username="ｗａｎｇｌｅｉ"), format="json"
    )
    assert response.status_code == 201
    assert response.json()["user"]["username"] == "wanglei"


@pytest.mark.parametrize("username", LOOK_ALIKES)
def test_users_endpoint_refuses_a_look_alike(demo_logins, world, username):
    body = {
        "username": username,
        "password": PASSWORD,
        "role": "station_staff",
        "station": world.station_a.pk,
    }
    response = world.client("admin").post("/api/v1/users/", body, format="json")
    assert response.status_code == 400
    assert response.json()["username"] in ([TAKEN], [MIXED])


@pytest.mark.parametrize("username", LOOK_ALIKES)
def test_expert_creation_refuses_a_look_alike(demo_logins, username):
    body = {
        "name": "张建国",
        "organization": "武汉市计量所",
        "specialties": ["metrology"],
        "capacity": 3,
        "username": username,
        "password": PASSWORD,
    }
    response = token_client(AdminFactory()).post("/api/v1/experts/", body, format="json")
    assert response.status_code == 400
    assert response.json()["username"] in ([TAKEN], [MIXED])


@pytest.mark.parametrize("username", ["DEMO_ADMIN", "Demo_Admin", "ｄｅｍｏ_ａｄｍｉｎ"])
def test_logging_in_finds_the_login_in_any_case_or_width(demo_logins, username):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert User.objects.get(auth_token__key=response.json()["token"]).username == "demo_admin"


def test_logging_in_with_a_mixed_script_look_alike_finds_nobody(demo_logins):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "demo_admіn", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 400


def test_the_service_refuses_a_name_taken_in_another_case(demo_logins):
    with pytest.raises(ValidationError) as raised:
        login_create(username="Demo_Admin", password=PASSWORD)
    assert raised.value.message_dict == {"username": [TAKEN]}


def test_the_database_refuses_a_name_taken_in_another_case(demo_logins):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="DEMO_ADMIN")


def test_the_migration_reports_existing_clashes_and_indexes_the_rest(db, caplog):
    with connection.schema_editor() as editor:
        editor.remove_constraint(User, migration.username_index())
    bob, bob_upper = User.objects.create(username="bob"), User.objects.create(username="BOB")
    wide = User.objects.create(username="ｗｉｄｅ")
    from django.apps import apps

    with caplog.at_level(logging.WARNING), connection.schema_editor() as editor:
        migration.unify_usernames(apps, editor)
    assert f"#{bob.pk} 'bob'" in caplog.text and f"#{bob_upper.pk} 'BOB'" in caplog.text
    wide.refresh_from_db()
    assert wide.username == "wide"
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="WIDE")
