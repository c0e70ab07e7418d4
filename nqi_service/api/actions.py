"""One ``POST /{id}/<action>/`` endpoint per row of a lifecycle's transition table."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from nqi_service.api.schema import errors


@dataclass(frozen=True)
class ActionEndpoint:
    """The body an action takes and the one service it calls."""

    body: type[serializers.Serializer]
    service: Callable[..., Any]


def _action_endpoint(name: str, sources, body, response, tags):
    def view(self, request, pk=None):
        return self.perform_action(request, name)

    # The router maps the HTTP method to the function's name: set it first.
    view.__name__ = name
    view = action(
        detail=True, methods=["post"], url_path=name, url_name=name, filterset_class=None
    )(view)
    return extend_schema(
        tags=tags,
        request=body,
        responses={200: response, **errors(403, 409)},
        summary=f"{name} (from {', '.join(sources)})",
    )(view)


def with_action_endpoints(
    transitions: Mapping[str, Any],
    endpoints: Mapping[str, ActionEndpoint],
    *,
    response: type[serializers.Serializer],
    tags: list[str] | None = None,
):
    """Return a viewset decorator adding each action's endpoint, which calls
    the viewset's ``perform_action(request, name)``."""

    def decorate(cls):
        for name, transition in transitions.items():
            endpoint = _action_endpoint(
                name, transition.sources, endpoints[name].body, response, tags
            )
            setattr(cls, name, endpoint)
        return cls

    return decorate
