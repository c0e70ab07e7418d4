import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from enterprises.choices import EnterpriseEventAction, MemberRole
from enterprises.models import Enterprise, EnterpriseEvent, EnterpriseMembership
from tests.api_support import ROLES, ids, token_client
from tests.factories import (
    AdminFactory,
    EnterpriseFactory,
    EnterpriseMembershipFactory,
    TicketFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/enterprises/"

# Which of E (own) and F (foreign) each role sees.
SCOPE = {
    "enterprise": {"E"},
    "other_enterprise": {"F"},
    "station_staff": {"E"},
    "station_manager": {"E"},
    "other_staff": {"F"},
    "expert": {"E"},
    "supervisor_in": {"E"},
    "supervisor_out": set(),
    "admin": {"E", "F"},
}
EDITORS = {"enterprise", "admin"}
VERIFIERS = {"station_staff", "station_manager", "admin"}


def detail(enterprise, suffix="") -> str:
    return f"{LIST}{enterprise.pk}/{suffix}"


def expected(role, allowed, success=200) -> int:
    if role == "anonymous":
        return 401
    if "E" not in SCOPE[role]:
        return 404
    return success if role in allowed else 403


def pks(world, names) -> set[int]:
    return {{"E": world.enterprise_e, "F": world.enterprise_f}[name].pk for name in names}


@pytest.mark.parametrize("role", ROLES)
def test_enterprise_list_shows_only_the_callers_scope(world, role):
    response = world.client(role).get(LIST)
    if role == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert set(ids(response)) == pks(world, SCOPE[role])


@pytest.mark.parametrize("role", ROLES)
def test_enterprise_detail_status_per_role(world, role):
    status = world.client(role).get(detail(world.enterprise_e)).status_code
    assert status == expected(role, allowed=set(SCOPE))


@pytest.mark.parametrize("role", ROLES)
def test_enterprise_edit_status_per_role(world, role):
    response = world.client(role).patch(
        detail(world.enterprise_e), {"contact_phone": "13900009999"}, format="json"
    )
    assert response.status_code == expected(role, EDITORS)
    world.enterprise_e.refresh_from_db()
    assert (world.enterprise_e.contact_phone == "13900009999") is (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_enterprise_verify_status_per_role(world, role):
    response = world.client(role).post(detail(world.enterprise_e, "verify/"))
    assert response.status_code == expected(role, VERIFIERS)
    world.enterprise_e.refresh_from_db()
    assert world.enterprise_e.is_verified is (role in VERIFIERS)


@pytest.mark.parametrize("role", ROLES)
def test_enterprise_members_list_status_per_role(world, role):
    status = world.client(role).get(detail(world.enterprise_e, "members/")).status_code
    assert status == expected(role, EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_enterprise_invite_status_per_role(world, role):
    response = world.client(role).post(
        detail(world.enterprise_e, "members/"),
        {"username": "colleague", "password": "Zhiliang-2026"},
        format="json",
    )
    assert response.status_code == expected(role, EDITORS, success=201)
    assert get_user_model().objects.filter(username="colleague").exists() is (role in EDITORS)


def test_a_foreign_enterprise_never_appears_in_search_or_filter(world):
    client = world.client("station_staff")
    foreign = world.enterprise_f
    assert ids(client.get(LIST, {"search": foreign.name})) == []
    assert ids(client.get(LIST, {"search": foreign.credit_code})) == []
    assert ids(client.get(LIST, {"region": foreign.region_code})) == []
    assert ids(client.get(LIST, {"search": world.enterprise_e.credit_code})) == [
        world.enterprise_e.pk
    ]


@pytest.mark.parametrize(
    "query", [{"region": "4"}, {"size": "huge"}, {"industry": "Z"}, {"verified": "yes"}]
)
def test_bad_enterprise_filters_are_400(world, query):
    assert world.client("admin").get(LIST, query).status_code == 400


def test_verifying_records_an_event_and_twice_is_409(world):
    client = world.client("station_staff")
    response = client.post(detail(world.enterprise_e, "verify/"), {"note": "营业执照已核验"})
    assert response.status_code == 200
    assert response.json()["is_verified"] is True
    event = EnterpriseEvent.objects.get(
        enterprise=world.enterprise_e, action=EnterpriseEventAction.VERIFY
    )
    assert event.actor == world.users["station_staff"]
    assert event.note == "营业执照已核验"
    again = client.post(detail(world.enterprise_e, "verify/"))
    assert again.status_code == 409
    assert again.json()["code"] == "already_verified"
    assert EnterpriseEvent.objects.filter(action=EnterpriseEventAction.VERIFY).count() == 1


def test_editing_records_which_fields_changed_and_keeps_the_credit_code(world):
    code = world.enterprise_e.credit_code
    response = world.client("enterprise").patch(
        detail(world.enterprise_e),
        {"address": "武汉市江岸区", "credit_code": "91350100M000100Y43", "is_verified": True},
        format="json",
    )
    assert response.status_code == 200
    world.enterprise_e.refresh_from_db()
    assert world.enterprise_e.credit_code == code
    assert world.enterprise_e.is_verified is False
    event = EnterpriseEvent.objects.get(action=EnterpriseEventAction.UPDATE)
    assert event.note == "address"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"region_code": "42"}, "region_code"),
        ({"industry_code": "Z1"}, "industry_code"),
        ({"equipment_utilisation": 101}, "equipment_utilisation"),
        ({"size": "huge"}, "size"),
        ({"name": ""}, "name"),
        ({"kind": "individual_business"}, "kind"),
    ],
)
def test_bad_enterprise_edit_is_400_and_changes_nothing(world, payload, field):
    before = Enterprise.objects.values().get(pk=world.enterprise_e.pk)
    response = world.client("enterprise").patch(detail(world.enterprise_e), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Enterprise.objects.values().get(pk=world.enterprise_e.pk) == before
    assert not EnterpriseEvent.objects.exists()


def test_invited_colleague_logs_in_and_sees_the_enterprise(world):
    response = world.client("enterprise").post(
        detail(world.enterprise_e, "members/"),
        {"username": "colleague", "password": "Zhiliang-2026"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["role"] == MemberRole.MEMBER
    colleague = get_user_model().objects.get(username="colleague")
    assert ids(token_client(colleague).get(LIST)) == [world.enterprise_e.pk]
    assert EnterpriseEvent.objects.filter(action=EnterpriseEventAction.ADD_MEMBER).count() == 1


def test_a_colleague_may_not_invite_or_remove(world):
    colleague = EnterpriseMembershipFactory(
        enterprise=world.enterprise_e, role=MemberRole.MEMBER
    ).user
    client = token_client(colleague)
    invite = client.post(
        detail(world.enterprise_e, "members/"),
        {"username": "another", "password": "Zhiliang-2026"},
        format="json",
    )
    assert invite.status_code == 403
    owner = world.users["enterprise"]
    assert client.delete(detail(world.enterprise_e, f"members/{owner.pk}/")).status_code == 403


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "colleague", "password": "123"}, "password"),
        ({"username": "bad name!", "password": "Zhiliang-2026"}, "username"),
        ({"password": "Zhiliang-2026"}, "username"),
    ],
)
def test_bad_invitation_is_400_and_creates_nothing(world, payload, field):
    users = get_user_model().objects.count()
    response = world.client("enterprise").post(
        detail(world.enterprise_e, "members/"), payload, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert get_user_model().objects.count() == users


def test_invitation_with_a_taken_username_is_400(world):
    response = world.client("enterprise").post(
        detail(world.enterprise_e, "members/"),
        {"username": world.users["expert"].username, "password": "Zhiliang-2026"},
        format="json",
    )
    assert response.status_code == 400
    assert "username" in response.json()


def test_removing_a_colleague_deactivates_their_login(world):
    colleague = EnterpriseMembershipFactory(
        enterprise=world.enterprise_e, role=MemberRole.MEMBER
    ).user
    Token.objects.create(user=colleague)
    response = world.client("enterprise").delete(
        detail(world.enterprise_e, f"members/{colleague.pk}/")
    )
    assert response.status_code == 204
    colleague.refresh_from_db()
    assert colleague.is_active is False
    assert not Token.objects.filter(user=colleague).exists()
    assert not EnterpriseMembership.objects.filter(user=colleague).exists()
    assert EnterpriseEvent.objects.filter(action=EnterpriseEventAction.REMOVE_MEMBER).exists()


def test_a_colleague_with_another_enterprise_keeps_their_login(world):
    colleague = EnterpriseMembershipFactory(
        enterprise=world.enterprise_e, role=MemberRole.MEMBER
    ).user
    EnterpriseMembershipFactory(user=colleague, enterprise=EnterpriseFactory())
    world.client("enterprise").delete(detail(world.enterprise_e, f"members/{colleague.pk}/"))
    colleague.refresh_from_db()
    assert colleague.is_active is True


def test_the_owner_cannot_be_removed(world):
    owner = world.users["enterprise"]
    response = world.client("admin").delete(detail(world.enterprise_e, f"members/{owner.pk}/"))
    assert response.status_code == 409
    assert response.json()["code"] == "owner_not_removable"
    assert EnterpriseMembership.objects.filter(user=owner).exists()


def test_removing_someone_who_is_not_a_member_is_404(world):
    stranger = world.users["other_enterprise"]
    response = world.client("enterprise").delete(
        detail(world.enterprise_e, f"members/{stranger.pk}/")
    )
    assert response.status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_enterprise_list_query_count_does_not_grow_with_rows(db, django_assert_num_queries, rows):
    EnterpriseFactory.create_batch(rows)
    client = token_client(AdminFactory())
    # token with user and caller, count, page
    with django_assert_num_queries(3):
        response = client.get(LIST)
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_staff_enterprise_list_query_count_does_not_grow_with_rows(
    world, django_assert_num_queries, rows
):
    for enterprise in EnterpriseFactory.create_batch(rows):
        TicketFactory(enterprise=enterprise, station=world.station_a)
    client = world.client("station_staff")
    # token with user and caller, the regions of the caller's stations, count, page
    with django_assert_num_queries(4):
        response = client.get(LIST, {"page_size": 200})
    assert len(response.json()["results"]) == rows + 1


@pytest.mark.parametrize("rows", [1, 50])
def test_member_list_query_count_does_not_grow_with_rows(
    world, django_assert_max_num_queries, rows
):
    EnterpriseMembershipFactory.create_batch(
        rows, enterprise=world.enterprise_e, role=MemberRole.MEMBER
    )
    client = world.client("enterprise")
    with django_assert_max_num_queries(6):
        response = client.get(detail(world.enterprise_e, "members/"), {"page_size": 200})
    assert len(response.json()["results"]) == rows + 1
