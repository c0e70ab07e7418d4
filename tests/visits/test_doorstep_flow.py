"""The issue's "Done when", through the API: the doorstep flow from a visit to a claimed firm."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from enterprises.models import ContactAccess
from requests_app import services
from requests_app.models import Ticket
from tests.api_support import token_client
from tests.factories import credit_code

pytestmark = pytest.mark.django_db


def test_doorstep_visit_claim_and_expert_call(world):
    staff = world.client("station_staff")
    # 1. Staff record a firm of their region that has no account: a claim code comes back.
    firm = staff.post(
        "/api/v1/enterprises/",
        {
            "name": "江岸区老王五金店",
            "credit_code": credit_code(8001, prefix="92"),
            "region_code": "420102",
            "kind": "individual_business",
            "contact_name": "王建华",
            "contact_phone": "13912345678",
        },
        format="json",
    ).data
    assert firm["claimed"] is False
    # 2. They record a visit there and file two findings as requests.
    visit = staff.post(
        "/api/v1/visits/",
        {
            "enterprise": firm["id"],
            "visited_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
            "staff": [world.users["station_staff"].pk],
            "experts": [world.expert_x.pk],
            "summary": "上门查看计量器具和标准执行情况。",
            "findings": [
                {"category": "metrology", "description": "台秤超期未检定", "file": True},
                {"category": "standards", "description": "执行标准已作废", "file": True},
                {"category": "other", "description": "仓库消防通道堆放杂物"},
            ],
        },
        format="json",
    )
    assert visit.status_code == 201, visit.data
    filed = [f["ticket"] for f in visit.data["findings"] if f["ticket"]]
    assert len(filed) == 2
    # 3. A wrong claim code is a 400; the fifth wrong one voids the code.
    register = "/api/v1/auth/register/"

    def claim(record, code, username):
        body = {
            "username": username,
            "password": "Zhiliang-2026",
            "enterprise": {"credit_code": record["credit_code"]},
            "claim_code": code,
        }
        return token_client().post(register, body, format="json")

    wrong = "".join("0" if c != "0" else "1" for c in firm["claim_code"])
    assert [claim(firm, wrong, f"guess{n}").status_code for n in range(4)] == [400] * 4
    # Four wrong tries leave the code open: the firm claims its record and sees both requests.
    claimed = claim(firm, firm["claim_code"], "laowang")
    assert claimed.status_code == 201, claimed.data
    owner = APIClient()
    owner.credentials(HTTP_AUTHORIZATION=f"Token {claimed.data['token']}")
    seen = owner.get("/api/v1/tickets/").json()["results"]
    assert sorted(row["id"] for row in seen) == sorted(filed)
    assert {row["channel"] for row in seen} == {"visit"}
    assert owner.get(f"/api/v1/visits/{visit.data['id']}/").status_code == 200
    # 4. Another firm's code: the fifth wrong try voids it, the right one then fails too.
    other = staff.post(
        "/api/v1/enterprises/",
        {
            "name": "江岸区蔬菜种植专业合作社",
            "credit_code": credit_code(8002, prefix="93"),
            "region_code": "420102",
            "kind": "farmers_cooperative",
            "contact_name": "李春生",
            "contact_phone": "13700001111",
        },
        format="json",
    ).data
    assert [claim(other, wrong, f"try{n}").status_code for n in range(5)] == [400] * 5
    assert claim(other, other["claim_code"], "lichunsheng").status_code == 400
    # 5. The expert at work on one of the requests reveals the contact; it is logged.
    ticket = services.ticket_triage(ticket=Ticket.objects.get(pk=filed[0]), actor=None)
    services.ticket_assign(ticket=ticket, actor=None, expert=world.expert_x)
    expert = world.client("expert")
    contact = expert.get(f"/api/v1/enterprises/{claimed.data['enterprise']['id']}/contact/")
    assert contact.status_code == 200, contact.data
    assert contact.data["contact_phone"] == "13912345678"
    access = ContactAccess.objects.get(enterprise_id=claimed.data["enterprise"]["id"])
    assert (access.viewer, access.viewer_role) == (world.users["expert"], "expert")
