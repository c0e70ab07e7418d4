"""Reads of training, each taking the caller.

Courses and their sessions are public to everyone logged in. Enrolments are
seen by the enterprise's members, the staff of the course's station,
supervisors of its region and administrators; certificates by anyone.
"""

from functools import reduce
from operator import or_

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from nqi_service.roles import caller_of
from service_stations.models import StationMembership
from training.choices import SEAT_HOLDING, EnrolmentStatus
from training.models import Certificate, Course, Enrolment, Session


def courses_visible_to(user) -> QuerySet[Course]:
    """Return the courses ``user`` may see: all of them, once logged in."""
    if not user.is_authenticated:
        return Course.objects.none()
    return Course.objects.all()


def sessions_visible_to(user) -> QuerySet[Session]:
    """Return the sessions ``user`` may see, with their seats taken and queue length."""
    if not user.is_authenticated:
        return Session.objects.none()
    return Session.objects.select_related("course").annotate(
        seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING)),
        waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING)),
    )


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """Return the enrolments ``user`` may see, each with its certificate."""
    from enterprises.models import EnterpriseMembership

    enrolments = Enrolment.objects.select_related("session__course", "certificate")
    if not user.is_authenticated:
        return enrolments.none()
    caller = caller_of(user)
    if caller.is_admin:
        return enrolments
    scopes = [
        Exists(EnterpriseMembership.objects.filter(enterprise=OuterRef("enterprise"), user=user)),
        Exists(
            StationMembership.objects.filter(
                station=OuterRef("session__course__station"), user=user
            )
        ),
    ]
    if caller.region_prefix is not None:
        scopes.append(Q(session__course__station__region_code__startswith=caller.region_prefix))
    return enrolments.filter(reduce(or_, scopes))


def certificates_visible_to(user) -> QuerySet[Certificate]:
    """Return the certificates anyone, logged in or not, may verify by number."""
    return Certificate.objects.select_related("enrolment__session__course__station")


def works_at_station(*, user, station_id: int) -> bool:
    """Return whether ``user`` works at the station (staff, manager) or is an administrator."""
    caller = caller_of(user)
    return caller.is_admin or station_id in caller.station_ids
