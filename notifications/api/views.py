"""The in-app inbox: ``/api/v1/notifications/``, each user's own only."""

import django_filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications.models import Notification
from notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    notifications_visible_to,
)
from nqi_service.api.filters import StrictFilterSet
from nqi_service.api.viewsets import ScopedViewSetMixin


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "body", "ticket", "event", "created_at", "read_at"]
        read_only_fields = fields


class NotificationFilter(StrictFilterSet):
    # By id, without looking the request up: a foreign id must not answer differently.
    ticket = django_filters.NumberFilter(field_name="ticket_id")
    unread = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="filter_unread"
    )

    class Meta:
        model = Notification
        fields = ["unread", "ticket"]

    def filter_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value == "true")


class NotificationViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List, read and mark read the caller's notifications; others' are 404."""

    selector = notifications_visible_to
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = notification_mark_read(notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        request=None,
        responses=inline_serializer("MarkedRead", {"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"])
    def read_all(self, request):
        return Response({"marked": notifications_mark_all_read(user=request.user)})
