"""gunicorn settings, read from the environment (gunicorn loads this file by default)."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = "-"


def post_worker_init(worker):
    """Cancel a web request's statements that run past DB_STATEMENT_TIMEOUT (503), so a
    slow query never reaches ``timeout`` and gets the worker killed."""
    from nqi_service.statement_timeout import limit_web_statements

    limit_web_statements()
