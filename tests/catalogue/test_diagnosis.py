"""Diagnosis as a result: a report with findings and recommendations, follow-ups, the PDF.

The issue's "done when", through the API: a firm asks its Wuhan station for a
质量诊断 without naming a category; staff triage and assign; the expert resolves
with a report; the PDF's text holds the findings; a recommendation filed as a
follow-up is a new request of the firm.
"""

import io

import pytest
from pypdf import PdfReader

from catalogue.models import DiagnosisReport, ReportRecommendation
from requests_app.models import Ticket
from tests.api_support import token_client
from tests.catalogue.factories import DiagnosisServiceFactory, ServiceFactory
from tests.factories import ExpertFactory, StationFactory, UserFactory

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"

FINDINGS = [
    {
        "area": "硫化工艺控制",
        "severity": "high",
        "evidence": "硫化温度记录显示批次间波动达±8℃，超出工艺规程±3℃的要求。",
    },
    {
        "area": "计量器具管理",
        "severity": "medium",
        "evidence": "门尼粘度计超期未校准，最近一次校准证书为2024年。",
    },
]
RECOMMENDATIONS = [
    {"text": "建立硫化工序统计过程控制（SPC），每班记录温度曲线。"},
    {"text": "门尼粘度计送检校准并建立计量器具台账。", "file": True, "category": "metrology"},
]


@pytest.fixture
def diagnosis(world):
    """A 质量诊断 request filed by the firm at station A, in progress with an expert."""
    service = DiagnosisServiceFactory(stations=[world.station_a])
    expert = ExpertFactory(user=UserFactory(), specialties=["quality_management"])
    filed = world.client("enterprise").post(
        TICKETS,
        {
            "title": "橡胶制品批次质量不稳定",
            "description": "同一配方不同批次的拉伸强度差异大，希望专家进厂做质量诊断。",
            "service": service.pk,
            "station": world.station_a.pk,
        },
        format="json",
    )
    assert filed.status_code == 201, filed.json()
    ticket_id = filed.json()["id"]
    staff = world.client("station_staff")
    assert staff.post(f"{TICKETS}{ticket_id}/triage/", {}, format="json").status_code == 200
    assigned = staff.post(f"{TICKETS}{ticket_id}/assign/", {"expert": expert.pk}, format="json")
    assert assigned.status_code == 200, assigned.json()
    client = token_client(expert.user)
    assert client.post(f"{TICKETS}{ticket_id}/accept/").status_code == 200
    return Ticket.objects.get(pk=ticket_id), client


def resolve(client, ticket, **body):
    fields = {"resolution": "诊断完成，问题集中在硫化工艺和计量管理。"} | body
    return client.post(f"{TICKETS}{ticket.pk}/resolve/", fields, format="json")


def test_a_diagnosis_filed_without_a_category_is_in_the_services_element(diagnosis):
    ticket, _expert = diagnosis

    assert (ticket.category, ticket.status) == ("quality_management", "in_progress")


def test_a_diagnosis_is_not_resolved_without_its_report(diagnosis):
    ticket, expert = diagnosis

    response = resolve(expert, ticket)

    assert response.status_code == 400
    assert "report" in response.json()
    ticket.refresh_from_db()
    assert ticket.status == "in_progress"
    assert not DiagnosisReport.objects.exists()


def test_the_report_is_stored_structured_and_shown_with_the_request(diagnosis, world):
    ticket, expert = diagnosis

    response = resolve(
        expert, ticket, report={"findings": FINDINGS, "recommendations": RECOMMENDATIONS}
    )

    assert response.status_code == 200, response.json()
    report = response.json()["report"]
    assert response.json()["status"] == "resolved"
    assert [(f["area"], f["severity"], f["severity_label"]) for f in report["findings"]] == [
        ("硫化工艺控制", "high", "高"),
        ("计量器具管理", "medium", "中"),
    ]
    assert report["recommendations"][0] == {"text": RECOMMENDATIONS[0]["text"], "ticket": None}
    assert report["pdf_url"].endswith(f"/api/v1/tickets/{ticket.pk}/report.pdf")
    seen = world.client("enterprise").get(f"{TICKETS}{ticket.pk}/").json()["report"]
    assert seen == report


def test_a_recommendation_filed_is_a_new_request_of_the_firm_linked_to_the_diagnosis(
    diagnosis, world
):
    ticket, expert = diagnosis

    report = resolve(
        expert, ticket, report={"findings": FINDINGS, "recommendations": RECOMMENDATIONS}
    ).json()["report"]

    follow_up = Ticket.objects.get(pk=report["recommendations"][1]["ticket"])
    assert follow_up.pk != ticket.pk
    assert (follow_up.enterprise, follow_up.station) == (ticket.enterprise, ticket.station)
    assert (follow_up.status, follow_up.category, follow_up.channel) == (
        "submitted",
        "metrology",
        "visit",
    )
    assert ticket.reference in follow_up.description
    assert follow_up.filed_by == ticket.assigned_expert.user
    assert ReportRecommendation.objects.get(follow_up=follow_up).report.ticket == ticket
    firm = world.client("enterprise")
    assert follow_up.pk in [row["id"] for row in firm.get(TICKETS).json()["results"]]
    assert firm.get(f"{TICKETS}{follow_up.pk}/events/").json()["results"][0]["action"] == "file"


