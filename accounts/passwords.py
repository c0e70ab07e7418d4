"""Password rules: Django's, with every message in the users' language."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with its message from a catalogue that translates it.

    Django 5.2.19 changed the message's text (``%d`` for ``%(min_length)d``)
    without its translations, so Chinese users read it in English. This is
    the text every catalogue, ours included, translates.
    """

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
