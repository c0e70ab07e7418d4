import pytest
from django.db import IntegrityError
from django.db.models import F

from service_stations.models import Expert
from tests.factories import ExpertFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_open_assignments_may_reach_capacity():
    expert = ExpertFactory(capacity=2)
    Expert.objects.filter(pk=expert.pk).update(open_assignments=2)
    expert.refresh_from_db()
    assert expert.open_assignments == 2


def test_open_assignments_above_capacity_is_refused_by_the_database():
    expert = ExpertFactory(capacity=2)
    with pytest.raises(IntegrityError):
        Expert.objects.filter(pk=expert.pk).update(open_assignments=F("capacity") + 1)


def test_capacity_below_open_assignments_is_refused_by_the_database():
    expert = ExpertFactory(capacity=3)
    Expert.objects.filter(pk=expert.pk).update(open_assignments=3)
    with pytest.raises(IntegrityError):
        Expert.objects.filter(pk=expert.pk).update(capacity=2)


def test_station_code_is_unique():
    StationFactory(code="wh-1")
    with pytest.raises(IntegrityError):
        StationFactory(code="wh-1")


def test_station_cannot_be_its_own_parent():
    station = StationFactory()
    station.parent = station
    with pytest.raises(IntegrityError):
        station.save()
