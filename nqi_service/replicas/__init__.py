"""Reads from PostgreSQL streaming replicas, writes to the primary.

With ``DATABASE_REPLICA_URLS`` set, the GET and HEAD of the views that only
read (lists, details, statistics, the dashboard, exports) may run their queries
on a replica chosen per request; everything else stays on the primary:
writes, row locks, transactions, Celery tasks, management commands and
migrations. A caller who wrote within ``REPLICA_READ_YOUR_WRITES_SECONDS``
reads from the primary; a replica that is down or lags by more than
``REPLICA_MAX_LAG_SECONDS`` is passed over. Without the variable none of
this is installed.

- ``config``: the replicas' database settings, built from the URLs.
- ``routing``: the request's choice of replica and the database router.
- ``health``: whether each replica answers and how far it lags, cached.
- ``recent_writes``: who wrote a moment ago (read-your-writes).
- ``views``: the mixin and decorator that let a view read from a replica.
"""
