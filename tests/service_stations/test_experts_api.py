import pytest
from django.contrib.auth import authenticate, get_user_model

from service_stations.models import Expert, ExpertSpecialty
from tests.api_support import ROLES, ids, token_client
from tests.factories import AdminFactory, ExpertFactory, StationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/experts/"

LIST_STATUS = {role: 403 for role in ROLES} | {
    "anonymous": 401,
    "station_staff": 200,
    "station_manager": 200,
    "other_staff": 200,
    "supervisor_in": 200,
    "supervisor_out": 200,
    "admin": 200,
}
DETAIL_STATUS = LIST_STATUS | {"expert": 200, "supervisor_out": 404}
WRITE_STATUS = {role: 403 for role in ROLES} | {
    "anonymous": 401,
    "station_manager": 200,
    "supervisor_out": 404,
    "admin": 200,
}


def detail(expert) -> str:
    return f"{LIST}{expert.pk}/"


def new_expert(world, **overrides) -> dict:
    return {
        "name": "刘洋",
        "organization": "湖北省标准化与质量研究院",
        "specialties": ["standards"],
        "industries": ["C17"],
        "stations": [world.station_a.pk],
        "capacity": 3,
        "is_available": True,
    } | overrides


@pytest.mark.parametrize("role", ROLES)
def test_expert_list_status_and_scope_per_role(world, role):
    response = world.client(role).get(LIST)
    assert response.status_code == LIST_STATUS[role]
    if response.status_code != 200:
        return
    expected = {
        "supervisor_in": {world.expert_x.pk},
        "supervisor_out": set(),
    }.get(role, {world.expert_x.pk, world.expert_y.pk})
    assert set(ids(response)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_expert_detail_status_per_role(world, role):
    assert world.client(role).get(detail(world.expert_x)).status_code == DETAIL_STATUS[role]


def test_an_expert_sees_only_their_own_record(world):
    client = world.client("expert")
    assert client.get(detail(world.expert_x)).status_code == 200
    assert client.get(detail(world.expert_y)).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_expert_write_status_per_role(world, role):
    response = world.client(role).patch(detail(world.expert_x), {"capacity": 7}, format="json")
    assert response.status_code == WRITE_STATUS[role]
    world.expert_x.refresh_from_db()
    assert (world.expert_x.capacity == 7) is (WRITE_STATUS[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_expert_create_status_per_role(world, role):
    expected = {"anonymous": 401, "station_manager": 201, "admin": 201}.get(role, 403)
    response = world.client(role).post(LIST, new_expert(world), format="json")
    assert response.status_code == expected
    assert Expert.objects.filter(name="刘洋").exists() is (expected == 201)


def test_a_manager_may_not_change_another_stations_expert(world):
    response = world.client("station_manager").patch(
        detail(world.expert_y), {"capacity": 9}, format="json"
    )
    assert response.status_code == 403


def test_a_manager_creates_experts_only_at_stations_they_manage(world):
    before = Expert.objects.count()
    response = world.client("station_manager").post(
        LIST, new_expert(world, stations=[world.station_b.pk]), format="json"
    )
    assert response.status_code == 400
    assert "stations" in response.json()
    assert Expert.objects.count() == before


def test_a_manager_cannot_move_an_expert_to_another_station(world):
    response = world.client("station_manager").patch(
        detail(world.expert_x),
        {"stations": [world.station_a.pk, world.station_b.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert list(world.expert_x.stations.all()) == [world.station_a]


def test_created_expert_has_specialty_rows_and_a_working_login(world):
    response = world.client("admin").post(
        LIST,
        new_expert(
            world,
            specialties=["standards", "metrology"],
            username="liuyang",
            password="Zhiliang-2026",
        ),
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["specialties"] == ["metrology", "standards"]
    assert body["stations"] == [world.station_a.pk]
    assert body["open_assignments"] == 0
    assert "password" not in body
    expert = Expert.objects.get(pk=body["id"])
    assert set(expert.specialties.values_list("category", flat=True)) == {"metrology", "standards"}
    assert authenticate(username="liuyang", password="Zhiliang-2026") == expert.user


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"specialties": ["cooking"]}, "specialties"),
        ({"industries": ["Z99"]}, "industries"),
        ({"stations": [999999]}, "stations"),
        ({"capacity": -1}, "capacity"),
        ({"name": ""}, "name"),
        ({"username": "liuyang"}, "password"),
        ({"username": "liuyang", "password": "123"}, "password"),
    ],
)
def test_bad_expert_input_is_400_and_creates_nothing(world, payload, field):
    before = (
        Expert.objects.count(),
        ExpertSpecialty.objects.count(),
        get_user_model().objects.count(),
    )
    response = world.client("admin").post(LIST, new_expert(world, **payload), format="json")
    assert response.status_code == 400
    assert field in response.json()
    after = (
        Expert.objects.count(),
        ExpertSpecialty.objects.count(),
        get_user_model().objects.count(),
    )
    assert after == before


def test_expert_login_with_a_taken_username_is_400_on_username(world):
    taken = world.users["station_staff"].username
    response = world.client("admin").post(
        LIST, new_expert(world, username=taken, password="Zhiliang-2026"), format="json"
    )
    assert response.status_code == 400
    assert "username" in response.json()


def test_capacity_below_open_assignments_is_400(world):
    Expert.objects.filter(pk=world.expert_x.pk).update(capacity=5, open_assignments=3)
    client = world.client("admin")
    response = client.patch(detail(world.expert_x), {"capacity": 2}, format="json")
    assert response.status_code == 400
    assert "capacity" in response.json()
    world.expert_x.refresh_from_db()
    assert world.expert_x.capacity == 5
    assert client.patch(detail(world.expert_x), {"capacity": 3}, format="json").status_code == 200


def test_open_assignments_is_read_live_and_not_writable(world):
    Expert.objects.filter(pk=world.expert_x.pk).update(open_assignments=2)
    client = world.client("admin")
    assert client.get(detail(world.expert_x)).json()["open_assignments"] == 2
    client.patch(detail(world.expert_x), {"open_assignments": 0}, format="json")
    world.expert_x.refresh_from_db()
    assert world.expert_x.open_assignments == 2


def test_experts_filter_by_specialty_station_and_capacity(world):
    full = ExpertFactory(specialties=["brand"], capacity=1)
    Expert.objects.filter(pk=full.pk).update(open_assignments=1)
    client = world.client("admin")
    assert ids(client.get(LIST, {"specialty": "brand"})) == [full.pk]
    assert ids(client.get(LIST, {"station": world.station_b.pk})) == [world.expert_y.pk]
    assert full.pk not in ids(client.get(LIST, {"has_capacity": "true"}))
    assert ids(client.get(LIST, {"has_capacity": "false"})) == [full.pk]


def test_a_foreign_expert_never_appears_in_a_supervisors_search_or_filter(world):
    client = world.client("supervisor_in")
    assert ids(client.get(LIST, {"search": world.expert_y.name})) == []
    assert ids(client.get(LIST, {"station": world.station_b.pk})) == []


@pytest.mark.parametrize("query", [{"specialty": "cooking"}, {"station": "999999"}, {"x": "1"}])
def test_bad_expert_filters_are_400(world, query):
    assert world.client("admin").get(LIST, query).status_code == 400


@pytest.mark.parametrize("rows", [1, 50])
def test_expert_list_query_count_does_not_grow_with_rows(db, django_assert_num_queries, rows):
    station = StationFactory()
    for expert in ExpertFactory.create_batch(rows, specialties=["metrology", "brand"]):
        expert.stations.add(station)
    client = token_client(AdminFactory())
    # token with user and caller, count, page, specialties, stations
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert len(response.json()["results"]) == rows
