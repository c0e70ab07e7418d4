"""A page of rows renders exactly as the row serializer renders each row."""

import datetime

import pytest
from django.utils import timezone, translation
from rest_framework import serializers

from nqi_service.api.rows import RowListSerializer
from requests_app.api.serializers import TicketListSerializer
from requests_app.choices import Status, Urgency
from requests_app.models import Ticket
from service_stations.models import ServiceStation
from tests.factories import ExpertFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets():
    """Requests with and without an expert, overdue or not, paused or not, in UTC and +08:00."""
    now = timezone.now()
    expert = ExpertFactory()
    made = [
        TicketFactory(),
        TicketFactory(
            status=Status.ASSIGNED,
            urgency=Urgency.HIGH,
            assigned_expert=expert,
            due_at=now - datetime.timedelta(days=1),
        ),
        TicketFactory(status=Status.AWAITING_INFO, paused_since=now, title=""),
        TicketFactory(
            status=Status.CLOSED, created_at=now.replace(microsecond=0, tzinfo=datetime.UTC)
        ),
    ]
    return Ticket.objects.filter(pk__in=[t.pk for t in made]).order_by("pk")


class _Station(serializers.ModelSerializer):
    class Meta:
        model = ServiceStation
        fields = ["id", "code"]


class _WithFallbacks(serializers.ModelSerializer):
    """Fields the renderer does not compile: a path, a nested record, a plain datetime."""

    enterprise_name = serializers.CharField(source="enterprise.name")
    station_text = serializers.CharField(source="station")  # the station's str(), not its id
    station_detail = _Station(source="station")
    paused = serializers.DateTimeField(source="paused_since", format="%Y-%m-%d %H:%M")

    class Meta:
        model = Ticket
        fields = [
            "id",
            "enterprise_name",
            "station_detail",
            "station_text",
            "paused",
            "paused_since",
            "status",
        ]
        list_serializer_class = RowListSerializer


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC"])
@pytest.mark.parametrize("serializer_class", [TicketListSerializer, _WithFallbacks])
def test_a_page_renders_each_row_as_the_serializer_does(tickets, language, zone, serializer_class):
    with translation.override(language), timezone.override(zone):
        one_by_one = [serializer_class(ticket).data for ticket in tickets]
        page = serializer_class(tickets, many=True).data

    assert isinstance(serializer_class(tickets, many=True), RowListSerializer)
    assert page == one_by_one
    assert len(page) == 4
