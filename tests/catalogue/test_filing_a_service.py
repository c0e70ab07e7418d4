"""Filing a request for a catalogue service: category, due date, station and routing follow it."""

import pytest

from requests_app import deadlines, services
from requests_app.models import Ticket
from tests.catalogue.factories import DiagnosisServiceFactory, ServiceFactory
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


def filing(**fields) -> dict:
    return {
        "title": "想做一次全面的质量诊断",
        "description": "产品批次质量波动大，希望专家进厂诊断。",
    } | fields


def test_a_service_gives_the_category_and_the_due_date(world):
    service = DiagnosisServiceFactory(stations=[world.station_a], working_days=15)

    response = world.client("enterprise").post(
        TICKETS, filing(service=service.pk, station=world.station_a.pk), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    ticket = Ticket.objects.get(pk=body["id"])
    assert (body["category"], body["service"]) == ("quality_management", service.pk)
    assert body["service_detail"]["name"] == "质量诊断"
    assert ticket.due_at == deadlines.close_after_working_days(ticket.created_at, 15)


def test_the_service_outweighs_the_urgency_in_the_due_date(world):
    service = ServiceFactory(stations=[world.station_a], working_days=3)

    body = (
        world.client("enterprise")
        .post(TICKETS, filing(service=service.pk, urgency="low"), format="json")
        .json()
    )

    ticket = Ticket.objects.get(pk=body["id"])
    assert ticket.due_at == deadlines.close_after_working_days(ticket.created_at, 3)


def test_a_category_may_repeat_the_services_element_but_not_contradict_it(world):
    service = ServiceFactory(stations=[world.station_a])
    client = world.client("enterprise")

    same = client.post(TICKETS, filing(service=service.pk, category="metrology"), format="json")
    other = client.post(TICKETS, filing(service=service.pk, category="brand"), format="json")

    assert same.status_code == 201
    assert other.status_code == 400
    assert "category" in other.json()
    assert Ticket.objects.filter(service=service).count() == 1


def test_a_filing_names_a_category_or_a_service(world):
    response = world.client("enterprise").post(TICKETS, filing(), format="json")

    assert response.status_code == 400
    assert "category" in response.json()


def test_a_station_that_does_not_offer_the_service_is_refused_on_station(world):
    service = ServiceFactory(stations=[world.station_b])

    response = world.client("enterprise").post(
        TICKETS, filing(service=service.pk, station=world.station_a.pk), format="json"
    )

    assert response.status_code == 400
    assert "station" in response.json()
    assert not Ticket.objects.filter(service=service).exists()


def test_routing_goes_to_the_nearest_station_offering_the_service(world):
    # station_a shares the enterprise's district but does not offer it; the city's does.
    city = StationFactory(region_code="420100")
    service = ServiceFactory(stations=[city, world.station_b])

    with_service = world.client("enterprise").post(
        TICKETS, filing(service=service.pk), format="json"
    )
    without = world.client("enterprise").post(TICKETS, filing(category="metrology"), format="json")

    assert with_service.json()["station"] == city.pk
    assert without.json()["station"] == world.station_a.pk


def test_a_service_no_active_station_offers_is_refused_on_service(world):
    service = ServiceFactory(stations=[StationFactory(region_code="420102", is_active=False)])

    response = world.client("enterprise").post(TICKETS, filing(service=service.pk), format="json")

    assert response.status_code == 400
    assert "service" in response.json()


def test_station_staff_file_for_a_service_of_their_station(world):
    service = ServiceFactory(stations=[world.station_a])

    response = world.client("station_staff").post(
        TICKETS,
        filing(service=service.pk, enterprise=world.enterprise_e.pk, channel="walk_in"),
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert (response.json()["service"], response.json()["station"]) == (
        service.pk,
        world.station_a.pk,
    )


def test_lists_show_the_service_of_each_request(world):
    service = ServiceFactory(stations=[world.station_a])
    world.client("enterprise").post(TICKETS, filing(service=service.pk), format="json")

    rows = world.client("station_staff").get(TICKETS).json()["results"]

    assert [row["service"] for row in rows if row["station"] == world.station_a.pk] == [
        service.pk,
        None,
    ]


def test_triage_keeps_the_services_category(world):
    service = ServiceFactory(stations=[world.station_a])
    ticket = services.ticket_file(
        enterprise=world.enterprise_e, filed_by=None, title="t", description="d", service=service
    )

    response = world.client("station_staff").post(
        f"{TICKETS}{ticket.pk}/triage/", {"category": "inspection"}, format="json"
    )

    assert response.status_code == 400
    assert "category" in response.json()
    ticket.refresh_from_db()
    assert (ticket.status, ticket.category) == ("submitted", "metrology")


def test_a_request_for_a_service_moves_only_to_a_station_offering_it(world):
    service = ServiceFactory(stations=[world.station_a])
    elsewhere = StationFactory(region_code="420102")
    ticket = services.ticket_file(
        enterprise=world.enterprise_e, filed_by=None, title="t", description="d", service=service
    )

    response = world.client("station_staff").post(
        f"{TICKETS}{ticket.pk}/transfer/",
        {"station": elsewhere.pk, "reason": "就近办理"},
        format="json",
    )

    assert response.status_code == 400
    assert "station" in response.json()
