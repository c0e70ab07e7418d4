"""Seats are never oversold, however many firms enrol at once (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from tests.api_support import token_client
from tests.factories import EnterpriseMembershipFactory, StationFactory
from tests.training.factories import SessionFactory
from training.choices import EnrolmentStatus as S
from training.models import Enrolment

pytestmark = pytest.mark.postgres

ENROLLING = 50
SEATS = 10


def test_fifty_concurrent_enrolments_for_ten_seats_give_ten_seats_and_forty_waiting(
    transactional_db,
):
    session = SessionFactory(course__station=StationFactory(), seats=SEATS)
    members = [EnterpriseMembershipFactory().user for _ in range(ENROLLING)]
    clients = [token_client(user) for user in members]
    url = f"/api/v1/sessions/{session.pk}/enrolments/"
    barrier = threading.Barrier(ENROLLING)
    statuses, errors = [], []

    def enrol(n):
        try:
            barrier.wait()
            response = clients[n].post(url, {"attendee_name": f"学员{n}"})
            statuses.append((response.status_code, response.json().get("status")))
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(n,)) for n in range(ENROLLING)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(statuses) == sorted(
        [(201, S.ENROLLED)] * SEATS + [(201, S.WAITING)] * (ENROLLING - SEATS)
    )
    assert Enrolment.objects.filter(session=session, status=S.ENROLLED).count() == SEATS
