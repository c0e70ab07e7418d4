"""``Idempotency-Key`` on POST: filing twice is filing once (API.md "Hardening").

The first request with a key claims it (a row the database allows once per
caller and key), runs, and stores its answer; a retry with the same key and
body within ``IDEMPOTENCY_KEY_TTL`` gets that answer again, status and body,
without running. The same key with another body (or another endpoint) is a
422 ``idempotency_key_reused``; while the first still runs, a 409
``idempotency_key_in_use``.

What is stored: every answer below 500, the 4xx included (a retry of an
invalid request is just as invalid). A 5xx, or an error no handler answered,
releases the key, so the client may retry. A claim still running after
``IDEMPOTENCY_KEY_ABANDONED_AFTER`` is taken to have died with its process
and may be claimed again. The caller is the login; on registration, which
has none, the username asked for. A POST without a caller ignores the key.
"""

import hashlib
import json

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import APIException, ValidationError

from accounts.usernames import username_clash_key
from nqi_service.errors import DomainConflict
from nqi_service.models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


class IdempotencyKeyReused(APIException):
    status_code = 422
    default_detail = _("This Idempotency-Key was used for a different request.")
    default_code = "idempotency_key_reused"

    def __init__(self):
        super().__init__({"detail": self.default_detail, "code": self.default_code})


class IdempotencyKeyInUse(DomainConflict):
    code = "idempotency_key_in_use"

    def __init__(self):
        super().__init__(_("A request with this Idempotency-Key is still being processed."))


class _Replay(Exception):
    """The key's first answer, to be sent again instead of running the view."""

    def __init__(self, earlier: IdempotencyKey):
        self.response = HttpResponse(
            earlier.body, status=earlier.status_code, content_type=earlier.content_type
        )


def _canonical(value):
    """Return ``value`` (parsed request data) as plain JSON, files by their content hash."""
    if isinstance(value, UploadedFile):
        digest = hashlib.sha256()
        for chunk in value.chunks():
            digest.update(chunk)
        value.seek(0)
        return {"file": value.name, "sha256": digest.hexdigest()}
    if isinstance(value, MultiValueDict):
        return {key: [_canonical(v) for v in values] for key, values in value.lists()}
    if isinstance(value, dict):
        return {str(key): _canonical(v) for key, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def request_fingerprint(request) -> str:
    """Return a keyed hash of the method, path and body (never the body's text, which
    may hold a password)."""
    body = json.dumps(_canonical(request.data), sort_keys=True, default=str)
    message = f"{request.method} {request.path}\n{body}"
    return salted_hmac("nqi_service.idempotency", message, algorithm="sha256").hexdigest()


def key_claim(*, caller: dict, key: str, fingerprint: str) -> IdempotencyKey:
    """Claim ``key`` for ``caller``, or raise what its earlier use calls for."""
    now = timezone.now()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return IdempotencyKey.objects.create(
                    **caller, key=key, fingerprint=fingerprint, created_at=now
                )
        except IntegrityError:
            earlier = IdempotencyKey.objects.filter(**caller, key=key).first()
        if earlier is None:
            continue  # released meanwhile
        expired = earlier.created_at < now - settings.IDEMPOTENCY_KEY_TTL
        abandoned = earlier.status_code is None and (
            earlier.created_at < now - settings.IDEMPOTENCY_KEY_ABANDONED_AFTER
        )
        if expired or abandoned:
            IdempotencyKey.objects.filter(pk=earlier.pk, created_at=earlier.created_at).delete()
            continue
        if earlier.fingerprint != fingerprint:
            raise IdempotencyKeyReused()
        if earlier.status_code is None:
            raise IdempotencyKeyInUse()
        raise _Replay(earlier)
    raise IdempotencyKeyInUse()


def keys_purge(*, now=None) -> int:
    """Delete the keys older than ``IDEMPOTENCY_KEY_TTL``; return how many."""
    now = now or timezone.now()
    deleted, _by_model = IdempotencyKey.objects.filter(
        created_at__lt=now - settings.IDEMPOTENCY_KEY_TTL
    ).delete()
    return deleted


class IdempotentPostMixin:
    """Honour ``Idempotency-Key`` on the view's POSTs; for every API view that creates.

    The key is looked at after authentication, permissions and throttles, so
    401, 403 and 429 are never stored. ``idempotency_scope_field`` names the
    body field that stands for the caller where there is no login yet.
    """

    idempotency_scope_field: str | None = None
    idempotency_claim: IdempotencyKey | None = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        key = request.headers.get(HEADER)
        if request.method != "POST" or key is None:
            return
        if not 0 < len(key) <= MAX_KEY_LENGTH:
            raise ValidationError(
                {HEADER: [_("Give a key of 1 to %(max)d characters.") % {"max": MAX_KEY_LENGTH}]}
            )
        caller = self._idempotency_caller(request)
        if caller is not None:
            self.idempotency_claim = key_claim(
                caller=caller, key=key, fingerprint=request_fingerprint(request)
            )

    def _idempotency_caller(self, request) -> dict | None:
        if self.idempotency_scope_field is not None:
            data = request.data
            value = data.get(self.idempotency_scope_field) if isinstance(data, dict) else None
            return (
                {"username": username_clash_key(value)}
                if isinstance(value, str) and value
                else None
            )
        if request.user.is_authenticated:
            return {"user": request.user}
        return None

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        claim, self.idempotency_claim = self.idempotency_claim, None
        if claim is None:
            return response
        if response.status_code >= 500 or response.streaming:
            claim.delete()
            return response
        if hasattr(response, "render"):
            response.render()
        IdempotencyKey.objects.filter(pk=claim.pk).update(
            status_code=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=response.content.decode(response.charset or "utf-8"),
        )
        return response

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            # Still claimed: an error that no handler answered (a 500). Let go.
            if self.idempotency_claim is not None:
                self.idempotency_claim.delete()
                self.idempotency_claim = None
