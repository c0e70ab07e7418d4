"""Database settings of the read replicas, built from ``DATABASE_REPLICA_URLS``.

Imported by the settings module, so it needs nothing of Django's but the URL parser.
"""

import environ
from django.core.exceptions import ImproperlyConfigured

# libpq's smallest connect timeout: a replica that is down is known within it.
CONNECT_TIMEOUT_SECONDS = 2


def replica_databases(urls: list[str], primary: dict) -> dict[str, dict]:
    """Return ``DATABASES`` entries ``replica1``, ``replica2``, ... for ``urls``.

    Each keeps the primary's connection settings (kept connections, health
    checks, driver options) and is, in tests, a mirror of the primary: the
    test database is created once, on the primary, and replicas are never
    written to.
    """
    databases = {}
    for number, url in enumerate(filter(None, (url.strip() for url in urls)), start=1):
        replica = environ.Env.db_url_config(url)
        if replica["ENGINE"] != "django.db.backends.postgresql":
            raise ImproperlyConfigured(
                "DATABASE_REPLICA_URLS takes PostgreSQL URLs (streaming replicas) only."
            )
        if primary["ENGINE"] != replica["ENGINE"]:
            raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs a PostgreSQL primary.")
        options = {
            **primary.get("OPTIONS", {}),
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            **replica.get("OPTIONS", {}),
        }
        databases[f"replica{number}"] = {
            **replica,
            "OPTIONS": options,
            "CONN_MAX_AGE": primary["CONN_MAX_AGE"],
            "CONN_HEALTH_CHECKS": primary["CONN_HEALTH_CHECKS"],
            "TEST": {"MIRROR": "default"},
        }
    return databases
