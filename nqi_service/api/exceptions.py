"""Render domain errors in the API's error shapes (API.md "Conventions")."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views.defaults import page_not_found
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from nqi_service.errors import DomainConflict


def exception_handler(exc, context):
    """Turn a ``DomainConflict`` into a 409 body and a Django ``ValidationError``
    raised by a service into a 400 per field; defer everything else to DRF."""
    if isinstance(exc, DomainConflict):
        body = {"detail": exc.message, "code": exc.code, **exc.extra}
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    return drf_exception_handler(exc, context)


def not_found(request, exception):
    """Answer an unknown URL under ``/api/`` in JSON, like every other API 404."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)
