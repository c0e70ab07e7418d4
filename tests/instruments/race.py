"""Many firms pressing "book" at the same instant, each in its own thread and connection.

Used by the PostgreSQL race tests and, through ``tests.sqlite_race``, on a
file-based SQLite database (the embedded mode's serialised path).
"""

import threading

from django.db import connection

from tests.api_support import token_client
from tests.factories import EnterpriseMembershipFactory

FIRMS = 20


def firms(count: int = FIRMS) -> list:
    """Return the logins of ``count`` firms, one each."""
    return [
        EnterpriseMembershipFactory(
            user__username=f"race-firm-{i}", enterprise__name=f"烟台竞速企业{i}"
        ).user
        for i in range(count)
    ]


def book_at_once(users, instrument, ranges) -> list[tuple[int, dict]]:
    """Let each user book its range of ``instrument`` at the same instant; return the answers."""
    barrier = threading.Barrier(len(users))
    answers: list = [None] * len(users)

    def press(i: int) -> None:
        try:
            client = token_client(users[i])
            starts_at, ends_at = ranges[i]
            body = {
                "instrument": instrument.pk,
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
                "mode": "self_service",
                "purpose": "并发预约",
            }
            barrier.wait(timeout=60)
            response = client.post("/api/v1/bookings/", body, format="json")
            answers[i] = (response.status_code, response.json())
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(i,)) for i in range(len(users))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def sqlite_scenario() -> dict:
    """Race the firms for one slot of a new instrument (``tests.sqlite_race``)."""
    from tests.instruments.factories import InstrumentFactory, at, working_day

    instrument = InstrumentFactory()
    users = firms()
    day = working_day()
    return {"answers": book_at_once(users, instrument, [(at(day, 9), at(day, 11))] * len(users))}
