"""The ``/tickets/`` endpoints: filing, scoped lists and details, events, actions.

Comments and attachments come from ``ConversationMixin`` (api/conversation.py).

Every lifecycle action of the transition table gets its own
``POST /tickets/{id}/<action>/`` endpoint, generated from the table; each one
checks, in API.md's order, visibility (404), the caller's role (403), the
status (409) and the body (400), then calls its one service.
"""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from nqi_service.api.actions import ActionEndpoint, with_action_endpoints
from nqi_service.api.exceptions import rules_as_bad_request
from nqi_service.api.pagination import CursorPagination
from nqi_service.api.schema import errors
from nqi_service.api.viewsets import ScopedReadOnlyViewSet
from requests_app import services
from requests_app.api import serializers as io
from requests_app.api.conversation import ConversationMixin
from requests_app.api.filters import TicketFilter
from requests_app.api.permissions import FilingThrottle, MayFile, MayTakeAction, files_as_staff
from requests_app.selectors import ticket_events_visible_to, tickets_visible_to
from requests_app.transitions import TRANSITIONS, ensure_allowed

ACTION_ENDPOINTS: dict[str, ActionEndpoint] = {
    "triage": ActionEndpoint(io.TriageBody, services.ticket_triage),
    "transfer": ActionEndpoint(io.TransferBody, services.ticket_transfer),
    "assign": ActionEndpoint(io.AssignBody, services.ticket_assign),
    "accept": ActionEndpoint(io.NoBody, services.ticket_accept),
    "decline": ActionEndpoint(io.ReasonBody, services.ticket_decline),
    "resolve": ActionEndpoint(io.ResolveBody, services.ticket_resolve),
    "confirm": ActionEndpoint(io.ConfirmBody, services.ticket_confirm),
    "reopen": ActionEndpoint(io.ReasonBody, services.ticket_reopen),
    "request_info": ActionEndpoint(io.RequestInfoBody, services.ticket_request_info),
    "provide_info": ActionEndpoint(io.ProvideInfoBody, services.ticket_provide_info),
    "reject": ActionEndpoint(io.ReasonBody, services.ticket_reject),
    "cancel": ActionEndpoint(io.OptionalReasonBody, services.ticket_cancel),
}


@with_action_endpoints(TRANSITIONS, ACTION_ENDPOINTS, response=io.TicketSerializer)
class TicketViewSet(ConversationMixin, mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Quality-problem requests, scoped to the caller."""

    selector = tickets_visible_to
    serializer_class = io.TicketSerializer
    filterset_class = TicketFilter
    pagination_class = CursorPagination
    lookup_value_regex = r"\d+"

    def get_permissions(self):
        permissions = super().get_permissions()
        if self.action == "create":
            permissions.append(MayFile())
        elif self.action in TRANSITIONS:
            permissions.append(MayTakeAction())
        return permissions

    def filter_queryset(self, queryset):
        # A request is looked up by its id alone: the list's filters don't apply.
        if self.action == "retrieve":
            return io.TicketSerializer.shape(queryset)
        return super().filter_queryset(queryset)

    def get_throttles(self):
        if self.action == "create":
            return [FilingThrottle()]
        return super().get_throttles()

    @extend_schema(responses=io.TicketListSerializer(many=True))
    def list(self, request, *args, **kwargs):
        tickets = io.TicketListSerializer.shape(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(tickets)
        return self.get_paginated_response(io.TicketListSerializer(page, many=True).data)

    @extend_schema(
        request=PolymorphicProxySerializer(
            component_name="FilingByEnterpriseOrStaff",
            serializers=[io.TicketFilingSerializer, io.StaffFilingSerializer],
            resource_type_field_name=None,
        ),
        responses={201: io.TicketSerializer, **errors(403, 429)},
    )
    def create(self, request, *args, **kwargs):
        """File a request: an enterprise its own (online), station staff for an enterprise."""
        as_staff = files_as_staff(request.user, request.data)
        parse = io.StaffFilingSerializer if as_staff else io.TicketFilingSerializer
        file = services.ticket_file_for_enterprise if as_staff else services.ticket_file
        body = parse(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        with rules_as_bad_request():
            ticket = file(filed_by=request.user, **body.validated_data)
        return Response(self.get_serializer(ticket).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=io.TicketEventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None)
    def events(self, request, pk=None):
        """The request's audit trail, oldest first."""
        page = self.paginate_queryset(ticket_events_visible_to(request.user, self.get_object()))
        return self.get_paginated_response(io.TicketEventSerializer(page, many=True).data)

    def perform_action(self, request, name: str) -> Response:
        ticket = self.get_object()
        ensure_allowed(ticket.status, name)
        endpoint = ACTION_ENDPOINTS[name]
        body = endpoint.body(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        with rules_as_bad_request():
            ticket = endpoint.service(ticket=ticket, actor=request.user, **body.validated_data)
        return Response(self.get_serializer(ticket).data)
