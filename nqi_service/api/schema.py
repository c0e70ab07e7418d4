"""OpenAPI descriptions of the error shapes every endpoint shares (API.md)."""

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

DetailSerializer = inline_serializer(name="ErrorDetail", fields={"detail": serializers.CharField()})
ConflictSerializer = inline_serializer(
    name="Conflict",
    fields={"detail": serializers.CharField(), "code": serializers.CharField()},
)
# A 400 names the fields in error (``non_field_errors`` for the body as a
# whole), each with its messages or, for nested input, a nested object; a body
# that can't be parsed at all gets a ``detail`` instead.
VALIDATION_ERRORS = {
    "type": "object",
    "description": "Messages per field; nested input gives nested objects.",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object"},
        ]
    },
}
PARSE_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}

_ERRORS = {
    400: OpenApiResponse(
        {"anyOf": [VALIDATION_ERRORS, PARSE_ERROR]}, description="Invalid input, per field."
    ),
    401: OpenApiResponse(DetailSerializer, description="Not authenticated."),
    403: OpenApiResponse(DetailSerializer, description="The caller's role may not do this."),
    404: OpenApiResponse(DetailSerializer, description="Not found or not visible to the caller."),
    409: OpenApiResponse(ConflictSerializer, description="Conflicts with the current state."),
    415: OpenApiResponse(DetailSerializer, description="The body's media type is not accepted."),
    429: OpenApiResponse(DetailSerializer, description="Too many requests."),
}


def errors(*statuses: int, media_types: tuple[str, ...] = ()) -> dict:
    """Return the documented error responses for ``statuses``.

    They are JSON unless ``media_types`` names the formats the endpoint renders
    its errors in: a download answers an error in the format asked for.
    """
    if not media_types:
        return {status: _ERRORS[status] for status in statuses}
    return {
        (status, media_type): OpenApiResponse(
            OpenApiTypes.BINARY, description=_ERRORS[status].description
        )
        for status in statuses
        for media_type in media_types
    }


class AutoSchema(openapi.AutoSchema):
    """Document the errors that follow from an operation's shape, so none is forgotten.

    Whatever the view declares stays; added are 401 when the operation needs
    a login, 404 when it names an object in its path or pages through a list
    (an unknown page or cursor is a 404), 400 when it takes a body or query
    parameters, and 415 when it takes a body (sent in a media type it doesn't
    parse). Role refusals (403), conflicts (409) and throttling (429) depend
    on the view and stay declared there with ``errors()``.
    """

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for status in self._implied_errors(operation):
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(_ERRORS[status], str(status))
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _implied_errors(self, operation) -> list[int]:
        implied = []
        security = operation.get("security", [])
        if security and {} not in security:
            implied.append(401)
        locations = {parameter["in"] for parameter in operation.get("parameters", [])}
        paged_list = self._is_list_view() and self._get_paginator() is not None
        if "path" in locations or paged_list:
            implied.append(404)
        if "query" in locations or "requestBody" in operation:
            implied.append(400)
        if "requestBody" in operation:
            implied.append(415)
        return implied
