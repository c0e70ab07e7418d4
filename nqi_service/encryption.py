"""Encryption at rest for personal data (PIPL), e.g. enterprises' contact phones.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256). ``FIELD_ENCRYPTION_KEYS``
lists keys, newest first: new values use the first; every listed key still
decrypts, so keys rotate by prepending a new key, running
``manage.py rotate_encryption_keys`` and then dropping the old key.
"""

import base64
import functools
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


@functools.cache
def _fernet() -> MultiFernet:
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        # Development only (settings refuse an empty list without DEBUG): a key
        # derived from the secret key.
        digest = hashlib.sha256(settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(value: str) -> str:
    return PREFIX + _fernet().encrypt(value.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption was enabled
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted value matches none of FIELD_ENCRYPTION_KEYS."
        ) from error


def rotate(stored: str) -> str:
    """Return ``stored`` re-encrypted with the newest key."""
    return encrypt(decrypt(stored))


class EncryptedCharField(models.TextField):
    """A string stored encrypted; Python code sees the plain value.

    Encrypted values can't be searched or compared in SQL.
    """

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else encrypt(value)


def mask_phone(phone: str) -> str:
    """Return ``phone`` with most of it hidden.

    A mobile number (11 characters or more) keeps its first three and last
    four: 138****1234. A shorter one (a landline without its area code) keeps
    only its last two, so that most of its digits stay hidden; below seven
    characters nothing shows.
    """
    if len(phone) >= 11:
        return f"{phone[:3]}****{phone[-4:]}"
    if len(phone) >= 7:
        return "*" * (len(phone) - 2) + phone[-2:]
    return "*" * len(phone)
