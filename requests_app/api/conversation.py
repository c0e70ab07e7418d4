"""The conversation endpoints of a request: comments, attachments and their downloads.

They hang off ``/tickets/{id}/``, so the ticket viewset's scoped lookup answers
404 for a request the caller may not see before anything else is looked at.
"""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from nqi_service.api.schema import errors
from requests_app import uploads
from requests_app.api import serializers as io
from requests_app.selectors import attachments_visible_to, comments_visible_to, may_take_part
from requests_app.services import conversation

CONVERSATION_ACTIONS = ("comments", "attachments")


class MayTakePart(BasePermission):
    """Writing on a request is for its parties; supervisors only read.

    An internal comment is for the station's side alone. This is decided
    before the body is validated (API.md's order of checks: 403 before 400).
    """

    message = _("You may not write on this request.")

    def has_object_permission(self, request, view, obj):
        if request.method != "POST":
            return True
        try:
            internal = view.action == "comments" and _asks_internal(request.data)
        except (ParseError, UnsupportedMediaType):
            if may_take_part(request.user, obj):
                raise  # a party learns what is wrong with its body (400/415)
            return False
        if internal and may_take_part(request.user, obj):
            self.message = _("Only station staff and experts can write internal comments.")
        return may_take_part(request.user, obj, internal=internal)


def _asks_internal(data) -> bool:
    """Read the body's ``internal`` flag; an unreadable one is left to the body's 400."""
    try:
        return serializers.BooleanField().to_internal_value(data.get("internal", False))
    except (AttributeError, serializers.ValidationError):
        return False


class ConversationMixin:
    """Comments and attachments of the ticket viewset's request."""

    def get_permissions(self):
        permissions = super().get_permissions()
        if self.action in CONVERSATION_ACTIONS:
            permissions.append(MayTakePart())
        return permissions

    @extend_schema(methods=["GET"], responses=io.CommentSerializer(many=True), filters=False)
    @extend_schema(
        methods=["POST"],
        request=io.CommentBody,
        responses={201: io.CommentSerializer, **errors(403)},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def comments(self, request, pk=None):
        """The request's comments, oldest first; internal ones only for the station's side."""
        ticket = self.get_object()
        if request.method == "POST":
            body = self._parsed(io.CommentBody, request)
            comment = conversation.comment_add(ticket=ticket, author=request.user, **body)
            return Response(io.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(comments_visible_to(request.user, ticket))
        return self.get_paginated_response(io.CommentSerializer(page, many=True).data)

    @extend_schema(methods=["GET"], responses=io.AttachmentSerializer(many=True), filters=False)
    @extend_schema(
        methods=["POST"],
        request=io.AttachmentBody,
        responses={201: io.AttachmentSerializer, **errors(403)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filterset_class=None,
        parser_classes=[MultiPartParser],
    )
    def attachments(self, request, pk=None):
        """The files attached to the request: PDF, JPEG, PNG, DOCX or XLSX up to 10 MB."""
        ticket = self.get_object()
        context = self.get_serializer_context()
        if request.method == "POST":
            body = self._parsed(io.AttachmentBody, request)
            attachment = conversation.attachment_add(
                ticket=ticket, uploaded_by=request.user, upload=body["file"]
            )
            data = io.AttachmentSerializer(attachment, context=context).data
            return Response(data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(attachments_visible_to(request.user, ticket))
        return self.get_paginated_response(
            io.AttachmentSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        parameters=[OpenApiParameter("aid", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.BINARY)
            for media_type in uploads.ALLOWED_TYPES
        },
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<aid>\d+)/download",
        url_name="attachment-download",
        filterset_class=None,
    )
    def download(self, request, pk=None, aid=None):
        """Stream the attached file, to callers who may see the request only."""
        attachment = get_object_or_404(
            attachments_visible_to(request.user, self.get_object()), pk=aid
        )
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type=attachment.content_type,
        )

    def _parsed(self, serializer_class, request) -> dict:
        body = serializer_class(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        return body.validated_data
