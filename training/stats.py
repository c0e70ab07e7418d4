"""Training's statistics: people trained and certificates issued, per the overview's scope.

A certificate is issued to each attendee who came, dated the day the session
ended (``completed_on``); the period selects on that day. ``people_trained``
counts distinct attendees (firm and name), so one person trained twice is one
person and two certificates. Station staff count their stations' courses;
supervisors the firms of their region, wherever trained; the category filter
is the course's NQI element.
"""

from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Cast, Concat

from stats.scope import Selection, grouped
from training.models import Certificate

STATION = "enrolment__session__course__station_id"


def training_figures(selection: Selection, group: list[str]) -> list[dict]:
    """Return ``people_trained`` and ``certificates`` per ``group`` (or as one row)."""
    rows = Certificate.objects.filter(_scope_q(selection)).annotate(station_id=F(STATION))
    attendee = Concat(
        Cast("enrolment__enterprise_id", CharField()),
        Value(":"),
        "enrolment__attendee_name",
        output_field=CharField(),
    )
    return grouped(
        rows, group, people_trained=Count(attendee, distinct=True), certificates=Count("pk")
    )


def _scope_q(selection: Selection) -> Q:
    condition = Q()
    if selection.scope.region:
        condition &= Q(enrolment__enterprise__region_code__startswith=selection.scope.region)
    if selection.scope.stations is not None:
        condition &= Q(**{f"{STATION}__in": selection.scope.stations})
    if selection.category:
        condition &= Q(enrolment__session__course__element=selection.category)
    if selection.date_from is not None:
        condition &= Q(completed_on__gte=selection.date_from)
    if selection.date_to is not None:
        condition &= Q(completed_on__lte=selection.date_to)
    return condition
