"""Serializer fields shared by the apps' APIs."""

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
