"""Tasks of the shared API pieces: forgetting old idempotency keys."""

from celery import shared_task


@shared_task
def purge_idempotency_keys() -> int:
    """Forget the answers to idempotent POSTs older than ``IDEMPOTENCY_KEY_TTL``."""
    from nqi_service.api.idempotency import keys_purge

    return keys_purge()
