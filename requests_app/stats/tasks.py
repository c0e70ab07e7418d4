"""Thin Celery tasks that keep the roll-ups current; each is safe to run twice."""

import logging
from collections.abc import Iterable

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def stats_mark_dirty(ticket_ids: Iterable[int]) -> None:
    """Recount these requests once the current transaction commits.

    The lifecycle services call this after changing a request; the beat sweep
    over the event log and the nightly reconciliation catch anything missed.
    """
    ids = sorted(set(ticket_ids))
    if ids:
        transaction.on_commit(lambda: _dispatch_recount(ids))


def _dispatch_recount(ids: list[int]) -> None:
    try:
        stats_recount.delay(ids)
    except BrokerError:
        logger.warning("Broker unavailable; the statistics sweep will recount %s.", ids)


@shared_task(acks_late=True)
def stats_recount(ticket_ids: list[int]) -> int:
    """Move the named requests' counts to their current keys; return how many moved."""
    from requests_app.stats.rollups import recount

    return len(recount(ticket_ids))


@shared_task(acks_late=True)
def stats_sweep() -> int:
    """Recount the requests named by events after the watermark (beat, every minute)."""
    from requests_app.stats.maintenance import sweep

    return sweep()


@shared_task(acks_late=True)
def stats_reconcile() -> int:
    """Recount every request from raw rows and record the drift corrected (beat, nightly)."""
    from requests_app.stats.maintenance import reconcile

    return reconcile().tickets_corrected
