"""Thin Celery tasks of the request domain: take ids, call a service, safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError)
MAX_BACKOFF_SECONDS = 60


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def assign_ticket(self, ticket_id: int) -> None:
    """Assign a waiting request; retry transient errors a number of times the database keeps."""
    from requests_app.services.auto_assignment import (
        ticket_auto_assign,
        ticket_count_failed_attempt,
    )

    try:
        ticket_auto_assign(ticket_id=ticket_id)
    except TRANSIENT_ERRORS as error:
        try:
            attempts = ticket_count_failed_attempt(ticket_id=ticket_id)
        except DatabaseError:
            attempts = self.request.retries + 1
        if attempts >= settings.ASSIGNMENT_MAX_ATTEMPTS:
            logger.error("Giving up assigning request %s after %s attempts.", ticket_id, attempts)
            if attempts == settings.ASSIGNMENT_MAX_ATTEMPTS:  # once, not on a duplicate
                _tell_managers_assignment_stopped(ticket_id)
            return
        raise self.retry(exc=error, countdown=min(2**attempts, MAX_BACKOFF_SECONDS)) from error


def _tell_managers_assignment_stopped(ticket_id: int) -> None:
    from requests_app.services.auto_assignment import ticket_assignment_given_up

    try:
        ticket_assignment_given_up(ticket_id=ticket_id)
    except DatabaseError:
        logger.exception("Could not tell the managers about request %s.", ticket_id)


@shared_task(acks_late=True)
def follow_up_event(event_id: int, ticket_id: int) -> None:
    """Queue the emails of the event's notifications, then recount its request.

    One task per event (``record_event`` publishes it on commit), so a change
    costs its request one publish. Safe to run twice: only pending emails are
    queued, and a second recount finds nothing to move.
    """
    from notifications.services import dispatch_email_tasks, emails_of_event
    from stats.rollups import recount

    dispatch_email_tasks(list(emails_of_event(event_id)))
    recount([ticket_id])


@shared_task(acks_late=True)
def sweep_waiting_tickets() -> int:
    """Re-dispatch requests the database says still wait for an expert."""
    from requests_app.services.auto_assignment import waiting_tickets_to_dispatch

    ids = list(waiting_tickets_to_dispatch()[: settings.ASSIGNMENT_SWEEP_BATCH])
    for ticket_id in ids:
        assign_ticket.delay(ticket_id)
    return len(ids)


@shared_task(acks_late=True)
def mark_overdue_tickets() -> int:
    from requests_app.services.auto_assignment import tickets_mark_overdue

    return tickets_mark_overdue()


@shared_task(acks_late=True)
def auto_close_resolved_tickets() -> int:
    from requests_app.services.auto_assignment import tickets_auto_close

    return tickets_auto_close()
