"""Usernames that look alike are one name.

A username is stored in Unicode NFKC form (fullwidth ``ｄｅｍｏ`` is ``demo``),
compared without regard to case (``DEMO_ADMIN`` is ``demo_admin``; the
database holds a unique index on its lower case, ``nqi_service`` migration
0003), and refused when it mixes scripts with characters that pass for
another script's (``demo_admіn`` with a Cyrillic і). Han mixed with Latin is
allowed: Chinese users write names such as ``王磊abc``.
"""

import unicodedata

from confusable_homoglyphs import confusables
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Scripts whose own characters are never taken for impostors of each other.
TRUSTED_SCRIPTS = ["latin", "han"]

TAKEN_MESSAGE = _("A user with that username already exists.")


def username_normalise(username: str) -> str:
    """Return ``username`` in NFKC form, as it is stored and looked up."""
    return unicodedata.normalize("NFKC", username)


def username_clash_key(username: str) -> str:
    """Return what two usernames share when they are one name."""
    return username_normalise(username).casefold()


def validate_username_script(username: str) -> None:
    """Refuse a username mixing scripts with look-alike characters."""
    if confusables.is_dangerous(username, preferred_aliases=TRUSTED_SCRIPTS):
        raise ValidationError(
            _("This username mixes look-alike characters of different scripts."),
            code="confusable",
        )


def username_taken(username: str) -> bool:
    """Return whether a login already holds ``username`` in any case."""
    return get_user_model().objects.filter(username__iexact=username_normalise(username)).exists()


class CaseInsensitiveBackend(ModelBackend):
    """Log in with the username in any case or width: ``DEMO_ADMIN`` is ``demo_admin``.

    An exact match wins where accounts from before the rule share a name
    (the migration reports those).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        username = username_normalise(username)
        candidates = list(User._default_manager.filter(username__iexact=username))
        if len(candidates) > 1:
            candidates = [user for user in candidates if user.username == username]
        if len(candidates) != 1:
            # Spend the time a password check takes, as Django's backend does.
            User().set_password(password)
            return None
        user = candidates[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
