"""Diagnosis as a result: the structured report a diagnosis request is resolved with.

``report_record`` runs inside the resolving transaction (``ticket_resolve``):
a request for a ``diagnosis`` service needs a report, any other request takes
none. Each recommendation marked ``file`` becomes a follow-up request of the
same enterprise at the same station, filed by the expert in that transaction
(channel ``visit``: the diagnosis is made at the firm) and linked from the
recommendation; a follow-up the rules refuse refuses the whole resolution.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from catalogue.models import DiagnosisReport, ReportFinding, ReportRecommendation
from requests_app.choices import Channel, Urgency
from requests_app.models import Ticket

TITLE_LENGTH = 40


def report_record(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    report: dict | None,
    at: datetime.datetime,
) -> DiagnosisReport | None:
    """Record ``report`` for the request being resolved; return it (None for other requests).

    ``report`` holds ``findings`` ({area, severity, evidence}) and
    ``recommendations`` ({text, file?, category?, service?, urgency?}).
    """
    is_diagnosis = ticket.service is not None and ticket.service.is_diagnosis
    if report is None:
        if is_diagnosis:
            raise ValidationError({"report": _("A diagnosis is resolved with its report.")})
        return None
    if not is_diagnosis:
        raise ValidationError(
            {"report": _("Only a request for a diagnosis service takes a report.")}
        )
    written = DiagnosisReport.objects.create(ticket=ticket, written_by=actor, created_at=at)
    ReportFinding.objects.bulk_create(
        ReportFinding(
            report=written,
            position=position,
            area=finding["area"],
            severity=finding["severity"],
            evidence=finding["evidence"],
        )
        for position, finding in enumerate(report["findings"], start=1)
    )
    recommendations, errors = [], []
    for position, recommendation in enumerate(report["recommendations"], start=1):
        follow_up = None
        if recommendation.get("file", False):
            try:
                with transaction.atomic():
                    follow_up = _file_follow_up(ticket, actor, recommendation, at)
            except ValidationError as error:
                errors.extend(
                    _("Recommendation %(number)d: %(message)s")
                    % {"number": position, "message": message}
                    for messages in error.message_dict.values()
                    for message in messages
                )
        recommendations.append(
            ReportRecommendation(
                report=written, position=position, text=recommendation["text"], follow_up=follow_up
            )
        )
    if errors:
        raise ValidationError({"report": errors})
    ReportRecommendation.objects.bulk_create(recommendations)
    return written


def _file_follow_up(
    ticket: Ticket, actor: AbstractBaseUser | None, recommendation: dict, at: datetime.datetime
) -> Ticket:
    """File ``recommendation`` as a request of the diagnosed enterprise at the same station.

    Its category is the recommendation's, or its service's element, or else
    the diagnosis's own.
    """
    from requests_app.services import ticket_file

    text = recommendation["text"]
    service = recommendation.get("service")
    category = recommendation.get("category") or (None if service else ticket.category)
    return ticket_file(
        enterprise=ticket.enterprise,
        filed_by=actor,
        title=Truncator(text.strip().splitlines()[0]).chars(TITLE_LENGTH),
        description=_("Recommended by the diagnosis %(reference)s: %(text)s")
        % {"reference": ticket.reference, "text": text},
        category=category,
        service=service,
        urgency=recommendation.get("urgency") or Urgency.NORMAL,
        station=ticket.station,
        channel=Channel.VISIT,
        at=at,
    )
