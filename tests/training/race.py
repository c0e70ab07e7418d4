"""Fifty firms enrolling in a ten-seat session at the same instant, each in its own
thread and connection.

Used by the PostgreSQL race test and, through ``tests.sqlite_race``, on a
file-based SQLite database (the embedded mode's serialised path).
"""

import threading

from django.db import connection

from tests.api_support import token_client
from tests.factories import EnterpriseMembershipFactory, StationFactory
from tests.training.factories import SessionFactory

ENROLLING = 50
SEATS = 10


def enrol_at_once() -> tuple[int, list[tuple[int, str | None]], list[str]]:
    """Let ``ENROLLING`` firms enrol one attendee each in a new session of ``SEATS``
    seats at the same instant; return the session's id, the answers (status code
    and enrolment status) and the errors raised in the threads."""
    session = SessionFactory(course__station=StationFactory(), seats=SEATS)
    members = [EnterpriseMembershipFactory().user for _ in range(ENROLLING)]
    clients = [token_client(user) for user in members]
    url = f"/api/v1/sessions/{session.pk}/enrolments/"
    barrier = threading.Barrier(ENROLLING)
    answers, errors = [], []

    def enrol(n):
        try:
            barrier.wait(timeout=60)
            response = clients[n].post(url, {"attendee_name": f"学员{n}"})
            answers.append((response.status_code, response.json().get("status")))
        except Exception as exc:  # reported by the test's assertion
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(n,)) for n in range(ENROLLING)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return session.pk, answers, errors


def sqlite_scenario() -> dict:
    """Race the enrolments and count the seats taken (``tests.sqlite_race``)."""
    from training.choices import EnrolmentStatus
    from training.models import Enrolment

    session_id, answers, errors = enrol_at_once()
    enrolled = Enrolment.objects.filter(session_id=session_id, status=EnrolmentStatus.ENROLLED)
    return {"answers": answers, "errors": errors, "enrolled": enrolled.count()}
