"""Writes of the instrument pool: labs, instruments, blocks, and every booking move.

Each service is one transaction. A booking is checked in the contract's
order: the calibration first (409 ``calibration_expired``), the instrument's
status, the mode and times (400), then the slot (409 ``slot_taken``). The
slot check is the friendly answer; the guarantee is the database's: on
PostgreSQL the exclusion constraint ``booking_no_overlap`` refuses the second
of two overlapping inserts, and on SQLite every write transaction begins
``IMMEDIATE``, so the check and the insert of two bookings never interleave.
"""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enterprises.models import Enterprise
from instruments import schedule, selectors
from instruments.choices import (
    ACTIVE_BOOKING_STATUSES,
    BookingAction,
    BookingMode,
    BookingStatus,
    InstrumentStatus,
)
from instruments.models import Booking, BookingEvent, Instrument, Lab, MaintenanceBlock
from instruments.transitions import TRANSITIONS, ensure_allowed
from notifications.services import notify_users
from nqi_service.errors import DomainConflict
from nqi_service.sql import sqlstate
from requests_app.models import Ticket
from requests_app.uploads import check_upload

OVERLAP_CONSTRAINT = "booking_no_overlap"
DEADLOCK_DETECTED = "40P01"  # PostgreSQL's code, whichever driver reports it


class SlotTaken(DomainConflict):
    code = "slot_taken"

    def __init__(self):
        super().__init__(_("This time is already booked or closed for maintenance."))


class CalibrationExpired(DomainConflict):
    code = "calibration_expired"

    def __init__(self, instrument: Instrument):
        super().__init__(
            _("The instrument's calibration is valid until %(date)s only.")
            % {"date": instrument.calibration_valid_until.isoformat()},
            calibration_valid_until=instrument.calibration_valid_until.isoformat(),
        )


def lab_save(*, lab: Lab | None = None, **fields: Any) -> Lab:
    """Create a lab, or change ``lab``, with ``fields``."""
    return _save(lab or Lab(), fields)


def instrument_save(*, instrument: Instrument | None = None, **fields: Any) -> Instrument:
    """Create an instrument, or change ``instrument``, with ``fields``."""
    return _save(instrument or Instrument(), fields)


def _save(record, fields: dict):
    with transaction.atomic():
        for name, value in fields.items():
            setattr(record, name, value)
        record.full_clean()
        record.save()
    return record


