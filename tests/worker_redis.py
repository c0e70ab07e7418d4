"""Give each pytest-xdist worker a Redis database of its own.

Loaded as a plugin (``-p tests.worker_redis`` in pyproject's addopts, so run
pytest as ``python -m pytest``) because pytest-django reads the settings, and
with them REDIS_URL, before any conftest. PostgreSQL needs nothing here:
pytest-django already names each worker's test database ``test_<name>_gwN``.

Worker ``gwN`` uses database ``base - N`` of REDIS_URL's server, ``base``
being the database REDIS_URL names (CI's 15 gives 15, 14, ...): counting down
keeps the default base away from database 0, where a development stack
usually lives. A whole database, rather than a key prefix, separates
everything without the code knowing: Celery's queues and its control pings
(kombu prefixes those channels with the database number), the cache and the
throttle counts; the Celery workers and beat a test starts inherit the URL.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest


def worker_redis_url(base_url: str, worker: str) -> str:
    """Return the URL of worker ``worker``'s (``gwN``) database below ``base_url``'s."""
    parts = urlsplit(base_url)
    base = int(parts.path.strip("/") or 0)
    database = base - int(worker.removeprefix("gw"))
    if database < 0:
        raise pytest.UsageError(
            f"pytest-xdist worker {worker} would need Redis database {database} "
            f"below REDIS_URL's {base}: point REDIS_URL at a higher database "
            "or run fewer workers (-n)."
        )
    return urlunsplit(parts._replace(path=f"/{database}"))


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base_url = os.environ.get("REDIS_URL")
    if worker and base_url:
        os.environ["REDIS_URL"] = worker_redis_url(base_url, worker)
