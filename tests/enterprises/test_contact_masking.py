"""PIPL: contact phones are masked except for the enterprise's own members, and a
back-office reveal of the full number is recorded where the enterprise can see it."""

import pytest

from enterprises.models import ContactAccess
from nqi_service.models import AppendOnlyError
from requests_app.choices import Status
from requests_app.models import Ticket
from tests.accounts.test_registration import URL as REGISTER
from tests.accounts.test_registration import registration
from tests.api_support import ROLES, ids, token_client
from tests.factories import (
    EnterpriseMembershipFactory,
    StationMembershipFactory,
    SupervisorScopeFactory,
    TicketFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/enterprises/"
PHONE = "13800001234"  # the factory's number
MASKED = "138****1234"

# The enterprise E seen on its detail page: members unmasked, everyone else masked.
DETAIL_PHONE = {
    "enterprise": PHONE,
    "station_staff": MASKED,
    "station_manager": MASKED,
    "expert": MASKED,
    "supervisor_in": MASKED,
    "admin": MASKED,
}
# GET /enterprises/{E}/contact/: 404 out of scope, 403 in scope but not entitled.
# The expert holds E's request, assigned: at work, so they may phone the firm.
REVEAL_STATUS = {
    "anonymous": 401,
    "enterprise": 200,
    "other_enterprise": 404,
    "station_staff": 200,
    "station_manager": 200,
    "other_staff": 404,
    "expert": 200,
    "supervisor_in": 403,
    "supervisor_out": 404,
    "admin": 200,
}
LOGGED = {"station_staff", "station_manager", "expert", "admin"}


def contact(enterprise) -> str:
    return f"{LIST}{enterprise.pk}/contact/"


@pytest.mark.parametrize("role", sorted(DETAIL_PHONE))
def test_detail_masks_the_phone_for_everyone_but_members(world, role):
    response = world.client(role).get(f"{LIST}{world.enterprise_e.pk}/")
    assert response.status_code == 200
    assert response.json()["contact_phone"] == DETAIL_PHONE[role]
    assert not ContactAccess.objects.exists()


@pytest.mark.parametrize("role", ["enterprise", "station_staff", "admin"])
def test_lists_always_mask_the_phone(world, role):
    rows = world.client(role).get(LIST).json()["results"]
    assert world.enterprise_e.pk in [row["id"] for row in rows]
    assert {row["contact_phone"] for row in rows} == {MASKED}


def test_member_edit_answers_with_the_new_number_in_clear(world):
    response = world.client("enterprise").patch(
        f"{LIST}{world.enterprise_e.pk}/", {"contact_phone": "13900009999"}, format="json"
    )
    assert response.json()["contact_phone"] == "13900009999"


def test_admin_edit_answers_masked(world):
    response = world.client("admin").patch(
        f"{LIST}{world.enterprise_e.pk}/", {"contact_phone": "13900009999"}, format="json"
    )
    assert response.json()["contact_phone"] == "139****9999"


def test_verify_answers_masked(world):
    response = world.client("station_staff").post(f"{LIST}{world.enterprise_e.pk}/verify/")
    assert response.json()["contact_phone"] == MASKED


@pytest.mark.parametrize("role", ROLES)
def test_reveal_status_per_role(world, role):
    response = world.client(role).get(contact(world.enterprise_e))
    assert response.status_code == REVEAL_STATUS[role]
    if response.status_code == 200:
        assert response.json() == {
            "enterprise": world.enterprise_e.pk,
            "contact_name": world.enterprise_e.contact_name,
            "contact_phone": PHONE,
        }
    else:
        assert PHONE not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_reveal_by_back_office_is_logged_and_nothing_else(world, role):
    world.client(role).get(contact(world.enterprise_e), HTTP_X_REQUEST_ID="req-42")
    rows = list(ContactAccess.objects.all())
    if role not in LOGGED:
        assert rows == []
        return
    [row] = rows
    viewer = world.users[role]
    assert (row.enterprise_id, row.viewer_id, row.viewer_username) == (
        world.enterprise_e.pk,
        viewer.pk,
        viewer.username,
    )
    assert (row.field, row.channel, row.request_id) == ("contact_phone", "api", "req-42")
    assert row.viewer_role == ("admin" if role == "admin" else role)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.ASSIGNED, 200),
        (Status.IN_PROGRESS, 200),
        (Status.AWAITING_INFO, 200),
        (Status.RESOLVED, 403),
        (Status.CLOSED, 403),
    ],
)
def test_the_expert_reaches_the_firm_only_while_at_work(world, status, expected):
    Ticket.objects.filter(enterprise=world.enterprise_e).update(status=status)

    response = world.client("expert").get(contact(world.enterprise_e))

    assert response.status_code == expected
    assert ContactAccess.objects.filter(viewer_role="expert").count() == (expected == 200)


def test_an_expert_taken_off_the_request_still_sees_the_firm_but_may_not_phone_it(world):
    # Experts see the firms of requests ever assigned to them (API.md "Roles"),
    # but the number only while they hold one of its requests at work.
    Ticket.objects.filter(enterprise=world.enterprise_e).update(assigned_expert=world.expert_y)
    assert world.client("expert").get(contact(world.enterprise_e)).status_code == 403
    assert not ContactAccess.objects.filter(viewer_role="expert").exists()


def test_station_staff_of_a_station_not_filed_with_get_403_in_region_scope(world):
    # A station colleague who is also a supervisor of the region sees E, but
    # E never filed with their station: seeing is not revealing.
    user = StationMembershipFactory(station=world.station_b).user
    world.users["dual"] = user
    SupervisorScopeFactory(user=user, region_prefix="42")
    assert world.client("dual").get(contact(world.enterprise_e)).status_code == 403


def test_staff_see_the_number_of_an_enterprise_that_filed_with_them_later(world):
    TicketFactory(enterprise=world.enterprise_e, station=world.station_b)
    assert world.client("other_staff").get(contact(world.enterprise_e)).status_code == 200


def test_member_of_two_enterprises_sees_only_its_own_unmasked(world):
    user = world.users["enterprise"]
    EnterpriseMembershipFactory(user=user, enterprise=world.enterprise_f)
    response = world.client("enterprise").get(f"{LIST}{world.enterprise_f.pk}/")
    assert response.json()["contact_phone"] == PHONE
    assert set(ids(world.client("enterprise").get(LIST))) == {
        world.enterprise_e.pk,
        world.enterprise_f.pk,
    }


def test_access_log_is_append_only(world):
    world.client("admin").get(contact(world.enterprise_e))
    row = ContactAccess.objects.get()
    row.channel = "admin"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()


def test_registration_answers_the_number_in_clear_to_its_new_owner(db):
    response = token_client().post(REGISTER, registration(), format="json")
    assert response.status_code == 201
    assert response.json()["enterprise"]["contact_phone"] == PHONE


def test_reveal_refusal_says_why_in_chinese(world):
    response = token_client(world.users["supervisor_in"], language="zh-hans").get(
        contact(world.enterprise_e)
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "您无权查看该企业的完整联系电话。"
