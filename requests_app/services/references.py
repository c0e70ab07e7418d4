"""Human-readable request references: ``<STATION CODE>-<YYYYMMDD>-<NNNN>``.

For example ``WH-DAIJIASHAN-20260925-0001``: the station's code in capitals,
the filing date in Asia/Shanghai and the station's sequence number of that day
(four digits, more when a station files more than 9,999 requests a day).
"""

import datetime

from django.db import connection
from django.utils import timezone

from nqi_service.sql import table
from requests_app.models import ReferenceCounter
from service_stations.models import ServiceStation

_TABLE = table(ReferenceCounter)
# One statement creates the day's counter or counts on from it (PostgreSQL and
# SQLite both have ON CONFLICT ... RETURNING), instead of a locking read, an
# insert on the day's first filing and an update.
_COUNT_ON = f"""
    INSERT INTO {_TABLE} (station_id, day, last) VALUES (%s, %s, 1)
    ON CONFLICT (station_id, day) DO UPDATE SET last = {_TABLE}.last + 1
    RETURNING last
"""


def next_reference(*, station: ServiceStation, at: datetime.datetime) -> str:
    """Return a new reference for a request filed at ``station`` at ``at``.

    Called inside the filing transaction, the day's counter row stays locked
    until that commits, so concurrent filings at one station are numbered one
    after the other and a rolled-back filing gives its number back.
    """
    day = timezone.localdate(at)
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_ON, [station.pk, day])
        (last,) = cursor.fetchone()
    return f"{station.code.upper()}-{day:%Y%m%d}-{last:04d}"
