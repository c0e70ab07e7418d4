"""Serializers that map their model fields once per class and bind copies per use."""

import pytest
from rest_framework import serializers

from nqi_service.api.serializers import FieldsBuiltOnceMixin
from requests_app.models import Ticket
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_model_fields_are_mapped_once_per_class_and_each_use_binds_its_own(monkeypatch):
    class Brief(FieldsBuiltOnceMixin, serializers.ModelSerializer):
        class Meta:
            model = Ticket
            fields = ["id", "title", "status", "station"]

    mapped = []
    original = serializers.ModelSerializer.get_fields
    monkeypatch.setattr(
        serializers.ModelSerializer,
        "get_fields",
        lambda self: mapped.append(type(self)) or original(self),
    )
    first, second = TicketFactory(title="甲"), TicketFactory(title="乙")

    one, two = Brief(first), Brief(second)

    assert (one.data["title"], two.data["title"]) == ("甲", "乙")
    assert two.data == {
        "id": second.pk,
        "title": "乙",
        "status": second.status,
        "station": second.station_id,
    }
    assert mapped == [Brief]
    assert one.fields["title"] is not two.fields["title"]
    assert (one.fields["title"].parent, two.fields["title"].parent) == (one, two)
