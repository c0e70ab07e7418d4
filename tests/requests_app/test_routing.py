"""Routing: the nearest active station offering the category, then a nationwide one."""

import pytest

from requests_app.choices import Category, Status
from requests_app.routing import route
from service_stations.choices import StationKind
from tests.factories import StationFactory, TicketFactory

pytestmark = pytest.mark.django_db

ENTERPRISE_REGION = "420102"  # 武汉市江岸区


def station(region_code, **kwargs):
    return StationFactory(region_code=region_code, **kwargs)


def test_a_station_in_the_same_district_wins():
    station("420000")
    station("420100")
    district = station("420102")
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == district


def test_without_one_in_the_district_the_city_wins():
    station("420000")
    station("320102")  # same district digits, another province
    other_district = station("420104")  # shares the city's four digits
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == other_district


def test_without_one_in_the_city_the_province_wins():
    station("320684")
    province = station("420500")
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == province


def test_a_station_not_offering_the_category_is_skipped():
    station("420102", services=[Category.BRAND])
    city = station("420100")
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == city


def test_an_inactive_station_is_skipped():
    station("420102", is_active=False)
    city = station("420100")
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == city


def test_ties_go_to_the_smaller_backlog_then_the_lower_id():
    busy = station("420102")
    quiet = station("420102")
    also_quiet = station("420102")
    TicketFactory(station=busy, status=Status.TRIAGED)
    TicketFactory(station=quiet, status=Status.CLOSED)  # finished work is no load
    TicketFactory(station=also_quiet, status=Status.RESOLVED)
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == quiet


def test_outside_any_covered_province_a_platform_then_a_hub_takes_it():
    hub = station("320100")
    station("450202", parent=hub)
    platform = station("110000", kind=StationKind.PLATFORM)
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == platform
    platform.is_active = False
    platform.save()
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == hub


def test_a_child_station_far_away_takes_it_when_nothing_else_offers_the_category():
    hub = station("320100", services=[Category.BRAND])
    child = station("450202", parent=hub)
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == child


def test_no_route_when_no_active_station_offers_the_category():
    station("420102", services=[Category.BRAND])
    station("420100", is_active=False)
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) is None


def test_a_closer_station_wins_however_busy():
    closer = station("420102")
    station("420104")
    TicketFactory.create_batch(3, station=closer, status=Status.SUBMITTED)
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == closer


def test_nationwide_ties_go_to_the_smaller_backlog():
    busy = station("110000", kind=StationKind.PLATFORM)
    quiet = station("310000", kind=StationKind.PLATFORM)
    TicketFactory(station=busy, status=Status.SUBMITTED)
    assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == quiet


def test_one_query_when_one_station_is_closest(django_assert_num_queries):
    district = station("420102")
    for region in ("420104", "420105", "420000"):
        TicketFactory(station=station(region), status=Status.SUBMITTED)
    with django_assert_num_queries(1) as queries:
        assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == district
    # without a tie, no backlog is counted
    assert "requests_app_ticket" not in queries.captured_queries[0]["sql"]


def test_a_second_query_counts_the_backlogs_of_a_tie_only(django_assert_num_queries):
    busy, quiet = station("420104"), station("420105")
    TicketFactory(station=busy, status=Status.SUBMITTED)
    with django_assert_num_queries(2) as queries:
        assert route(region_code=ENTERPRISE_REGION, category=Category.METROLOGY) == quiet
    assert f"IN ({busy.pk}, {quiet.pk})" in queries.captured_queries[1]["sql"]
