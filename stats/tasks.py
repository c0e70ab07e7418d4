"""Thin Celery tasks that keep the roll-ups current; each is safe to run twice."""

from celery import shared_task
from django.db import transaction

from nqi_service.publishing import publish


def stats_mark_enterprise_dirty(enterprise_id: int) -> None:
    """Recount the enterprise's requests once the current transaction commits.

    Its region and capability profile are part of every request's key. No event
    names these requests, so with the broker down the nightly reconciliation
    recounts them.
    """
    reconciled = "the nightly reconciliation"
    transaction.on_commit(
        lambda: publish(stats_recount_enterprise, enterprise_id, left_to=reconciled)
    )


@shared_task(acks_late=True)
def stats_recount_enterprise(enterprise_id: int) -> int:
    """Recount every request and visit of the enterprise; return how many requests moved."""
    from stats.rollups import recount_enterprise
    from visits.stats import recount_enterprise as recount_visits

    recount_visits(enterprise_id)
    return recount_enterprise(enterprise_id)


@shared_task(acks_late=True)
def stats_sweep() -> int:
    """Recount the requests named by events after the watermark (beat, every minute)."""
    from stats.maintenance import sweep

    return sweep()


@shared_task(acks_late=True)
def stats_reconcile() -> int:
    """Recount every request from raw rows and record the drift corrected (beat, nightly)."""
    from stats.maintenance import reconcile

    return reconcile().tickets_corrected
