"""Which database a query runs on: the request's replica, or the primary.

A view that may read from a replica opens a ``replica_scope`` and, once the
caller is known, calls ``choose_replica``; the router then sends that scope's
reads to the replica chosen. Everything else goes to the primary: writes and
row locks (``db_for_write``), reads inside a transaction on the primary, the
rest of a request once it has written, and every read outside a scope (Celery
tasks, management commands, the views that write).
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from nqi_service.replicas import health
from nqi_service.replicas.recent_writes import wrote_recently

_reading_from: ContextVar[str | None] = ContextVar("nqi_replica", default=None)


def replica_in_use() -> str | None:
    """Return the alias of the replica this scope reads from, None for the primary."""
    return _reading_from.get()


@contextmanager
def replica_scope() -> Iterator[None]:
    """Read from the primary until ``choose_replica``, and again after the scope."""
    token = _reading_from.set(None)
    try:
        yield
    finally:
        _reading_from.reset(token)


def choose_replica(request) -> str | None:
    """Send the rest of the scope's reads to a healthy replica, picked at random, unless
    the caller wrote a moment ago; return its alias (None: the primary serves)."""
    if not settings.REPLICA_DATABASES:
        return None
    usable = health.usable_replicas()
    if not usable or wrote_recently(request):
        return None
    alias = random.choice(usable)
    _reading_from.set(alias)
    return alias


def read_from_primary() -> None:
    """Send the rest of the scope's reads to the primary."""
    _reading_from.set(None)


class ReplicaRouter:
    """Route reads to the scope's replica and everything else to the primary."""

    def db_for_read(self, model, **hints):
        alias = _reading_from.get()
        if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model, **hints):
        # What a request reads after it wrote must include the write.
        read_from_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # a replica holds the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
