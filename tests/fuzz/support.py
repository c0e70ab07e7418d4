"""The fuzzed roles as ``seed_demo`` logins, and real ids to put in generated paths."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator
from hypothesis import strategies as st

from catalogue.models import Service
from enterprises.models import Enterprise
from instruments.models import Booking, Instrument, Lab
from notifications.models import Notification
from requests_app.models import Attachment, Ticket
from requests_app.services.conversation import attachment_add
from service_stations.models import Expert, ServiceStation
from service_stations.models.cooperatives import CooperativeMembership, SamplingInspection
from tests.requests_app.files import PDF
from training.models import Course, Enrolment, Session
from visits.models import Visit

DEMO_LOGINS = {
    "enterprise": "demo_enterprise",
    "station_staff": "demo_staff",
    "station_manager": "demo_manager",
    "expert": "demo_expert",
    "supervisor": "demo_supervisor",
    "admin": "demo_admin",
}
FUZZ_ROLES = list(DEMO_LOGINS)


def operation_labels(having=lambda operation: True) -> list[str]:
    """Return ``METHOD /path`` for every operation the schema documents (that ``having``
    accepts, given the operation's OpenAPI object)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if having(operation)
    ]


def takes_json(operation: dict) -> bool:
    """Tell whether an OpenAPI operation accepts a JSON body."""
    return "application/json" in operation.get("requestBody", {}).get("content", {})


def has_dates(operation: dict) -> bool:
    """Tell whether an OpenAPI operation has a query parameter of format ``date``."""
    return any(
        parameter["in"] == "query" and parameter["schema"].get("format") == "date"
        for parameter in operation.get("parameters", [])
    )


def user_for_role(role: str):
    """Return the ``seed_demo`` login that plays ``role``."""
    return get_user_model().objects.get(username=DEMO_LOGINS[role])


def attach_a_file() -> None:
    """Attach a small PDF to the first demo request, so downloads have a file to find."""
    ticket = Ticket.objects.order_by("pk").first()
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    attachment_add(ticket=ticket, uploaded_by=ticket.filed_by, upload=upload)


def ids_by_collection() -> dict[str, list[int]]:
    """Return every existing id per URL collection segment (the one before a ``{id}``)."""
    users = get_user_model().objects
    querysets = {
        "tickets": Ticket.objects,
        "attachments": Attachment.objects,
        "stations": ServiceStation.objects,
        "cooperatives": ServiceStation.objects,
        "cooperative-memberships": CooperativeMembership.objects,
        "inspections": SamplingInspection.objects,
        "experts": Expert.objects,
        "enterprises": Enterprise.objects,
        "members": users,
        "users": users,
        "notifications": Notification.objects,
        "labs": Lab.objects,
        "instruments": Instrument.objects,
        "bookings": Booking.objects,
        "visits": Visit.objects,
        "courses": Course.objects,
        "sessions": Session.objects,
        "enrolments": Enrolment.objects,
        "services": Service.objects,
    }
    return {
        segment: list(queryset.order_by("pk").values_list("pk", flat=True))
        for segment, queryset in querysets.items()
    }


def real_path_parameters(operation, ids: dict[str, list[int]]):
    """Return a strategy of path parameters that mostly name existing rows.

    A parameter left out keeps the value Schemathesis generated, so unknown
    and malformed ids are still tried.
    """
    segments = operation.path.strip("/").split("/")
    choices = {}
    for collection, segment in zip(segments, segments[1:], strict=False):
        existing = ids.get(collection)
        if segment.startswith("{") and existing:
            choices[segment[1:-1]] = st.one_of(st.sampled_from(existing), st.none())
    return st.fixed_dictionaries(choices).map(
        lambda drawn: {name: value for name, value in drawn.items() if value is not None}
    )


# Dates at and past the edges of what statistics accept, and of what Python can add to.
EDGE_DATES = (
    datetime.date.min,
    datetime.date(1999, 12, 31),
    datetime.date(2100, 1, 1),
    datetime.date(9999, 12, 30),
    datetime.date.max,
)


def date_parameters(operation) -> list[str]:
    """Return the names of the operation's query parameters of format ``date``."""
    return [
        parameter.name
        for parameter in operation.query
        if parameter.definition.get("schema", {}).get("format") == "date"
    ]


def any_dates(operation):
    """Return a strategy of dates across Python's whole range, edges first, for some of
    the operation's date parameters (the schema's own generator keeps to common years)."""
    dates = st.one_of(st.sampled_from(EDGE_DATES), st.dates()).map(datetime.date.isoformat)
    return st.fixed_dictionaries({}, optional={name: dates for name in date_parameters(operation)})


def first_path_ids(operation, ids: dict[str, list[int]]) -> dict[str, int]:
    """Return the first existing id for each path parameter that names a collection."""
    segments = operation.path.strip("/").split("/")
    return {
        segment[1:-1]: ids[collection][0]
        for collection, segment in zip(segments, segments[1:], strict=False)
        if segment.startswith("{") and ids.get(collection)
    }
