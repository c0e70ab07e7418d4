"""Give every request an id, echo it in ``X-Request-ID`` and add it to every log record.

A proxy's id is kept when it looks like one; otherwise a new one is made.
"""

import contextvars
import logging
import re
import uuid

_request_id = contextvars.ContextVar("request_id", default="-")
ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_id_middleware(get_response):
    def middleware(request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if ACCEPTED_ID.match(incoming) else uuid.uuid4().hex
        # Not reset on the way out: Django logs 4xx/5xx responses after the
        # middleware chain returns, and those lines need the id too.
        _request_id.set(request_id)
        response = get_response(request)
        response["X-Request-ID"] = request_id
        return response

    return middleware


class RequestIdFilter(logging.Filter):
    """Put the current request's id (``-`` outside requests) on the record."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


def current_request_id() -> str:
    """Return the id of the request being served, or ``""`` outside requests."""
    request_id = _request_id.get()
    return "" if request_id == "-" else request_id
