"""The fuzzed roles as ``seed_demo`` logins, and real ids to put in generated paths."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator
from hypothesis import strategies as st

from enterprises.models import Enterprise
from instruments.models import Booking, Instrument, Lab
from nqi_service.models import Notification
from requests_app.conversation import attachment_add
from requests_app.models import Attachment, Ticket
from service_stations.cooperative_models import CooperativeMembership, SamplingInspection
from service_stations.models import Expert, ServiceStation
from tests.requests_app.files import PDF

DEMO_LOGINS = {
    "enterprise": "demo_enterprise",
    "station_staff": "demo_staff",
    "station_manager": "demo_manager",
    "expert": "demo_expert",
    "supervisor": "demo_supervisor",
    "admin": "demo_admin",
}
FUZZ_ROLES = list(DEMO_LOGINS)


def operation_labels() -> list[str]:
    """Return ``METHOD /path`` for every operation the schema documents."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    ]


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
