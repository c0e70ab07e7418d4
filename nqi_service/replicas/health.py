"""Whether each replica answers and how far its replay lags the primary.

Each process asks a replica at most every ``REPLICA_CHECK_SECONDS`` (one
query on the replica's own connection) and keeps the answer; a request that
finds a replica failing marks it down until the next check. ``/healthz`` asks
afresh.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import Error, connections

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "down"
LAGGING = "lagging"
NOT_STANDBY = "not_standby"

# The lag is 0 while the standby streams from the primary and has replayed all
# it received (an idle primary sends nothing, so the last replayed commit may
# be old); otherwise the age of the last commit it replayed, which
# overstates the lag rather than understates it. A server not in recovery is
# no standby (a promoted one, or a primary's URL given by mistake).
LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                 AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0
            ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())
       END
"""


@dataclass(frozen=True)
class ReplicaState:
    status: str
    lag_seconds: float | None
    checked_at: float  # time.monotonic()

    def as_json(self) -> dict:
        return {"status": self.status, "lag_seconds": self.lag_seconds}


_states: dict[str, ReplicaState] = {}


def judge(*, in_recovery: bool, lag_seconds: float | None) -> str:
    """Return the status of a replica that answered, from its recovery flag and lag."""
    if not in_recovery:
        return NOT_STANDBY
    if lag_seconds is None or lag_seconds > settings.REPLICA_MAX_LAG_SECONDS:
        return LAGGING
    return OK


def check(alias: str) -> ReplicaState:
    """Ask the replica ``alias`` now; remember and return its state."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            in_recovery, lag = cursor.fetchone()
    except Error as error:
        connection.close()  # the next check connects afresh
        lag, status, detail = None, DOWN, error
    else:
        lag = None if lag is None else round(float(lag), 3)
        status = judge(in_recovery=in_recovery, lag_seconds=lag)
        detail = f"lag {lag} s"
    if status != OK:
        logger.warning("Replica %s is %s (%s); the primary serves.", alias, status, detail)
    state = ReplicaState(status, lag, time.monotonic())
    _states[alias] = state
    return state


def usable_replicas() -> list[str]:
    """Return the replicas that were up and near enough at their last check,
    checking those whose answer is older than ``REPLICA_CHECK_SECONDS``."""
    now = time.monotonic()
    usable = []
    for alias in settings.REPLICA_DATABASES:
        state = _states.get(alias)
        if state is None or now - state.checked_at >= settings.REPLICA_CHECK_SECONDS:
            state = check(alias)
        if state.status == OK:
            usable.append(alias)
    return usable


def mark_down(alias: str) -> None:
    """Pass over ``alias`` until its next check: a query on it failed."""
    _states[alias] = ReplicaState(DOWN, None, time.monotonic())
    connections[alias].close()


def statuses() -> dict[str, dict]:
    """Return each replica's state, asked now (for ``/healthz``)."""
    return {alias: check(alias).as_json() for alias in settings.REPLICA_DATABASES}


def forget() -> None:
    """Drop every remembered state (tests)."""
    _states.clear()
