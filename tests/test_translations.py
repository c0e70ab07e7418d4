"""Every label a user sees has a Chinese translation (zh-hans is the default)."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from enterprises import validators

PROJECT_APPS = [
    "nqi_service",
    "accounts",
    "notifications",
    "stats",
    "demo",
    "enterprises",
    "service_stations",
    "requests_app",
    "workcalendar",
    "visits",
    "instruments",
    "training",
    "catalogue",
]
HAN = re.compile(r"[\u4e00-\u9fff]")


def labels():
    for label in PROJECT_APPS:
        config = apps.get_app_config(label)
        yield f"{label} app", config.verbose_name
        for model in config.get_models():
            yield model._meta.label, model._meta.verbose_name
            yield model._meta.label, model._meta.verbose_name_plural
            for field in model._meta.get_fields():
                if not isinstance(field, models.Field) or field.auto_created:
                    continue
                yield f"{model._meta.label}.{field.name}", field.verbose_name
                for _value, choice_label in field.choices or []:
                    yield f"{model._meta.label}.{field.name} choice", choice_label


@pytest.mark.parametrize(("where", "label"), list(labels()), ids=lambda value: str(value))
def test_label_is_translated_to_chinese(where, label):
    with translation.override("zh-hans"):
        assert HAN.search(str(label)), f"{where}: {label!r} has no Chinese translation"


@pytest.mark.parametrize(
    ("validator", "bad_value"),
    [
        (validators.validate_credit_code, "91350100M000100Y4Z"),
        (validators.validate_region_code, "4201"),
        (validators.validate_region_prefix, "420"),
        (validators.validate_industry_code, "Z99"),
        (validators.validate_industry_code_list, "C17"),
    ],
)
def test_validation_messages_are_chinese(validator, bad_value):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validator(bad_value)
    assert HAN.search(error.value.messages[0])


def test_english_is_available_on_request():
    from requests_app.choices import Status

    with translation.override("en"):
        assert str(Status.TRIAGED.label) == "Triaged"
    with translation.override("zh-hans"):
        assert str(Status.TRIAGED.label) == "已受理"
