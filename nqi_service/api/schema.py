"""OpenAPI descriptions of the error shapes every endpoint shares (API.md)."""

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

DetailSerializer = inline_serializer(name="ErrorDetail", fields={"detail": serializers.CharField()})
ConflictSerializer = inline_serializer(
    name="Conflict",
    fields={"detail": serializers.CharField(), "code": serializers.CharField()},
)
ValidationErrorSerializer = inline_serializer(
    name="ValidationErrors",
    fields={
        "field": serializers.ListField(
            child=serializers.CharField(),
            help_text="Messages per field; nested input gives nested objects.",
        )
    },
)

_ERRORS = {
    400: OpenApiResponse(ValidationErrorSerializer, description="Invalid input, per field."),
    401: OpenApiResponse(DetailSerializer, description="Not authenticated."),
    403: OpenApiResponse(DetailSerializer, description="The caller's role may not do this."),
    404: OpenApiResponse(DetailSerializer, description="Not found or not visible to the caller."),
    409: OpenApiResponse(ConflictSerializer, description="Conflicts with the current state."),
    429: OpenApiResponse(DetailSerializer, description="Too many requests."),
}


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """Return the documented error responses for ``statuses``."""
    return {status: _ERRORS[status] for status in statuses}
