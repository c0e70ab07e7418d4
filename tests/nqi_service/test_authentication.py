"""Token authentication reads the caller (roles, stations, enterprises) with the token."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from nqi_service import roles
from nqi_service.roles import caller_of, load_caller, token_with_caller
from service_stations.choices import StationRole
from tests.factories import (
    EnterpriseMembershipFactory,
    ExpertFactory,
    StationMembershipFactory,
    SupervisorScopeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


@pytest.fixture
def busy_user():
    """A user holding every role: two stations, two enterprises, an expert, a region."""
    user = UserFactory(is_superuser=True)
    StationMembershipFactory(user=user)
    StationMembershipFactory(user=user, role=StationRole.MANAGER)
    EnterpriseMembershipFactory(user=user)
    EnterpriseMembershipFactory(user=user)
    ExpertFactory(user=user)
    SupervisorScopeFactory(user=user, region_prefix="4201")
    return user


def test_the_token_brings_the_callers_roles_stations_and_enterprises_in_one_query(busy_user):
    key = Token.objects.create(user=busy_user).key

    with CaptureQueriesContext(connection) as queries:
        token = token_with_caller(key)
        caller = caller_of(token.user)

    assert len(queries) == 1
    assert token.user == busy_user and token.key == key and token.created is not None
    assert caller == load_caller(busy_user)
    assert caller.roles == (
        roles.ENTERPRISE,
        roles.STATION_STAFF,
        roles.STATION_MANAGER,
        roles.EXPERT,
        roles.SUPERVISOR,
        roles.ADMIN,
    )
    assert caller.station_ids == tuple(
        sorted(busy_user.station_memberships.values_list("station_id", flat=True))
    )
    assert caller.enterprise_ids == tuple(
        sorted(busy_user.enterprise_memberships.values_list("enterprise_id", flat=True))
    )
    assert len(caller.station_ids) == len(caller.enterprise_ids) == 2
    assert caller.expert_id == busy_user.expert.pk and caller.region_prefix == "4201"


def test_a_user_without_memberships_has_no_roles_and_no_ids():
    user = UserFactory()

    caller = token_with_caller(Token.objects.create(user=user).key).user._nqi_caller

    assert caller == roles.Caller() == load_caller(user)


def test_an_unknown_token_is_a_401_that_asks_for_a_token(db):
    response = APIClient(HTTP_AUTHORIZATION="Token not-a-token").get(ME)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert token_with_caller("not-a-token") is None


def test_the_token_of_an_inactive_user_is_a_401():
    user = UserFactory(is_active=False)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    assert client.get(ME).status_code == 401


def test_the_token_is_the_requests_auth(busy_user):
    key = Token.objects.create(user=busy_user).key
    client = APIClient(HTTP_AUTHORIZATION=f"Token {key}")

    response = client.get(ME)

    assert response.status_code == 200
    request = response.renderer_context["request"]
    assert request.auth.key == key
    assert request.user.pk == busy_user.pk
