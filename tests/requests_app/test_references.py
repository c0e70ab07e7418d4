"""References: station code, filing date and the station's sequence of the day."""

import datetime
import threading

import pytest
from django.db import connection, transaction

from requests_app import services
from tests.factories import EnterpriseFactory, StationFactory
from tests.requests_app.helpers import file_ticket

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
DAY = datetime.datetime(2026, 9, 25, 9, 0, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_references_count_per_station_and_per_day(world):
    first = file_ticket(world, at=DAY)
    second = file_ticket(world, at=DAY + datetime.timedelta(hours=5))
    elsewhere = file_ticket(world, station=world.other_station, at=DAY)
    next_day = file_ticket(world, at=DAY + datetime.timedelta(days=1))

    assert [first.reference, second.reference, elsewhere.reference, next_day.reference] == [
        "WH-DAIJIASHAN-20260925-0001",
        "WH-DAIJIASHAN-20260925-0002",
        "WH-HUB-20260925-0001",
        "WH-DAIJIASHAN-20260926-0001",
    ]


@pytest.mark.django_db
def test_the_day_is_the_date_in_shanghai(world):
    late_utc_evening = datetime.datetime(2026, 9, 25, 17, 30, tzinfo=datetime.UTC)
    assert file_ticket(world, at=late_utc_evening).reference.endswith("-20260926-0001")


@pytest.mark.postgres
def test_parallel_filings_at_one_station_get_distinct_consecutive_references(transactional_db):
    station = StationFactory(code="wh-daijiashan", region_code="420102")
    enterprise = EnterpriseFactory(region_code="420102")
    filers = 8
    barrier = threading.Barrier(filers)
    references, errors = [], []

    def file_one(n):
        try:
            barrier.wait()
            ticket = services.ticket_file(
                enterprise=enterprise,
                filed_by=None,
                title=f"并发诉求 {n}",
                description="同时提交",
                category="metrology",
                station=station,
                at=DAY,
            )
            references.append(ticket.reference)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=file_one, args=(n,)) for n in range(filers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(references) == [f"WH-DAIJIASHAN-20260925-{n:04d}" for n in range(1, filers + 1)]


@pytest.mark.django_db
def test_a_filing_rolled_back_gives_its_number_back(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        file_ticket(world, at=DAY)
        raise RuntimeError("the filing fails after its reference was drawn")

    assert file_ticket(world, at=DAY).reference == "WH-DAIJIASHAN-20260925-0001"
