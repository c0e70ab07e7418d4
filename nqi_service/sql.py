"""Helpers for the few statements written as SQL, where compiling through the ORM cost more
than running them (the caller with the token, routing, the reference counter)."""

from django.db import connection


def table(model) -> str:
    """Return the quoted name of ``model``'s table."""
    return connection.ops.quote_name(model._meta.db_table)


def sqlstate(exc: BaseException) -> str | None:
    """Return the PostgreSQL error code behind Django's ``exc``, whichever driver raised it
    (psycopg 3 names it ``sqlstate``, psycopg2 ``pgcode``)."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
