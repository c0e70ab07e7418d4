"""Serializer machinery shared by the apps' APIs."""

import copy


class FieldsBuiltOnceMixin:
    """Build a ModelSerializer's fields from its ``Meta`` once per class, then copy them.

    ``ModelSerializer`` maps every model field to a serializer field (kwargs,
    validators, translated labels) on each use: for a detail that was a third
    of the request. The mapping depends only on the class, so it is kept and
    each use gets a shallow copy of each field, which binding to the new
    serializer then makes its own (name, parent, source path). Only for
    read-only serializers whose fields don't depend on the request or the
    instance: the copies share their choices and validators.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()
            cls._fields_built_once = built
        return {name: copy.copy(field) for name, field in built.items()}
