import pytest
from django.db import IntegrityError

from nqi_service.models import AppendOnlyError
from requests_app.choices import EventAction, Status
from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rating", [0, 6])
def test_rating_outside_1_to_5_is_refused_by_the_database(rating):
    ticket = TicketFactory()
    with pytest.raises(IntegrityError):
        Ticket.objects.filter(pk=ticket.pk).update(rating=rating)


@pytest.mark.parametrize("rating", [1, 5])
def test_rating_inside_1_to_5_is_stored(rating):
    ticket = TicketFactory()
    Ticket.objects.filter(pk=ticket.pk).update(rating=rating)
    ticket.refresh_from_db()
    assert ticket.rating == rating


def test_unknown_status_is_refused_by_the_database():
    ticket = TicketFactory()
    with pytest.raises(IntegrityError):
        Ticket.objects.filter(pk=ticket.pk).update(status="done")


def test_negative_losses_avoided_is_refused_by_the_database():
    ticket = TicketFactory()
    with pytest.raises(IntegrityError):
        Ticket.objects.filter(pk=ticket.pk).update(losses_avoided=-1)


def test_reference_is_unique():
    TicketFactory(reference="WH-20260925-0001")
    with pytest.raises(IntegrityError):
        TicketFactory(reference="WH-20260925-0001")


def test_events_cannot_be_changed_or_deleted():
    event = TicketEvent.objects.create(
        ticket=TicketFactory(), action=EventAction.FILE, to_status=Status.SUBMITTED
    )
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    event.refresh_from_db()
    assert event.note == ""
