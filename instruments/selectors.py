"""Reads of the instrument pool; each takes the caller, so scope can't be forgotten.

The pool itself (labs, instruments, their free intervals) is public to every
logged-in user. Bookings are private: an enterprise sees its own, a lab's
station staff the lab's, a supervisor those of labs in their region, an
administrator all; anyone else finds none (404 on a detail).
"""

import datetime
from functools import reduce
from operator import or_

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from enterprises.models import EnterpriseMembership
from instruments.choices import ACTIVE_BOOKING_STATUSES, BookingStatus, InstrumentStatus
from instruments.models import Booking, Instrument, Lab, MaintenanceBlock
from instruments.schedule import Interval
from instruments.transitions import TRANSITIONS, Party
from nqi_service import roles
from nqi_service.roles import caller_of
from service_stations.choices import StationRole
from service_stations.models import ServiceStation, StationMembership

User = AbstractBaseUser | AnonymousUser


def labs_visible_to(user: User) -> QuerySet[Lab]:
    """Return the labs ``user`` may see: all of them, once logged in."""
    if not user.is_authenticated:
        return Lab.objects.none()
    return Lab.objects.all()


def instruments_visible_to(user: User) -> QuerySet[Instrument]:
    """Return the instruments ``user`` may see: the whole pool, once logged in."""
    if not user.is_authenticated:
        return Instrument.objects.none()
    return Instrument.objects.select_related("lab")


def bookings_visible_to(user: User) -> QuerySet[Booking]:
    """Return the bookings ``user`` may see (module docstring), ready to render."""
    bookings = Booking.objects.select_related("instrument__lab")
    caller = caller_of(user)
    if caller.is_admin:
        return bookings.all()
    scopes = []
    if caller.has_any(roles.ENTERPRISE):
        scopes.append(Q(enterprise__in=caller.enterprise_ids))
    if caller.has_any(roles.STATION_STAFF, roles.STATION_MANAGER):
        scopes.append(Q(instrument__lab__station__in=caller.station_ids))
    if caller.region_prefix is not None:
        scopes.append(Q(instrument__lab__region_code__startswith=caller.region_prefix))
    if not scopes:
        return bookings.none()
    return bookings.filter(reduce(or_, scopes))


def blocks_of(instrument: Instrument) -> QuerySet[MaintenanceBlock]:
    """Return the instrument's maintenance blocks, latest first (callers are its lab's staff)."""
    return MaintenanceBlock.objects.filter(instrument=instrument).order_by("-starts_at", "-id")


def is_lab_staff(user: User, lab: Lab) -> bool:
    """Return whether ``user`` works at the station of ``lab`` (or runs the network)."""
    if not user.is_authenticated:
        return False
    caller = caller_of(user)
    return caller.is_admin or lab.station_id in caller.station_ids


def stations_managed_by(user: User) -> QuerySet[ServiceStation]:
    """Return the stations whose labs and instruments ``user`` may change."""
    if caller_of(user).is_admin:
        return ServiceStation.objects.all()
    return ServiceStation.objects.filter(
        memberships__user=user, memberships__role=StationRole.MANAGER
    )


def may_manage_lab(user: User, lab: Lab) -> bool:
    """Return whether ``user`` may change ``lab`` and its instruments."""
    return stations_managed_by(user).filter(pk=lab.station_id).exists()


def may_act(user: User, booking: Booking, action: str) -> bool:
    """Return whether ``user`` is a party the transition table allows to take ``action``."""
    if not user.is_authenticated:
        return False
    parties = TRANSITIONS[action].parties
    if Party.ADMIN in parties and caller_of(user).is_admin:
        return True
    if Party.LAB in parties and booking.instrument.lab.station_id in caller_of(user).station_ids:
        return True
    return Party.ENTERPRISE in parties and (
        EnterpriseMembership.objects.filter(user=user, enterprise_id=booking.enterprise_id).exists()
    )


def busy_intervals(
    instrument: Instrument, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> list[Interval]:
    """Return the active bookings and maintenance blocks of ``instrument`` meeting the range."""
    overlapping = Q(instrument=instrument, starts_at__lt=ends_at, ends_at__gt=starts_at)
    bookings = Booking.objects.filter(overlapping, status__in=ACTIVE_BOOKING_STATUSES)
    blocks = MaintenanceBlock.objects.filter(overlapping)
    return [
        Interval(start, end)
        for source in (bookings, blocks)
        for start, end in source.values_list("starts_at", "ends_at")
    ]


def instruments_free_between(
    instruments: QuerySet[Instrument], starts_at: datetime.datetime, ends_at: datetime.datetime
) -> QuerySet[Instrument]:
    """Keep the instruments with no active booking or maintenance block in the range."""
    overlapping = Q(instrument=OuterRef("pk"), starts_at__lt=ends_at, ends_at__gt=starts_at)
    return instruments.exclude(
        Exists(Booking.objects.filter(overlapping, status__in=ACTIVE_BOOKING_STATUSES))
    ).exclude(Exists(MaintenanceBlock.objects.filter(overlapping)))


def no_shows_of(enterprise_id: int, *, since: datetime.datetime) -> int:
    """Return how many bookings of the enterprise starting since ``since`` were no-shows."""
    return Booking.objects.filter(
        enterprise_id=enterprise_id, status=BookingStatus.NO_SHOW, starts_at__gte=since
    ).count()


def lab_staff_ids(lab: Lab) -> list[int]:
    """Return the ids of the active users working at the lab's station."""
    return list(
        StationMembership.objects.filter(station_id=lab.station_id, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def calibrations_ending(today: datetime.date, notice: datetime.timedelta) -> list[int]:
    """Return the ids of instruments in use whose calibration ends within ``notice``
    and whose lab has not been told about that date yet."""
    return list(
        Instrument.objects.exclude(status=InstrumentStatus.RETIRED)
        .filter(calibration_valid_until__range=(today, today + notice))
        .exclude(calibration_reminded_for=F("calibration_valid_until"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
