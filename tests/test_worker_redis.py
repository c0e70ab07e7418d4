"""Each pytest-xdist worker's Redis database, counted down from REDIS_URL's."""

import pytest

from tests.worker_redis import worker_redis_url


@pytest.mark.parametrize(
    ("worker", "url"),
    [
        ("gw0", "redis://127.0.0.1:6379/15"),
        ("gw1", "redis://127.0.0.1:6379/14"),
        ("gw15", "redis://127.0.0.1:6379/0"),
    ],
)
def test_worker_n_uses_the_database_n_below_the_base(worker, url):
    assert worker_redis_url("redis://127.0.0.1:6379/15", worker) == url


def test_credentials_and_options_are_kept():
    base = "redis://:secret@cache.example.cn:6380/12?socket_timeout=2"
    assert (
        worker_redis_url(base, "gw2") == "redis://:secret@cache.example.cn:6380/10?socket_timeout=2"
    )


def test_a_url_without_a_database_is_database_0():
    assert worker_redis_url("redis://127.0.0.1:6379", "gw0") == "redis://127.0.0.1:6379/0"


def test_more_workers_than_databases_below_the_base_is_a_usage_error():
    with pytest.raises(pytest.UsageError, match="gw3 would need Redis database -1"):
        worker_redis_url("redis://127.0.0.1:6379/2", "gw3")
