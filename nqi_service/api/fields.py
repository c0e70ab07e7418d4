"""Serializer fields shared by the apps' APIs."""

import functools

from django.db import models
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from requests_app.choices import Category


class CategoryRowsField(serializers.ListField):
    """Request categories kept as one row per category (station services, expert
    specialties): read from the related rows, written as a list of codes."""

    child = serializers.ChoiceField(choices=Category.choices)

    def to_representation(self, rows):
        held = {row.category for row in rows.all()}
        return [code for code in Category.values if code in held]

    def to_internal_value(self, data):
        return sorted(set(super().to_internal_value(data)), key=Category.values.index)


@functools.cache
def _labels(choices: type[models.Choices], language: str | None) -> dict[str, str]:
    return {code: str(label) for code, label in choices.choices}


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice code in the active language, e.g. ``source="status"``.

    Labels are translated once per language and looked up per row:
    ``get_FOO_display()`` translates every choice again on each call.
    """

    def __init__(self, choices: type[models.Choices], **kwargs):
        self.choices = choices
        super().__init__(read_only=True, **kwargs)

    def labels(self) -> dict[str, str]:
        """Return each code's label in the active language."""
        return _labels(self.choices, get_language())

    def to_representation(self, code: str) -> str:
        return self.labels()[code]
