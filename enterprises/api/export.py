"""Render an enterprise's data export as one JSON document, streamed.

The document is written section by section while the rows are read (server-side
cursors on PostgreSQL), so memory stays flat however many requests the
enterprise has; the query count does not depend on it either.
"""

import itertools
import json
from collections.abc import Iterable, Iterator
from operator import attrgetter

from django.utils import timezone
from rest_framework import serializers
from rest_framework.utils.encoders import JSONEncoder

from enterprises.api.serializers import EnterpriseSerializer, MemberSerializer
from enterprises.data_export import ExportSources
from enterprises.models import ContactAccess, EnterpriseEvent
from notifications.api.views import NotificationSerializer
from requests_app.api.serializers import (
    AttachmentSerializer,
    CommentSerializer,
    TicketEventSerializer,
    TicketSerializer,
)
from service_stations.api.cooperative_serializers import InspectionSerializer, MembershipSerializer

FORMAT = "nqi-enterprise-export/1"
CHUNK_ROWS = 500
FLUSH_BYTES = 64 * 1024


class EnterpriseEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = EnterpriseEvent
        fields = ["id", "action", "actor", "note", "created_at"]


class ExportRequestSerializer(TicketSerializer):
    """A request as the enterprise sees it, without nested records (ids only)."""

    enterprise_detail = None
    station_detail = None
    assigned_expert_detail = None

    class Meta(TicketSerializer.Meta):
        fields = [f for f in TicketSerializer.Meta.fields if not f.endswith("_detail")]


class ExportNotificationSerializer(NotificationSerializer):
    class Meta(NotificationSerializer.Meta):
        fields = ["id", "recipient", *NotificationSerializer.Meta.fields[1:]]


class ContactAccessSerializer(serializers.ModelSerializer):
    viewer = serializers.CharField(source="viewer_username")

    class Meta:
        model = ContactAccess
        fields = ["id", "viewer", "viewer_role", "field", "channel", "request_id", "created_at"]


def _rows(queryset, serializer_class, context=None) -> Iterator[dict]:
    serializer = serializer_class(context=context or {})
    for row in queryset.iterator(chunk_size=CHUNK_ROWS):
        yield serializer.to_representation(row)


class _ByRequest:
    """Hand out the rows of one request at a time from rows sorted by request."""

    def __init__(self, rows: Iterable):
        self._groups = itertools.groupby(rows, key=attrgetter("ticket_id"))
        self._current = next(self._groups, None)

    def take(self, ticket_id: int) -> list:
        # Rows of a request not in the export (deleted meanwhile) are passed over.
        while self._current is not None and self._current[0] < ticket_id:
            self._current = next(self._groups, None)
        if self._current is None or self._current[0] != ticket_id:
            return []
        rows = list(self._current[1])
        self._current = next(self._groups, None)
        return rows


def _requests(sources: ExportSources, context: dict) -> Iterator[dict]:
    requests = ExportRequestSerializer(context=context)
    children = {
        "events": (sources.request_events, TicketEventSerializer(context=context)),
        "comments": (sources.comments, CommentSerializer(context=context)),
        "attachments": (sources.attachments, AttachmentSerializer(context=context)),
    }
    streams = {
        name: _ByRequest(queryset.iterator(chunk_size=CHUNK_ROWS))
        for name, (queryset, _serializer) in children.items()
    }
    for ticket in sources.requests.iterator(chunk_size=CHUNK_ROWS):
        row = requests.to_representation(ticket)
        for name, (_queryset, serializer) in children.items():
            row[name] = [serializer.to_representation(c) for c in streams[name].take(ticket.pk)]
        yield row


def export_document(enterprise, sources: ExportSources, *, request) -> dict:
    """Return the export's sections; lists of rows are iterators, read when streamed."""
    context = {"request": request}
    return {
        "format": FORMAT,
        "exported_at": serializers.DateTimeField().to_representation(timezone.now()),
        "enterprise": EnterpriseSerializer(enterprise, context={"contact_in_clear": True}).data,
        "members": _rows(sources.members, MemberSerializer),
        "enterprise_events": _rows(sources.enterprise_events, EnterpriseEventSerializer),
        "requests": _requests(sources, context),
        "notifications": _rows(sources.notifications, ExportNotificationSerializer),
        # Few rows each, prefetched: not worth a server-side cursor.
        "cooperative_memberships": MembershipSerializer(
            sources.cooperative_memberships, many=True
        ).data,
        "inspections": _rows(sources.inspections, InspectionSerializer),
        "contact_accesses": _rows(sources.contact_accesses, ContactAccessSerializer),
    }


def _dumps(value) -> str:
    return json.dumps(value, cls=JSONEncoder, ensure_ascii=False)


def _pieces(document: dict) -> Iterator[str]:
    yield "{"
    for index, (key, value) in enumerate(document.items()):
        yield ("," if index else "") + _dumps(key) + ":"
        if isinstance(value, Iterator):
            yield "["
            for position, item in enumerate(value):
                yield ("," if position else "") + _dumps(item)
            yield "]"
        else:
            yield _dumps(value)
    yield "}"


def stream_json(document: dict) -> Iterator[bytes]:
    """Yield ``document`` as UTF-8 JSON in blocks of about ``FLUSH_BYTES``."""
    buffer = []
    size = 0
    for piece in _pieces(document):
        buffer.append(piece)
        size += len(piece)
        if size >= FLUSH_BYTES:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    yield "".join(buffer).encode()
