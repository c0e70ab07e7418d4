"""Twenty users against the deployed processes for 15 s: no error, no request lost.

Two gunicorn instances, two Celery workers and beat run as real processes on the test
database and a private redis-server (``bench/load_stack.py``); the users are
``bench/load_users.py``'s, the same as ``bench/load.py`` runs for a minute.
"""

import pytest

from bench import load_stack
from bench.load_users import OPERATIONS, load_lines, run_users
from bench.run import BENCH_ENCRYPTION_KEY
from nqi_service import encryption

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

USERS = 20
SECONDS = 15
DRAIN_SECONDS = 120
AT_LEAST = 3  # times each operation must have run, or the mix tested nothing


@pytest.fixture
def shared_encryption_key(settings):
    """Give this process the key the server processes get (they run without DEBUG)."""
    settings.FIELD_ENCRYPTION_KEYS = [BENCH_ENCRYPTION_KEY.decode()]
    encryption._fernet.cache_clear()
    yield
    encryption._fernet.cache_clear()


def test_twenty_users_for_fifteen_seconds_get_no_error_and_lose_no_request(
    transactional_db, shared_encryption_key, capsys
):
    actors = load_stack.seed()
    # Two gunicorn instances, as two web hosts, against one PostgreSQL and one Redis.
    with load_stack.running_stack(web_instances=2, web_workers=2) as (ports, redis_url):
        outcome = run_users(ports=ports, actors=actors, users=USERS, seconds=SECONDS)
        gaps, waited = load_stack.settle(
            filed=outcome.filed,
            triaged=outcome.triaged,
            redis_url=redis_url,
            seconds=DRAIN_SECONDS,
        )
    with capsys.disabled():
        lines = load_lines(outcome, users=USERS, lost=len(gaps), drain_seconds=waited)
        print("", *lines, sep="\n")

    assert outcome.errors == []
    assert gaps == {}
    assert all(len(outcome.timings[op].millis) >= AT_LEAST for op in OPERATIONS), lines
