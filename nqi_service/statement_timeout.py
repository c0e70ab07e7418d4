"""A statement timeout on the web processes' PostgreSQL connections, answered as 503.

A request that runs a query for longer than ``DB_STATEMENT_TIMEOUT`` seconds has
it cancelled by PostgreSQL, and the client gets a 503 saying so, instead of
gunicorn killing the worker (and everyone queued behind it) at its own timeout.
Only gunicorn's workers turn it on (``gunicorn.conf.py``): Celery workers and
beat, management commands and migrations keep PostgreSQL's default, no limit.
"""

import logging

from django.conf import settings
from django.db import OperationalError
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils.translation import gettext as _

from nqi_service.sql import sqlstate

logger = logging.getLogger(__name__)

TOO_LONG = "statement_timeout"
QUERY_CANCELED = "57014"


def limit_web_statements() -> None:
    """Give every PostgreSQL connection this process opens from now on the timeout."""
    if settings.DB_STATEMENT_TIMEOUT:
        connection_created.connect(_set_timeout, dispatch_uid=TOO_LONG)


def _set_timeout(sender, connection, **kwargs) -> None:
    if connection.vendor != "postgresql":
        return
    milliseconds = str(int(settings.DB_STATEMENT_TIMEOUT * 1000))
    with connection.cursor() as cursor:
        # SET takes no bound parameters; set_config does.
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [milliseconds])


def cancelled_for_time(exc: BaseException) -> bool:
    """Tell whether ``exc`` is PostgreSQL cancelling a statement that ran too long."""
    return isinstance(exc, OperationalError) and sqlstate(exc) == QUERY_CANCELED


def too_long_message() -> str:
    logger.warning("A statement ran past DB_STATEMENT_TIMEOUT and was cancelled.")
    return _("The request took too long and was stopped; narrow it and try again.")


def statement_timeout_middleware(get_response):
    """Answer pages outside the API (dashboard, admin) with a 503 when a statement
    ran too long; the API's exception handler does the same in JSON."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if not cancelled_for_time(exception):
            return None
        return HttpResponse(
            too_long_message(), status=503, content_type="text/plain; charset=utf-8"
        )

    middleware.process_exception = process_exception
    return middleware
