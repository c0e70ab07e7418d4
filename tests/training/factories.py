"""Factories of the training records."""

import datetime

import factory
from django.utils import timezone

from tests.factories import EnterpriseFactory, StationFactory
from training.choices import EnrolmentStatus
from training.models import Course, Enrolment, Session


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    station = factory.SubFactory(StationFactory)
    title = factory.Sequence(lambda n: f"计量基础培训 {n}")
    element = "metrology"
    hours = 8


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=8))
    place = "站内培训室"
    seats = 10


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    attendee_name = factory.Sequence(lambda n: f"学员{n}")
    status = EnrolmentStatus.ENROLLED
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda e: e.created_at)
