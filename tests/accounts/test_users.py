import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from service_stations.choices import StationRole
from service_stations.models import StationMembership, SupervisorScope
from tests.api_support import ROLES, ids, token_client
from tests.factories import AdminFactory, StationMembershipFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/users/"
ONLY_ADMIN = {role: 403 for role in ROLES} | {"anonymous": 401, "admin": 200}


def counts() -> tuple[int, int, int]:
    return (
        get_user_model().objects.count(),
        StationMembership.objects.count(),
        SupervisorScope.objects.count(),
    )


def staff_payload(world, **overrides) -> dict:
    return {
        "username": "li-staff",
        "password": "Zhiliang-2026",
        "role": "station_staff",
        "station": world.station_a.pk,
    } | overrides


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_list_users(world, role):
    response = world.client(role).get(LIST)
    assert response.status_code == ONLY_ADMIN[role]
    if role == "admin":
        assert set(ids(response)) == {user.pk for user in world.users.values()}


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_see_a_user(world, role):
    target = world.users["station_staff"]
    assert world.client(role).get(f"{LIST}{target.pk}/").status_code == ONLY_ADMIN[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_create_users(world, role):
    before = counts()
    response = world.client(role).post(LIST, staff_payload(world), format="json")
    assert response.status_code == (ONLY_ADMIN[role] if role != "admin" else 201)
    assert (counts() == before) is (role != "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_deactivate_users(world, role):
    target = world.users["station_staff"]
    response = world.client(role).post(f"{LIST}{target.pk}/deactivate/")
    assert response.status_code == ONLY_ADMIN[role]
    target.refresh_from_db()
    assert target.is_active is (role != "admin")


def test_creating_station_staff_answers_exactly_as_the_contract(world):
    response = world.client("admin").post(LIST, staff_payload(world), format="json")
    assert response.status_code == 201
    user = get_user_model().objects.get(username="li-staff")
    assert response.json() == {
        "id": user.pk,
        "username": "li-staff",
        "role": "station_staff",
        "station": world.station_a.pk,
        "region_code": None,
    }
    assert StationMembership.objects.get(user=user).role == StationRole.STAFF
    login = token_client().post(
        "/api/v1/auth/token/", {"username": "li-staff", "password": "Zhiliang-2026"}
    )
    assert login.status_code == 200


def test_creating_a_supervisor_stores_the_region_prefix(world):
    response = world.client("admin").post(
        LIST,
        {
            "username": "jianguan",
            "password": "Zhiliang-2026",
            "role": "supervisor",
            "region_code": "4201",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["region_code"] == "4201"
    assert response.json()["station"] is None
    assert SupervisorScope.objects.get(user_id=response.json()["id"]).region_prefix == "4201"


def test_creating_a_manager_makes_a_manager_membership(world):
    response = world.client("admin").post(
        LIST, staff_payload(world, role="station_manager"), format="json"
    )
    assert response.status_code == 201
    assert StationMembership.objects.get(user_id=response.json()["id"]).role == (
        StationRole.MANAGER
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"station": None}, "station"),
        ({"station": 999999}, "station"),
        ({"role": "supervisor", "station": None}, "region_code"),
        ({"role": "supervisor", "region_code": "420"}, "region_code"),
        ({"role": "enterprise"}, "role"),
        ({"role": "admin"}, "role"),
        ({"password": "123"}, "password"),
        ({"username": ""}, "username"),
    ],
)
def test_bad_user_input_is_400_on_the_field_and_creates_nothing(world, overrides, field):
    before = counts()
    response = world.client("admin").post(LIST, staff_payload(world, **overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert counts() == before


def test_a_taken_username_is_400_on_username(world):
    taken = world.users["expert"].username
    response = world.client("admin").post(LIST, staff_payload(world, username=taken), format="json")
    assert response.status_code == 400
    assert "username" in response.json()


def test_deactivation_revokes_the_token_and_activation_restores_login(world):
    target = world.users["station_staff"]
    client = token_client(target)
    admin = world.client("admin")
    response = admin.post(f"{LIST}{target.pk}/deactivate/")
    assert response.json()["is_active"] is False
    assert not Token.objects.filter(user=target).exists()
    assert client.get("/api/v1/me/").status_code == 401
    assert admin.post(f"{LIST}{target.pk}/activate/").json()["is_active"] is True
    relogin = token_client().post(
        "/api/v1/auth/token/", {"username": target.username, "password": "pass-word-123"}
    )
    assert relogin.status_code == 200


def test_station_memberships_are_replaced(world):
    target = world.users["station_staff"]
    response = world.client("admin").put(
        f"{LIST}{target.pk}/stations/",
        {"memberships": [{"station": world.station_b.pk, "role": "station_manager"}]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["station_memberships"] == [
        {"station": world.station_b.pk, "role": "station_manager"}
    ]
    assert response.json()["roles"] == ["station_manager"]
    assert list(StationMembership.objects.filter(user=target).values_list("station", "role")) == [
        (world.station_b.pk, StationRole.MANAGER)
    ]


@pytest.mark.parametrize(
    "memberships",
    [
        [{"station": 999999, "role": "station_staff"}],
        [{"station": "A", "role": "chief"}],
        "not a list",
    ],
)
def test_bad_station_memberships_are_400_and_change_nothing(world, memberships):
    target = world.users["station_staff"]
    before = list(StationMembership.objects.filter(user=target).values_list("station", "role"))
    response = world.client("admin").put(
        f"{LIST}{target.pk}/stations/", {"memberships": memberships}, format="json"
    )
    assert response.status_code == 400
    assert "memberships" in response.json()
    after = list(StationMembership.objects.filter(user=target).values_list("station", "role"))
    assert after == before


def test_the_same_station_twice_is_400(world):
    target = world.users["station_staff"]
    twice = [{"station": world.station_b.pk, "role": role} for role in StationRole.values]
    response = world.client("admin").put(
        f"{LIST}{target.pk}/stations/", {"memberships": twice}, format="json"
    )
    assert response.status_code == 400


def test_users_filter_by_role_and_station(world):
    client = world.client("admin")
    assert ids(client.get(LIST, {"role": "supervisor"})) == sorted(
        [world.users["supervisor_in"].pk, world.users["supervisor_out"].pk]
    )
    assert set(ids(client.get(LIST, {"station": world.station_a.pk}))) == {
        world.users["station_staff"].pk,
        world.users["station_manager"].pk,
    }
    assert client.get(LIST, {"role": "chief"}).status_code == 400


@pytest.mark.parametrize("rows", [1, 50])
def test_user_list_query_count_does_not_grow_with_rows(db, django_assert_num_queries, rows):
    admin = AdminFactory()
    StationMembershipFactory.create_batch(rows)
    client = token_client(admin)
    # token with user and caller, count, page, station memberships
    with django_assert_num_queries(4):
        response = client.get(LIST, {"page_size": 200})
    assert len(response.json()["results"]) == rows + 1


def test_an_administrator_cannot_deactivate_their_own_login(world):
    admin_user = world.users["admin"]
    response = world.client("admin").post(f"{LIST}{admin_user.pk}/deactivate/")
    assert response.status_code == 409
    assert response.json()["code"] == "self_deactivation"
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert Token.objects.filter(user=admin_user).exists()
