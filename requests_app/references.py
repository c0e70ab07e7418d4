"""Human-readable request references: ``<STATION CODE>-<YYYYMMDD>-<NNNN>``.

For example ``WH-DAIJIASHAN-20260925-0001``: the station's code in capitals,
the filing date in Asia/Shanghai and the station's sequence number of that day
(four digits, more when a station files more than 9,999 requests a day).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from requests_app.models import ReferenceCounter
from service_stations.models import ServiceStation


def next_reference(*, station: ServiceStation, at: datetime.datetime) -> str:
    """Return a new reference for a request filed at ``station`` at ``at``.

    Called inside the filing transaction, the day's counter row stays locked
    until that commits, so concurrent filings at one station are numbered one
    after the other and a rolled-back filing gives its number back. No
    savepoint of its own: a failure here fails the filing.
    """
    day = timezone.localdate(at)
    with transaction.atomic(savepoint=False):
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
            station=station, day=day
        )
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{station.code.upper()}-{day:%Y%m%d}-{counter.last:04d}"
