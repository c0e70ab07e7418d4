"""When an instrument may be booked: opening hours, slots, the booking window, free intervals.

A lab opens on working days of the Chinese calendar (``is_working_day``)
from ``opens_at`` to ``closes_at``, Asia/Shanghai. Bookings start on slot
boundaries counted from the opening time, last whole slots and stay within
one day's opening hours.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from instruments.models import Instrument, Lab
from requests_app.deadlines import is_working_day


@dataclass(frozen=True, order=True)
class Interval:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def opening_window(lab: Lab, day: datetime.date) -> Interval:
    """Return the lab's opening hours on ``day`` as aware datetimes (whether or not it opens)."""
    tz = timezone.get_current_timezone()
    return Interval(
        timezone.make_aware(datetime.datetime.combine(day, lab.opens_at), tz),
        timezone.make_aware(datetime.datetime.combine(day, lab.closes_at), tz),
    )


def _slot(instrument: Instrument) -> datetime.timedelta:
    return datetime.timedelta(minutes=instrument.slot_minutes)


def last_bookable_day(instrument: Instrument, now: datetime.datetime) -> datetime.date:
    """Return the last day a booking may start on (the instrument's booking window)."""
    return timezone.localdate(now) + datetime.timedelta(days=instrument.advance_days)


def calibration_covers(instrument: Instrument, ends_at: datetime.datetime) -> bool:
    """Return whether the calibration is still valid on the day a use ends."""
    return timezone.localdate(ends_at) <= instrument.calibration_valid_until


def check_booking_times(
    instrument: Instrument,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    *,
    now: datetime.datetime,
) -> None:
    """Raise ValidationError unless the range is a bookable one for ``instrument``.

    Checked: the future, the booking window, a working day, the opening hours,
    slot boundaries and whole slots, the longest booking.
    """
    day = timezone.localdate(starts_at)
    if starts_at <= now:
        raise ValidationError({"starts_at": _("A booking must start in the future.")})
    if day > last_bookable_day(instrument, now):
        raise ValidationError(
            {
                "starts_at": _("This instrument can be booked at most %(days)d days ahead.")
                % {"days": instrument.advance_days}
            }
        )
    if not is_working_day(day):
        raise ValidationError({"starts_at": _("The lab is closed on this day.")})
    window = opening_window(instrument.lab, day)
    if starts_at < window.starts_at or ends_at > window.ends_at:
        raise ValidationError(
            {
                "starts_at": _("The lab is open from %(opens)s to %(closes)s.")
                % {
                    "opens": f"{instrument.lab.opens_at:%H:%M}",
                    "closes": f"{instrument.lab.closes_at:%H:%M}",
                }
            }
        )
    slot = _slot(instrument)
    if (starts_at - window.starts_at) % slot or (ends_at - starts_at) % slot:
        raise ValidationError(
            {
                "starts_at": _(
                    "Bookings start on %(minutes)d-minute slots from the opening time"
                    " and last whole slots."
                )
                % {"minutes": instrument.slot_minutes}
            }
        )
    if ends_at - starts_at > datetime.timedelta(hours=instrument.max_hours):
        raise ValidationError(
            {
                "ends_at": _("A booking of this instrument lasts at most %(hours)d hours.")
                % {"hours": instrument.max_hours}
            }
        )


def _round_up(moment: datetime.datetime, origin: datetime.datetime, slot) -> datetime.datetime:
    remainder = (moment - origin) % slot
    return moment + (slot - remainder) if remainder else moment


def _round_down(moment: datetime.datetime, origin: datetime.datetime, slot) -> datetime.datetime:
    return moment - (moment - origin) % slot


def _days(date_from: datetime.date, date_to: datetime.date) -> Iterator[datetime.date]:
    day = date_from
    while day <= date_to:
        yield day
        day += datetime.timedelta(days=1)


def free_intervals(
    instrument: Instrument,
    *,
    date_from: datetime.date,
    date_to: datetime.date,
    busy: Iterable[Interval],
    now: datetime.datetime,
) -> list[Interval]:
    """Return the bookable free intervals of ``instrument`` between the two days, inclusive.

    Opening hours of working days, from the next slot boundary after ``now``,
    within the booking window and the calibration's validity, minus ``busy``
    (active bookings and maintenance blocks), each cut to whole slots.
    """
    slot = _slot(instrument)
    busy = sorted(busy)
    last_day = min(date_to, last_bookable_day(instrument, now), instrument.calibration_valid_until)
    free = []
    for day in _days(date_from, last_day):
        if not is_working_day(day):
            continue
        window = opening_window(instrument.lab, day)
        cursor = max(window.starts_at, _round_up(now, window.starts_at, slot))
        for taken in [*busy, Interval(window.ends_at, window.ends_at)]:
            if taken.ends_at <= cursor:
                continue
            end = _round_down(min(taken.starts_at, window.ends_at), window.starts_at, slot)
            if end - cursor >= slot:
                free.append(Interval(cursor, end))
            cursor = max(cursor, _round_up(taken.ends_at, window.starts_at, slot))
            if cursor >= window.ends_at:
                break
    return free
