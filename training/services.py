"""Writes of training: courses, sessions, enrolments that never oversell, attendance.

Every write that counts seats locks the session row first (``select_for_update``
on PostgreSQL; on SQLite each transaction takes the write lock when it begins),
so two enrolments for the last seat are decided one after the other.
"""

import datetime
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.services import notify_users
from nqi_service.errors import DomainConflict
from training.choices import SEAT_HOLDING
from training.choices import EnrolmentStatus as S
from training.models import Certificate, Course, Enrolment, Session
from training.transitions import next_status

CERTIFICATE_PREFIX = "NQI-TC-"
CERTIFICATE_BYTES = 10  # 80 random bits: not guessable, short enough to read out


def course_create(
    *, station, title: str, element: str, hours: Decimal, description: str = ""
) -> Course:
    """Publish a course of ``station``."""
    with transaction.atomic():
        return Course.objects.create(
            station=station, title=title, element=element, hours=hours, description=description
        )


def course_update(*, course: Course, **changes) -> Course:
    """Change the fields of ``course`` named in ``changes``."""
    for name, value in changes.items():
        setattr(course, name, value)
    with transaction.atomic():
        course.save(update_fields=list(changes) or None)
    return course


def session_add(
    *,
    course: Course,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    seats: int,
) -> Session:
    """Add a session to ``course``."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("A session ends after it starts.")]})
    with transaction.atomic():
        return Session.objects.create(
            course=course, starts_at=starts_at, ends_at=ends_at, place=place, seats=seats
        )


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


def _seats_taken(session: Session) -> int:
    return session.enrolments.filter(status__in=SEAT_HOLDING).count()


def enrolment_add(
    *,
    session: Session,
    enterprise,
    attendee_name: str,
    attendee_phone: str = "",
    actor=None,
    at: datetime.datetime | None = None,
) -> Enrolment:
    """Enrol a named employee of ``enterprise``: a seat while any is left, else the queue."""
    at = at or timezone.now()
    attendee_name = attendee_name.strip()
    if not attendee_name:
        raise ValidationError({"attendee_name": [_("Give the attendee's name.")]})
    with transaction.atomic():
        session = _lock(session)
        if session.starts_at <= at:
            raise DomainConflict(_("The session has already started."), code="session_started")
        active = session.enrolments.filter(
            enterprise=enterprise, attendee_name=attendee_name, status__in=(S.ENROLLED, S.WAITING)
        )
        if active.exists():
            raise DomainConflict(
                _("This attendee is already enrolled in the session."), code="already_enrolled"
            )
        status = S.ENROLLED if _seats_taken(session) < session.seats else S.WAITING
        return Enrolment.objects.create(
            session=session,
            enterprise=enterprise,
            attendee_name=attendee_name,
            attendee_phone=attendee_phone.strip(),
            status=status,
            enrolled_by=actor,
            created_at=at,
            updated_at=at,
        )


def _move(enrolment: Enrolment, action: str, at: datetime.datetime) -> Enrolment:
    enrolment.status = next_status(enrolment.status, action)
    enrolment.updated_at = at
    enrolment.save(update_fields=["status", "updated_at"])
    return enrolment


def enterprise_user_ids(enterprise_ids) -> list[int]:
    """Return the ids of the active members of the enterprises, in id order."""
    return list(
        get_user_model()
        .objects.filter(enterprise_memberships__enterprise__in=enterprise_ids, is_active=True)
        .order_by("pk")
        .distinct()
        .values_list("pk", flat=True)
    )


def _tell_promoted(session: Session, promoted: list[Enrolment]) -> None:
    for enrolment in promoted:
        with translation.override("zh-hans"):
            title = _("A seat is yours: %(course)s") % {"course": session.course.title}
            body = _("%(name)s moved up from the waiting list of the session of %(when)s.") % {
                "name": enrolment.attendee_name,
                "when": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
            }
        notify_users(
            user_ids=enterprise_user_ids([enrolment.enterprise_id]), title=title, body=body
        )


def enrolment_cancel(*, enrolment: Enrolment, at: datetime.datetime | None = None) -> Enrolment:
    """Cancel ``enrolment``; a freed seat goes to the first waiting, whose firm is told."""
    at = at or timezone.now()
    with transaction.atomic():
        session = _lock(enrolment.session)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        _move(enrolment, "cancel", at)
        free = session.seats - _seats_taken(session)
        queue = session.enrolments.filter(status=S.WAITING).order_by("created_at", "id")
        promoted = [_move(waiting, "promote", at) for waiting in queue[: max(free, 0)]]
        _tell_promoted(session, promoted)
    return enrolment


def _new_certificate_number() -> str:
    return CERTIFICATE_PREFIX + secrets.token_hex(CERTIFICATE_BYTES).upper()


def enrolment_record_attendance(
    *, enrolment: Enrolment, attended: bool, at: datetime.datetime | None = None
) -> Enrolment:
    """Record whether the attendee came; one who did gets a certificate."""
    at = at or timezone.now()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        _move(enrolment, "attend" if attended else "miss", at)
        if attended:
            Certificate.objects.create(
                enrolment=enrolment,
                number=_new_certificate_number(),
                completed_on=timezone.localdate(enrolment.session.ends_at),
                issued_at=at,
            )
    return enrolment


def sessions_to_remind(*, at: datetime.datetime | None = None):
    """Return the ids of the sessions starting tomorrow (Asia/Shanghai) not yet reminded."""
    tomorrow = timezone.localdate(at or timezone.now()) + datetime.timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)
    return Session.objects.filter(
        reminded_at__isnull=True,
        starts_at__gte=start,
        starts_at__lt=start + datetime.timedelta(days=1),
    ).values_list("pk", flat=True)


def session_remind(*, session_id: int, at: datetime.datetime | None = None) -> bool:
    """Tell the firms with attendees enrolled in the session that it is tomorrow.

    Return whether this call sent the reminder: the session is marked first,
    by an update that only one caller wins, so a second run tells nobody.
    """
    at = at or timezone.now()
    with transaction.atomic():
        won = Session.objects.filter(pk=session_id, reminded_at__isnull=True).update(reminded_at=at)
        if not won:
            return False
        session = Session.objects.select_related("course").get(pk=session_id)
        counts = (
            session.enrolments.filter(status=S.ENROLLED)
            .values_list("enterprise_id")
            .annotate(count=Count("id"))
            .order_by("enterprise_id")
        )
        when = timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
        for enterprise_id, count in counts:
            with translation.override("zh-hans"):
                title = _("Reminder: %(course)s starts tomorrow") % {"course": session.course.title}
                body = _(
                    "%(count)d of your employees are enrolled in the session of %(when)s "
                    "at %(place)s."
                ) % {"count": count, "when": when, "place": session.place}
            notify_users(user_ids=enterprise_user_ids([enterprise_id]), title=title, body=body)
    return True
