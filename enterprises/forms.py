"""Admin forms that check typed codes as the API does (``enterprises.api.fields``)."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError


class CheckedCodesForm(forms.ModelForm):
    """Run ``code_checks[field]`` on each listed field the form changes; a value
    left as stored is not checked again."""

    code_checks: dict[str, Callable[[str], None]] = {}

    def clean(self):
        cleaned = super().clean()
        for name, check in self.code_checks.items():
            if name in self.changed_data and cleaned.get(name):
                try:
                    check(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned
