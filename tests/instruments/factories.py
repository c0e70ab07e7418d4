"""factory-boy factories of the instrument pool, and the times the tests book."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from instruments.choices import BookingMode
from instruments.models import Booking, Instrument, Lab
from requests_app.choices import Category
from requests_app.deadlines import is_working_day
from tests.factories import EnterpriseFactory, StationFactory


class LabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lab

    name = factory.Sequence(lambda n: f"烟台计量实验室{n}")
    station = factory.SubFactory(StationFactory, region_code="370602")
    organization = "烟台市计量测试研究所"
    cnas_number = factory.Sequence(lambda n: f"CNAS L{n:05d}")
    cma_number = factory.Sequence(lambda n: f"2024150{n:05d}")
    region_code = "370602"
    address = "烟台市芝罘区"
    opens_at = datetime.time(8, 30)
    closes_at = datetime.time(17, 30)


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    lab = factory.SubFactory(LabFactory)
    name = "三坐标测量机"
    model = "CONTURA 7/10/6"
    maker = "蔡司"
    element = Category.METROLOGY
    original_value = Decimal("1850000.00")
    location = "精密测量室 101"
    calibration_certificate = factory.Sequence(lambda n: f"JZ2026-{n:05d}")
    calibration_valid_until = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=365)
    )
    slot_minutes = 60
    max_hours = 4
    advance_days = 30
    needs_approval = True
    modes = [BookingMode.SELF_SERVICE, BookingMode.LAB_OPERATED]


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking row in its current status (no rules, no events: use the services for those)."""

    class Meta:
        model = Booking

    instrument = factory.SubFactory(InstrumentFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    starts_at = factory.LazyFunction(lambda: at(working_day(), 9))
    ends_at = factory.LazyAttribute(lambda b: b.starts_at + datetime.timedelta(hours=1))
    mode = BookingMode.SELF_SERVICE
    purpose = "尺寸检测"


def working_day(after_days: int = 2) -> datetime.date:
    """Return the first working day at least ``after_days`` from today."""
    day = timezone.localdate() + datetime.timedelta(days=after_days)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def at(day: datetime.date, hour: int, minute: int = 30) -> datetime.datetime:
    """Return ``day`` at the local time given (slots start on the half hour from 08:30)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
