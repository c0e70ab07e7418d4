import pytest

from tests.api_support import ROLES

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "enterprise": ["enterprise"],
    "other_enterprise": ["enterprise"],
    "station_staff": ["station_staff"],
    "station_manager": ["station_manager"],
    "other_staff": ["station_staff"],
    "expert": ["expert"],
    "supervisor_in": ["supervisor"],
    "supervisor_out": ["supervisor"],
    "admin": ["admin"],
}


@pytest.mark.parametrize("role", ROLES)
def test_me_describes_the_caller_exactly(world, role):
    response = world.client(role).get("/api/v1/me/")
    if role == "anonymous":
        assert response.status_code == 401
        return
    user = world.users[role]
    body = response.json()
    assert set(body) == {
        "id",
        "username",
        "roles",
        "enterprise_ids",
        "station_ids",
        "expert_id",
        "region_code",
    }
    assert body["id"] == user.pk
    assert body["roles"] == EXPECTED_ROLES[role]
    assert body["enterprise_ids"] == list(
        user.enterprise_memberships.values_list("enterprise_id", flat=True)
    )
    assert body["station_ids"] == list(
        user.station_memberships.values_list("station_id", flat=True)
    )
    assert body["expert_id"] == (world.expert_x.pk if role == "expert" else None)
    assert body["region_code"] == {"supervisor_in": "4201", "supervisor_out": "44"}.get(role)


def test_me_lists_every_station_and_enterprise_of_a_user(world):
    from tests.factories import EnterpriseMembershipFactory, StationMembershipFactory

    user = world.users["station_staff"]
    StationMembershipFactory(user=user, station=world.station_b, role="station_manager")
    EnterpriseMembershipFactory(user=user, enterprise=world.enterprise_f)
    body = world.client("station_staff").get("/api/v1/me/").json()
    assert body["roles"] == ["enterprise", "station_staff", "station_manager"]
    assert body["station_ids"] == sorted([world.station_a.pk, world.station_b.pk])
    assert body["enterprise_ids"] == [world.enterprise_f.pk]
