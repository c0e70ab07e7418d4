"""Let a view's GET and HEAD read from a replica, and serve them from the primary
when that replica fails under them."""

import functools
import logging

from django.db import InterfaceError, OperationalError

from nqi_service.replicas import health
from nqi_service.replicas.routing import (
    choose_replica,
    read_from_primary,
    replica_in_use,
    replica_scope,
)
from nqi_service.statement_timeout import cancelled_for_time

logger = logging.getLogger(__name__)

READ_METHODS = frozenset({"GET", "HEAD"})


def _failed_replica(error: BaseException) -> str | None:
    """Return the replica whose connection raised ``error``; None if it was no such failure.

    A statement cancelled for time is the query's fault, not the replica's.
    """
    alias = replica_in_use()
    if alias is None or not isinstance(error, OperationalError | InterfaceError):
        return None
    return None if cancelled_for_time(error) else alias


def _fall_back(alias: str, error: BaseException) -> None:
    logger.warning("Replica %s failed (%s); the primary serves the request.", alias, error)
    health.mark_down(alias)
    read_from_primary()


class ReplicaReadsMixin:
    """For DRF views: GET and HEAD read from a replica once the caller is known.

    Authentication, permissions and throttles run on the primary first (a
    token just issued is there), then the handler reads from the replica
    ``choose_replica`` picks. If the replica fails, the handler runs again on
    the primary.
    """

    def dispatch(self, request, *args, **kwargs):
        with replica_scope():
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in READ_METHODS:
            choose_replica(request)

    def handle_exception(self, exc):
        alias = _failed_replica(exc)
        if alias is None:
            return super().handle_exception(exc)
        _fall_back(alias, exc)
        handler = getattr(self, self.request.method.lower())
        try:
            return handler(self.request, *self.args, **self.kwargs)
        except Exception as again:
            return super().handle_exception(again)


def replica_reads(view):
    """For plain Django views: GET and HEAD read from a replica, as ``ReplicaReadsMixin``."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            return view(request, *args, **kwargs)
        with replica_scope():
            choose_replica(request)
            try:
                return view(request, *args, **kwargs)
            except (OperationalError, InterfaceError) as error:
                alias = _failed_replica(error)
                if alias is None:
                    raise
                _fall_back(alias, error)
                return view(request, *args, **kwargs)

    return wrapper
