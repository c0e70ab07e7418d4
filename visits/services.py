"""Writes of visits: recording one with its findings, and the enterprise's confirmation."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import Enterprise
from nqi_service.errors import DomainConflict
from nqi_service.roles import caller_of
from requests_app.choices import Channel, Urgency
from requests_app.services import ticket_file_for_enterprise
from service_stations.models import Expert, ServiceStation, StationMembership
from service_stations.reach import acting_station, ensure_serves
from visits import stats
from visits.models import Finding, Visit

TITLE_LENGTH = 40


def _title(description: str) -> str:
    """Return a request title from a finding: its first line, shortened."""
    first = description.strip().splitlines()[0]
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1] + "…"


@transaction.atomic
def visit_record(
    *,
    actor,
    enterprise: Enterprise,
    visited_at: datetime.datetime,
    staff: list,
    experts: list[Expert],
    summary: str,
    findings: list[dict],
    internal_note: str = "",
    station: ServiceStation | None = None,
    at: datetime.datetime | None = None,
) -> Visit:
    """Record a visit of the caller's station to ``enterprise`` and its findings.

    Each finding with ``file`` becomes a request of the enterprise (channel
    ``visit``) through the staff filing service, in this same transaction, filed
    at ``at`` (now by default): a refused filing records nothing. The station
    must serve the enterprise's region; the staff who went must work there.
    """
    station = acting_station(actor, station)
    ensure_serves(station, enterprise.region_code, field="enterprise")
    if visited_at > timezone.now():
        raise ValidationError({"visited_at": _("A visit cannot be recorded before it happens.")})
    working_there = set(
        StationMembership.objects.filter(station=station, user__in=staff).values_list(
            "user_id", flat=True
        )
    )
    if any(user.pk not in working_there for user in staff):
        raise ValidationError({"staff": _("Everyone listed must work at the visiting station.")})
    visit = Visit.objects.create(
        enterprise=enterprise,
        station=station,
        visited_at=visited_at,
        summary=summary,
        internal_note=internal_note,
        recorded_by=actor,
    )
    visit.staff.set(staff)
    visit.experts.set(experts)
    errors = [
        _("Finding %(number)d: %(message)s") % {"number": number, "message": message}
        for number, finding in enumerate(findings, start=1)
        for messages in _file_finding(visit, actor, finding, at=at or timezone.now()).values()
        for message in messages
    ]
    if errors:
        raise ValidationError({"findings": errors})
    stats.count_visit(visit)
    return visit


def _file_finding(visit: Visit, actor, finding: dict, *, at: datetime.datetime) -> dict:
    """Record one finding, filing it as a request if asked; return its errors by field."""
    file = finding.get("file", False)
    urgency = finding.get("urgency") or Urgency.NORMAL
    row = Finding(
        visit=visit,
        category=finding["category"],
        description=finding["description"],
        urgency=urgency,
    )
    if file:
        try:
            with transaction.atomic():
                row.ticket = ticket_file_for_enterprise(
                    enterprise=visit.enterprise,
                    filed_by=actor,
                    channel=Channel.VISIT,
                    station=visit.station,
                    title=_title(row.description),
                    description=row.description,
                    category=row.category,
                    urgency=urgency,
                    at=at,
                )
        except ValidationError as error:
            return error.message_dict
    row.save()
    return {}


@transaction.atomic
def visit_confirm(*, visit: Visit, actor) -> Visit:
    """Confirm the visit record as the enterprise (签字确认); confirming twice is a conflict."""
    if visit.enterprise_id not in caller_of(actor).enterprise_ids:
        raise PermissionDenied(_("Only the visited enterprise confirms the visit record."))
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.confirmed_at is not None:
        raise DomainConflict(_("The visit record is already confirmed."), code="already_confirmed")
    visit.confirmed_at = timezone.now()
    visit.confirmed_by = actor
    visit.save(update_fields=["confirmed_at", "confirmed_by"])
    return visit
