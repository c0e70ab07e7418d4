import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Subquery

from enterprises.models import Enterprise
from requests_app.choices import OPEN_ASSIGNMENT_STATUSES, EventAction, Status
from requests_app.models import Ticket, TicketAssignment, TicketEvent
from service_stations.models import Expert
from tests.conftest import built_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def generate_load() -> str:
    out = io.StringIO()
    call_command("generate_load", requests=600, enterprises=40, experts=12, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def generated_once(django_db_setup, django_db_blocker):
    """The generated rows, once for the module: its tests read them (one adds a row)."""
    with built_once(django_db_blocker, generate_load) as output:
        yield output


@pytest.fixture
def generated(generated_once, db):
    """The command's output; each test runs in a savepoint on top of its rows."""
    return generated_once


def test_generator_writes_the_requested_rows_and_reports_its_speed(generated):
    assert Ticket.objects.count() == 600
    assert Enterprise.objects.count() == 40
    assert Expert.objects.count() == 12
    assert "requests=600" in generated and "rows_per_second=" in generated


def test_every_status_occurs(generated):
    assert set(Ticket.objects.values_list("status", flat=True)) == set(Status.values)


def test_event_trails_start_with_filing_and_end_in_the_status(generated):
    last_event = TicketEvent.objects.filter(ticket=OuterRef("pk")).order_by("-created_at", "-id")
    tickets = Ticket.objects.annotate(
        last_to=Subquery(last_event.values("to_status")[:1]),
        first_at=Min("events__created_at"),
        files=Count("events", filter=Q(events__action=EventAction.FILE)),
    )
    assert not tickets.exclude(last_to=F("status")).exists()
    assert not tickets.exclude(first_at=F("created_at")).exists()
    assert not tickets.exclude(files=1).exists()


def test_open_assignments_equal_real_open_requests_within_capacity(generated):
    for expert in Expert.objects.annotate(
        real=Count("tickets", filter=Q(tickets__status__in=OPEN_ASSIGNMENT_STATUSES))
    ):
        assert expert.open_assignments == expert.real <= expert.capacity


def test_every_generated_row_passes_the_model_validators(generated):
    for model in (Ticket, Enterprise, Expert):
        for row in model.objects.all():
            row.full_clean(validate_unique=False)


def test_sequences_continue_after_the_generated_ids(generated):
    highest = Ticket.objects.aggregate(Max("id"))["id__max"]
    ticket = Ticket.objects.first()
    ticket.pk = None
    ticket.reference = "AFTER-GENERATION"
    ticket.save()
    assert ticket.pk > highest


def test_every_request_with_an_expert_has_their_assignment_so_they_see_it(generated):
    with_expert = Ticket.objects.filter(assigned_expert__isnull=False)
    assert with_expert.exists()
    assert TicketAssignment.objects.count() == with_expert.count()
    own_assignment = TicketAssignment.objects.filter(
        ticket=OuterRef("pk"), expert=OuterRef("assigned_expert")
    )
    assert not with_expert.exclude(Exists(own_assignment)).exists()