def block_create(
    *,
    instrument: Instrument,
    actor: AbstractBaseUser | None,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    reason: str,
) -> MaintenanceBlock:
    """Close ``instrument`` for maintenance; refused while an active booking holds the time."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    with transaction.atomic():
        # Blocks of one instrument are written one at a time.
        Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
        if Booking.objects.filter(
            instrument=instrument,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
            status__in=ACTIVE_BOOKING_STATUSES,
        ).exists():
            raise SlotTaken()
        return MaintenanceBlock.objects.create(
            instrument=instrument,
            starts_at=starts_at,
            ends_at=ends_at,
            reason=reason,
            created_by=actor,
        )


def booking_create(
    *,
    instrument: Instrument,
    enterprise: Enterprise,
    booked_by: AbstractBaseUser | None,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    mode: str,
    purpose: str,
    ticket: Ticket | None = None,
    at: datetime.datetime | None = None,
) -> Booking:
    """Book ``instrument`` for ``enterprise``; approved at once where the instrument allows."""
    at = at or timezone.now()
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    with transaction.atomic():
        instrument = Instrument.objects.select_related("lab").get(pk=instrument.pk)
        if not schedule.calibration_covers(instrument, ends_at):
            raise CalibrationExpired(instrument)
        if instrument.status != InstrumentStatus.AVAILABLE:
            raise DomainConflict(
                _("The instrument is “%(status)s” and can't be booked.")
                % {"status": InstrumentStatus(instrument.status).label},
                code="instrument_unavailable",
            )
        if mode not in instrument.modes:
            raise ValidationError(
                {
                    "mode": _("This instrument is not offered “%(mode)s”.")
                    % {"mode": BookingMode(mode).label}
                }
            )
        if ticket is not None and ticket.enterprise_id != enterprise.pk:
            raise ValidationError({"ticket": _("The request is not the enterprise's.")})
        schedule.check_booking_times(instrument, starts_at, ends_at, now=at)
        if selectors.busy_intervals(instrument, starts_at, ends_at):
            raise SlotTaken()
        auto = not instrument.needs_approval and not _held_to_approval(enterprise, at)
        booking = _insert(
            Booking(
                instrument=instrument,
                enterprise=enterprise,
                booked_by=booked_by,
                ticket=ticket,
                starts_at=starts_at,
                ends_at=ends_at,
                mode=mode,
                purpose=purpose,
                status=BookingStatus.APPROVED if auto else BookingStatus.REQUESTED,
                created_at=at,
            )
        )
        _record(booking, action=BookingAction.BOOK, from_status=None, actor=booked_by, at=at)
        if not auto:
            _tell_lab(booking)
    return booking


def _insert(booking: Booking) -> Booking:
    """Save the new ``booking``; the exclusion constraint's refusal is a ``SlotTaken``.

    Two inserts of overlapping ranges that each wait for the other's (both
    uncommitted) are a deadlock to PostgreSQL, which aborts one of them: that
    one overlaps a booking being made, so it is refused the same way.
    """
    try:
        with transaction.atomic():
            booking.save(force_insert=True)
    except (IntegrityError, OperationalError) as exc:
        cause = exc.__cause__
        if sqlstate(exc) == DEADLOCK_DETECTED or (
            getattr(getattr(cause, "diag", None), "constraint_name", None) == OVERLAP_CONSTRAINT
        ):
            raise SlotTaken() from exc
        raise
    return booking


def _held_to_approval(enterprise: Enterprise, at: datetime.datetime) -> bool:
    """Return whether the enterprise's recent no-shows take away automatic approval."""
    since = at - settings.BOOKING_NO_SHOW_WINDOW
    return selectors.no_shows_of(enterprise.pk, since=since) >= settings.BOOKING_NO_SHOW_LIMIT


def booking_approve(*, booking: Booking, actor, at=None) -> Booking:
    return _move(booking, action="approve", actor=actor, at=at)


def booking_reject(*, booking: Booking, actor, reason: str = "", at=None) -> Booking:
    return _move(booking, action="reject", actor=actor, at=at, note=reason)


def booking_cancel(*, booking: Booking, actor, reason: str = "", at=None) -> Booking:
    """Cancel ``booking`` for its enterprise, until the lab's cancellation deadline."""

    def before_deadline(locked: Booking, moment: datetime.datetime) -> None:
        hours = locked.instrument.lab.cancel_hours_before
        if moment > locked.starts_at - datetime.timedelta(hours=hours) and not (
            actor is not None and actor.is_superuser
        ):
            raise DomainConflict(
                _("Bookings of this lab can be cancelled up to %(hours)d hours before the start.")
                % {"hours": hours},
                code="cancellation_closed",
            )

    return _move(booking, action="cancel", actor=actor, at=at, note=reason, check=before_deadline)


def booking_start(*, booking: Booking, actor, at=None) -> Booking:
    return _move(booking, action="start", actor=actor, at=at)


def booking_no_show(*, booking: Booking, actor, at=None) -> Booking:
    """Record that the enterprise did not come; possible once the booking has started."""

    def started(locked: Booking, moment: datetime.datetime) -> None:
        if moment < locked.starts_at:
            raise DomainConflict(
                _("A booking can be marked as a no-show once its time has begun."),
                code="not_started",
            )

    return _move(booking, action="no_show", actor=actor, at=at, check=started)


