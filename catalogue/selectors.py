"""Reads of the catalogue, each taking the caller.

The catalogue is public to everyone logged in. A diagnosis report is seen by
whoever sees its request (``requests_app.selectors.tickets_visible_to``).
"""

from django.db.models import Prefetch, QuerySet

from catalogue.models import DiagnosisReport, ReportRecommendation, Service
from nqi_service.roles import caller_of
from requests_app.models import Ticket
from requests_app.selectors import tickets_visible_to
from service_stations.models import ServiceStation
from service_stations.selectors import stations_managed_by


def services_visible_to(user) -> QuerySet[Service]:
    """Return the services ``user`` may see: the whole catalogue, once logged in."""
    if not user.is_authenticated:
        return Service.objects.none()
    return Service.objects.prefetch_related(
        Prefetch("stations", queryset=ServiceStation.objects.only("id").order_by("id"))
    )


def managed_station_ids(user) -> set[int] | None:
    """Return the stations whose services ``user`` may change; None for all (administrators)."""
    if caller_of(user).is_admin:
        return None
    return set(stations_managed_by(user).values_list("pk", flat=True))


def may_manage_service(user, service: Service) -> bool:
    """Return whether ``user`` may change ``service``: an administrator, or the manager of
    every station offering it (a service shared with other stations is the
    administrators' to change)."""
    managed = managed_station_ids(user)
    if managed is None:
        return True
    offered = {station.pk for station in service.stations.all()}
    return bool(offered) and offered <= managed


def report_of(user, ticket_id: int) -> DiagnosisReport | None:
    """Return the latest diagnosis report of the request ``ticket_id``, ready to render,
    when ``user`` sees the request; None when they don't or it has no report."""
    visible = tickets_visible_to(user).filter(pk=ticket_id).values("pk")
    return latest_reports().filter(ticket__in=visible).first()


def latest_reports() -> QuerySet[DiagnosisReport]:
    """Return reports, latest first, with their request's records, findings and
    recommendations (with the follow-ups' references) loaded."""
    return (
        DiagnosisReport.objects.select_related(
            "ticket__enterprise", "ticket__station", "ticket__service", "ticket__assigned_expert"
        )
        .prefetch_related(
            "findings",
            Prefetch(
                "recommendations",
                queryset=ReportRecommendation.objects.select_related("follow_up").only(
                    "report", "position", "text", "follow_up__reference"
                ),
            ),
        )
        .order_by("-created_at", "-id")
    )


def report_of_ticket(ticket: Ticket) -> DiagnosisReport | None:
    """Return the latest report of ``ticket`` (a caller who sees it asks), or None."""
    return latest_reports().filter(ticket=ticket).first()
