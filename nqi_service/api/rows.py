"""Render the rows of a list through the row serializer's own fields, compiled once a page.

DRF renders each value of each row through generic machinery: the field's
source path, a check for ``None``, and per value the active time zone or
language. For a page of fifty rows that is most of the request. Here the
fields are compiled once per page into one step each: a plain attribute read
and a conversion for the common read-only kinds, the field's own
``get_attribute``/``to_representation`` for any other. The serializer stays
the one definition of a row (and of the schema); tests compare both paths.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from rest_framework import ISO_8601, fields, relations, serializers
from rest_framework.settings import api_settings

from nqi_service.api.fields import ChoiceLabelField


def _plain_attribute(field: fields.Field, model) -> str | None:
    """Return the attribute ``field`` reads on ``model`` rows if it is one plain column."""
    if model is None or len(field.source_attrs) != 1:
        return None
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:  # a property or a method
        return None
    if not model_field.concrete:
        return None
    if model_field.is_relation and not isinstance(field, relations.PrimaryKeyRelatedField):
        return None  # DRF renders the related object itself, not its id
    return model_field.attname


def _datetime_conversion(field: fields.DateTimeField):
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if zone is None or not isinstance(output_format, str) or output_format.lower() != ISO_8601:
        return field.to_representation

    def convert(value):
        if isinstance(value, str) or timezone.is_naive(value):
            return field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return convert


def _conversion(field: fields.Field):
    """Return what turns a column value into the field's output (never given None)."""
    if isinstance(field, ChoiceLabelField):
        return field.labels().__getitem__
    if isinstance(field, relations.PrimaryKeyRelatedField) and field.pk_field is None:
        return None
    if isinstance(field, fields.DateTimeField):
        return _datetime_conversion(field)
    if isinstance(field, fields.ChoiceField):
        choices = field.choice_strings_to_values
        return lambda value: value if value == "" else choices.get(str(value), value)
    if type(field) in (fields.CharField, fields.IntegerField):
        return field.to_representation
    return False


def _step(field: fields.Field, model):
    """Return ``row -> value`` for ``field``; it may raise SkipField, as DRF's fields do."""
    if isinstance(field, fields.SerializerMethodField):
        return getattr(field.parent, field.method_name)
    conversion = _conversion(field)
    attribute = _plain_attribute(field, model) if conversion is not False else None
    if attribute is None:
        return lambda row: _rendered(field, field.get_attribute(row))
    if conversion is None:
        return lambda row: getattr(row, attribute)

    def step(row):
        value = getattr(row, attribute)
        return None if value is None else conversion(value)

    return step


def _rendered(field: fields.Field, attribute):
    """What ``Serializer.to_representation`` makes of one attribute."""
    pk = attribute.pk if isinstance(attribute, relations.PKOnlyObject) else attribute
    return None if pk is None else field.to_representation(attribute)


def compile_rows(serializer: serializers.Serializer):
    """Return ``row -> dict`` rendering a row as ``serializer`` does."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    steps = [(field.field_name, _step(field, model)) for field in serializer._readable_fields]

    def render(row) -> dict:
        rendered = {}
        for name, step in steps:
            try:
                rendered[name] = step(row)
            except fields.SkipField:
                continue
        return rendered

    return render


class RowListSerializer(serializers.ListSerializer):
    """Render many rows with the child's fields compiled once (``compile_rows``)."""

    def to_representation(self, data):
        rows = data.all() if isinstance(data, models.manager.BaseManager) else data
        render = compile_rows(self.child)
        return [render(row) for row in rows]
