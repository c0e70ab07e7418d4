"""Render domain errors in the API's error shapes (API.md "Conventions")."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from nqi_service.errors import DomainConflict
from nqi_service.statement_timeout import TOO_LONG, cancelled_for_time, too_long_message

logger = logging.getLogger(__name__)


@contextmanager
def rules_as_bad_request() -> Iterator[None]:
    """Present a business rule a service refused as a 400 on the field concerned."""
    try:
        yield
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


# The server went away or refused the connection: the request may be retried.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def exception_handler(exc, context):
    """Turn a ``DomainConflict`` into a 409 body, a Django ``ValidationError``
    raised by a service into a 400 per field, a statement cancelled for time
    and a lost database connection into a 503; defer everything else to DRF.

    A missing object is DRF's translated "Not found.": Django's ``Http404``
    from ``get_object_or_404`` says, in English only, "No Ticket matches the
    given query.", naming the model.
    """
    if isinstance(exc, Http404):
        exc = NotFound()
    if isinstance(exc, DomainConflict):
        body = {"detail": exc.message, "code": exc.code, **exc.extra}
        return Response(body, status=status.HTTP_409_CONFLICT)
    if cancelled_for_time(exc):
        return Response(
            {"detail": too_long_message(), "code": TOO_LONG},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    if isinstance(exc, DATABASE_UNAVAILABLE):
        return _database_unavailable(exc)
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    return drf_exception_handler(exc, context)


def _database_unavailable(exc) -> Response:
    """Answer 503: the request may be retried, nothing of it was written.

    The service's transaction died with its connection, and the failed
    rollback made Django drop that connection, so the next request opens a
    new one.
    """
    logger.warning("Database unavailable: %s", exc, exc_info=exc)
    return Response(
        {
            "detail": _("The database is unavailable at the moment; please try again."),
            "code": "database_unavailable",
        },
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": "5"},
    )


def server_error(request, *args, **kwargs):
    """Answer an unexpected error under ``/api/`` in the API's JSON shape (``handler500``).

    Other paths (admin, dashboard) keep Django's page.
    """
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": _("A server error occurred."), "code": "server_error"},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return defaults.server_error(request, *args, **kwargs)


def not_found(request, exception):
    """Answer an unknown URL under ``/api/`` in JSON, like every other API 404."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