def test_a_follow_up_the_station_cannot_take_refuses_the_whole_resolution(diagnosis, world):
    ticket, expert = diagnosis
    elsewhere = ServiceFactory(stations=[StationFactory(region_code="320684")])
    recommendations = [{"text": "委托第三方做型式试验。", "file": True, "service": elsewhere.pk}]

    response = resolve(
        expert, ticket, report={"findings": FINDINGS, "recommendations": recommendations}
    )

    assert response.status_code == 400
    assert "建议 1" in response.json()["report"][0]
    ticket.refresh_from_db()
    assert ticket.status == "in_progress"
    assert Ticket.objects.count() == 3  # the diagnosis and the world's two
    assert not DiagnosisReport.objects.exists()


@pytest.mark.parametrize(
    "report",
    [
        {"findings": [], "recommendations": RECOMMENDATIONS},
        {"findings": FINDINGS, "recommendations": []},
        {"findings": [{**FINDINGS[0], "severity": "critical"}], "recommendations": RECOMMENDATIONS},
        {"findings": [{"area": "工艺"}], "recommendations": RECOMMENDATIONS},
        {"findings": FINDINGS},
    ],
)
def test_a_malformed_report_is_a_400_on_report(diagnosis, report):
    ticket, expert = diagnosis

    response = resolve(expert, ticket, report=report)

    assert response.status_code == 400
    assert "report" in response.json()
    assert not DiagnosisReport.objects.exists()


def test_the_pdf_holds_the_findings_in_chinese(diagnosis, world):
    ticket, expert = diagnosis
    resolve(expert, ticket, report={"findings": FINDINGS, "recommendations": RECOMMENDATIONS})

    response = world.client("enterprise").get(f"{TICKETS}{ticket.pk}/report.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages = PdfReader(io.BytesIO(response.content)).pages
    # Lines break where the layout wraps a table cell.
    text = "".join(page.extract_text() for page in pages).replace("\n", "")
    for finding in FINDINGS:
        assert finding["area"] in text
        assert finding["evidence"] in text
    assert "质量诊断报告" in text
    assert f"诉求编号：{ticket.reference}" in text
    assert RECOMMENDATIONS[0]["text"] in text
    follow_up = Ticket.objects.exclude(pk=ticket.pk).latest("id")
    assert follow_up.reference in text


def test_the_pdf_is_for_those_who_see_the_request(diagnosis, world):
    ticket, expert = diagnosis
    resolve(expert, ticket, report={"findings": FINDINGS, "recommendations": RECOMMENDATIONS})
    url = f"{TICKETS}{ticket.pk}/report.pdf"

    statuses = {
        role: world.client(role).get(url).status_code
        for role in (
            "anonymous",
            "enterprise",
            "station_staff",
            "supervisor_in",
            "admin",
            "other_enterprise",
            "other_staff",
            "supervisor_out",
        )
    }

    assert statuses == {
        "anonymous": 401,
        "enterprise": 200,
        "station_staff": 200,
        "supervisor_in": 200,
        "admin": 200,
        "other_enterprise": 404,
        "other_staff": 404,
        "supervisor_out": 404,
    }
    assert expert.get(url).status_code == 200


def test_a_request_without_a_report_has_no_pdf(diagnosis, world):
    ticket, _expert = diagnosis

    assert world.client("enterprise").get(f"{TICKETS}{ticket.pk}/report.pdf").status_code == 404


def test_only_a_diagnosis_takes_a_report(world):
    service = ServiceFactory(stations=[world.station_a])
    expert = ExpertFactory(user=UserFactory())
    ticket_id = (
        world.client("enterprise")
        .post(TICKETS, {"title": "t", "description": "d", "service": service.pk}, format="json")
        .json()["id"]
    )
    staff = world.client("station_staff")
    staff.post(f"{TICKETS}{ticket_id}/triage/", {}, format="json")
    staff.post(f"{TICKETS}{ticket_id}/assign/", {"expert": expert.pk}, format="json")
    client = token_client(expert.user)
    client.post(f"{TICKETS}{ticket_id}/accept/")
    ticket = Ticket.objects.get(pk=ticket_id)

    refused = resolve(
        client, ticket, report={"findings": FINDINGS, "recommendations": RECOMMENDATIONS}
    )
    resolved = resolve(client, ticket)

    assert refused.status_code == 400
    assert "report" in refused.json()
    assert (resolved.status_code, resolved.json()["report"]) == (200, None)