def booking_complete(
    *,
    booking: Booking,
    actor,
    used_from: datetime.datetime,
    used_to: datetime.datetime,
    report: File | None = None,
    at: datetime.datetime | None = None,
) -> Booking:
    """Record the actual use; a lab-operated booking ends with its test report attached."""
    at = at or timezone.now()
    if used_to <= used_from:
        raise ValidationError({"used_to": _("The end must be after the start.")})
    if used_to > at:
        raise ValidationError({"used_to": _("The use can't end in the future.")})
    checked = None
    if report is not None:
        try:
            checked = check_upload(report)
        except ValidationError as exc:
            raise ValidationError({"report": exc.messages}) from exc

    def record_use(locked: Booking, moment: datetime.datetime) -> None:
        if locked.mode == BookingMode.LAB_OPERATED and checked is None:
            raise ValidationError({"report": _("A lab-operated booking needs its test report.")})
        locked.used_from, locked.used_to = used_from, used_to
        if checked is not None:
            locked.report.save(checked.name, report, save=False)
            locked.report_name, locked.report_content_type = checked.name, checked.content_type

    fields = ["used_from", "used_to", "report", "report_name", "report_content_type"]
    return _move(booking, action="complete", actor=actor, at=at, check=record_use, fields=fields)


def _move(
    booking: Booking,
    *,
    action: str,
    actor: AbstractBaseUser | None,
    at: datetime.datetime | None,
    note: str = "",
    check=None,
    fields: list[str] | tuple[str, ...] = (),
) -> Booking:
    """Lock ``booking``, check who acts and from where, run ``check``, move and record it."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("instrument__lab")
            .get(pk=booking.pk)
        )
        if actor is not None and not selectors.may_act(actor, locked, action):
            raise PermissionDenied(_("You may not take this action on this booking."))
        ensure_allowed(locked.status, action)
        if check is not None:
            check(locked, at)
        from_status = locked.status
        locked.status = TRANSITIONS[action].target
        locked.save(update_fields=["status", "updated_at", *fields])
        _record(locked, action=action, from_status=from_status, actor=actor, at=at, note=note)
    return locked


def _record(booking: Booking, *, action, from_status, actor, at, note: str = "") -> None:
    BookingEvent.objects.create(
        booking=booking,
        action=action,
        from_status=from_status,
        to_status=booking.status,
        actor=actor,
        note=note,
        created_at=at,
    )


def _tell_lab(booking: Booking) -> None:
    """Tell the lab's staff that ``booking`` waits for their approval (in Chinese)."""
    lab = booking.instrument.lab
    with translation.override("zh-hans"):
        title = _("%(lab)s: a booking waits for approval") % {"lab": lab.name}
    body = f"{booking.instrument.name} {timezone.localtime(booking.starts_at):%Y-%m-%d %H:%M}"
    notify_users(user_ids=selectors.lab_staff_ids(lab), title=title, body=body)


def calibration_remind(*, instrument_id: int, today: datetime.date) -> bool:
    """Tell the lab's staff that the instrument's calibration ends within the notice period.

    Once per valid-until date: a conditional UPDATE marks the reminder sent,
    so a second run (or a second worker) tells nobody again. Return whether
    this call sent it.
    """
    horizon = today + settings.CALIBRATION_REMINDER_NOTICE
    with transaction.atomic():
        marked = (
            Instrument.objects.filter(
                pk=instrument_id, calibration_valid_until__range=(today, horizon)
            )
            .exclude(calibration_reminded_for=F("calibration_valid_until"))
            .update(calibration_reminded_for=F("calibration_valid_until"))
        )
        if not marked:
            return False
        instrument = Instrument.objects.select_related("lab").get(pk=instrument_id)
        with translation.override("zh-hans"):
            _notify_calibration_ends(instrument)
    return True


def _notify_calibration_ends(instrument: Instrument) -> None:
    notify_users(
        user_ids=selectors.lab_staff_ids(instrument.lab),
        title=_("Calibration of %(name)s ends on %(date)s")
        % {"name": instrument.name, "date": instrument.calibration_valid_until.isoformat()},
        body=_("Certificate %(certificate)s, %(lab)s, %(location)s. Book its recalibration.")
        % {
            "certificate": instrument.calibration_certificate or "—",
            "lab": instrument.lab.name,
            "location": instrument.location,
        },
    )
