"""Enrolment, cancellation with promotion, attendance and certificates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from enterprises.choices import MemberRole
from notifications.models import Notification
from nqi_service.errors import DomainConflict
from tests.factories import EnterpriseFactory, EnterpriseMembershipFactory
from tests.training.factories import EnrolmentFactory, SessionFactory
from training import services
from training.choices import EnrolmentStatus as S
from training.models import Certificate
from training.transitions import InvalidEnrolmentTransition

pytestmark = pytest.mark.django_db


def enrol(session, enterprise, name, **kwargs):
    return services.enrolment_add(
        session=session, enterprise=enterprise, attendee_name=name, **kwargs
    )


def test_seats_go_first_then_the_waiting_list():
    session = SessionFactory(seats=2)
    firm = EnterpriseFactory()

    statuses = [enrol(session, firm, f"员工{n}").status for n in range(4)]

    assert statuses == [S.ENROLLED, S.ENROLLED, S.WAITING, S.WAITING]


def test_the_same_attendee_cannot_enrol_twice_while_active():
    session = SessionFactory()
    firm = EnterpriseFactory()
    enrol(session, firm, "张三")

    with pytest.raises(DomainConflict) as error:
        enrol(session, firm, " 张三 ")

    assert error.value.code == "already_enrolled"


def test_the_database_refuses_a_second_active_enrolment_of_one_attendee():
    first = EnrolmentFactory(attendee_name="张三")

    with pytest.raises(IntegrityError), transaction.atomic():
        EnrolmentFactory(session=first.session, enterprise=first.enterprise, attendee_name="张三")


def test_a_started_session_takes_no_enrolment():
    session = SessionFactory(starts_at=timezone.now() - datetime.timedelta(minutes=1))

    with pytest.raises(DomainConflict) as error:
        enrol(session, EnterpriseFactory(), "张三")

    assert error.value.code == "session_started"


def test_a_blank_name_is_refused():
    with pytest.raises(ValidationError):
        enrol(SessionFactory(), EnterpriseFactory(), "  ")


def test_cancelling_a_seat_promotes_the_first_waiting_and_tells_its_firm():
    session = SessionFactory(seats=1)
    holder = enrol(session, EnterpriseFactory(), "甲")
    first_firm, second_firm = EnterpriseFactory(), EnterpriseFactory()
    first_member = EnterpriseMembershipFactory(enterprise=first_firm, role=MemberRole.OWNER).user
    second_member = EnterpriseMembershipFactory(enterprise=second_firm).user
    first = enrol(session, first_firm, "乙")
    second = enrol(session, second_firm, "丙")

    services.enrolment_cancel(enrolment=holder)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.ENROLLED, S.WAITING)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [first_member.pk]
    assert Notification.objects.filter(recipient=second_member).count() == 0
    assert "乙" in Notification.objects.get().body


def test_cancelling_a_waiting_place_promotes_nobody():
    session = SessionFactory(seats=1)
    holder = enrol(session, EnterpriseFactory(), "甲")
    waiting = enrol(session, EnterpriseFactory(), "乙")
    later = enrol(session, EnterpriseFactory(), "丙")

    services.enrolment_cancel(enrolment=waiting)

    holder.refresh_from_db()
    later.refresh_from_db()
    assert (holder.status, later.status) == (S.ENROLLED, S.WAITING)
    assert not Notification.objects.exists()


def test_a_cancelled_enrolment_cannot_be_cancelled_again():
    enrolment = services.enrolment_cancel(enrolment=EnrolmentFactory())

    with pytest.raises(InvalidEnrolmentTransition) as error:
        services.enrolment_cancel(enrolment=enrolment)

    assert error.value.code == "invalid_transition"
    assert error.value.extra == {"status": S.CANCELLED, "allowed": []}


def test_an_attendee_who_came_gets_a_certificate_with_a_random_number():
    session = SessionFactory()
    one, two = EnrolmentFactory(session=session), EnrolmentFactory(session=session)

    for enrolment in (one, two):
        services.enrolment_record_attendance(enrolment=enrolment, attended=True)

    numbers = set(Certificate.objects.values_list("number", flat=True))
    assert len(numbers) == 2
    assert all(n.startswith(services.CERTIFICATE_PREFIX) and len(n) == 27 for n in numbers)
    assert one.certificate.completed_on == timezone.localdate(session.ends_at)


def test_an_absent_attendee_gets_no_certificate_and_a_second_record_is_refused():
    enrolment = services.enrolment_record_attendance(enrolment=EnrolmentFactory(), attended=False)

    assert enrolment.status == S.ABSENT
    assert not Certificate.objects.exists()
    with pytest.raises(InvalidEnrolmentTransition):
        services.enrolment_record_attendance(enrolment=enrolment, attended=False)


def test_a_waiting_attendee_cannot_be_marked_present():
    with pytest.raises(InvalidEnrolmentTransition) as error:
        services.enrolment_record_attendance(
            enrolment=EnrolmentFactory(status=S.WAITING), attended=True
        )

    assert error.value.extra["allowed"] == ["promote", "cancel"]


def test_a_session_needs_a_seat_and_an_end_after_its_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(seats=0)
    session = SessionFactory.build()
    with pytest.raises(ValidationError):
        services.session_add(
            course=SessionFactory().course,
            starts_at=session.starts_at,
            ends_at=session.starts_at,
            place="培训室",
            seats=5,
        )
