"""Serializer fields for the codes users type: checked in full on input, but a
value the object already has is left alone, so a code that was valid when
stored stays valid after a newer reference table drops it."""

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from enterprises.validators import (
    check_credit_code,
    check_industry_code,
    check_region_code,
    check_region_prefix,
)


def stored_value(field: serializers.Field):
    """Return what the serializer's instance holds for ``field``, or None."""
    instance = getattr(field.parent, "instance", None)
    return getattr(instance, field.source, None) if instance is not None else None


class CheckedCodeField(serializers.CharField):
    """A code run through ``check`` whenever it differs from the stored value."""

    check: Callable[[str], None]

    def run_validators(self, value):
        super().run_validators(value)
        if value != stored_value(self):
            try:
                self.check(value)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from None


class RegionCodeField(CheckedCodeField):
    check = staticmethod(check_region_code)


class RegionPrefixField(CheckedCodeField):
    check = staticmethod(check_region_prefix)


class IndustryCodeField(CheckedCodeField):
    check = staticmethod(check_industry_code)


class CreditCodeField(CheckedCodeField):
    """A unified social credit code; typed lower case, it is stored upper case."""

    check = staticmethod(check_credit_code)

    def to_internal_value(self, data):
        return super().to_internal_value(data).upper()


class IndustryCodeListField(serializers.ListField):
    """GB/T 4754 codes; the ones not already in the stored list are checked."""

    child = serializers.CharField(max_length=5)

    def run_validators(self, value):
        super().run_validators(value)
        stored = set(stored_value(self) or ())
        messages = {}
        for index, code in enumerate(value):
            if code in stored:
                continue
            try:
                check_industry_code(code)
            except DjangoValidationError as error:
                messages[index] = error.messages
        if messages:
            raise serializers.ValidationError(messages)
