"""The base viewset: every query goes through the caller's selector (STYLE.md rule 3)."""

from collections.abc import Callable

from django.db.models import QuerySet
from rest_framework import viewsets

from nqi_service.api.idempotency import IdempotentPostMixin
from nqi_service.replicas.views import ReplicaReadsMixin


class ScopedViewSetMixin(ReplicaReadsMixin, IdempotentPostMixin):
    """Build ``get_queryset`` from ``selector(user)``; subclasses set ``selector``.

    Lists and details share the one rule, so an object outside the caller's
    scope is a 404 exactly as if it did not exist. Every POST honours an
    ``Idempotency-Key`` (``nqi_service.api.idempotency``); GET and HEAD may
    read from a replica (``nqi_service.replicas``).
    """

    selector: Callable[..., QuerySet]

    def get_queryset(self):
        return type(self).selector(self.request.user)


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """A model viewset scoped to the caller."""


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only viewset scoped to the caller."""


class ScopedGenericViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """A viewset scoped to the caller that picks its own mixins."""
