"""Seats are never oversold, however many firms enrol at once: on PostgreSQL (the
session's row is locked while seats are counted) and on the embedded SQLite
server (every write transaction begins IMMEDIATE), where the race runs in a
process of its own on a file-based database (``tests.sqlite_race``)."""

import pytest

from tests import sqlite_race
from tests.training.race import ENROLLING, SEATS, enrol_at_once
from training.choices import EnrolmentStatus as S
from training.models import Enrolment

EXPECTED = sorted([(201, S.ENROLLED)] * SEATS + [(201, S.WAITING)] * (ENROLLING - SEATS))


@pytest.mark.postgres
def test_fifty_concurrent_enrolments_for_ten_seats_give_ten_seats_and_forty_waiting(
    transactional_db,
):
    session_id, answers, errors = enrol_at_once()

    assert errors == []
    assert sorted(answers) == EXPECTED
    assert Enrolment.objects.filter(session_id=session_id, status=S.ENROLLED).count() == SEATS


def test_on_a_file_based_sqlite_database_fifty_enrolments_give_ten_seats_and_forty_waiting(
    tmp_path,
):
    outcome = sqlite_race.run("tests.training.race", tmp_path / "race.sqlite3")

    assert outcome["vendor"] == "sqlite"
    assert outcome["errors"] == []
    assert sorted(map(tuple, outcome["answers"])) == EXPECTED
    assert outcome["enrolled"] == SEATS
