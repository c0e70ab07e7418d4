"""A visit recorded after the fact files its findings when it is recorded."""

import datetime

import pytest
from django.utils import timezone

from requests_app.models import Ticket
from visits.services import visit_record

pytestmark = pytest.mark.django_db


def test_findings_are_filed_at_the_moment_the_visit_is_recorded(world):
    staff = world.users["station_staff"]
    visited_at = timezone.now() - datetime.timedelta(days=2, hours=3)
    recorded_at = visited_at + datetime.timedelta(hours=2)
    visit = visit_record(
        actor=staff,
        enterprise=world.enterprise_e,
        visited_at=visited_at,
        staff=[staff],
        experts=[],
        summary="上门走访",
        findings=[{"category": "metrology", "description": "台秤超期未检定。", "file": True}],
        at=recorded_at,
    )
    ticket = Ticket.objects.get(visit_finding__visit=visit)
    assert ticket.created_at == recorded_at
    assert ticket.events.get().created_at == recorded_at
