"""Input and output of the catalogue: services, diagnosis reports, the service statistics."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.reverse import reverse

from catalogue.choices import ServiceKind, Severity
from catalogue.models import (
    MAX_WORKING_DAYS,
    DiagnosisReport,
    ReportFinding,
    ReportRecommendation,
    Service,
)
from nqi_service.api.fields import ChoiceLabelField
from requests_app.choices import Category, Urgency
from service_stations.models import ServiceStation
from stats.api.serializers import StatsQuerySerializer

TEXT_MAX_LENGTH = 2000
REPORT_MAX_ITEMS = 50


class ServiceSerializer(serializers.ModelSerializer):
    element_label = ChoiceLabelField(Category, source="element")
    kind_label = ChoiceLabelField(ServiceKind, source="kind")
    working_days = serializers.IntegerField(min_value=1, max_value=MAX_WORKING_DAYS)
    fee = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal(0), required=False, allow_null=True
    )
    stations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ServiceStation.objects.all(), allow_empty=False
    )

    class Meta:
        model = Service
        fields = [
            "id",
            "code",
            "name",
            "element",
            "element_label",
            "kind",
            "kind_label",
            "description",
            "working_days",
            "fee",
            "stations",
        ]


class ServiceBrief(serializers.ModelSerializer):
    """A service as a request shows it beside its id."""

    class Meta:
        model = Service
        fields = ["id", "code", "name", "kind", "working_days"]


# The report a diagnosis request is resolved with (API.md "Diagnosis").


class ReportFindingBody(serializers.Serializer):
    area = serializers.CharField(max_length=100)
    severity = serializers.ChoiceField(choices=Severity.choices)
    evidence = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class ReportRecommendationBody(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    file = serializers.BooleanField(
        default=False, help_text=_("File the recommendation as a follow-up request.")
    )
    category = serializers.ChoiceField(
        choices=Category.choices,
        required=False,
        help_text=_("The follow-up's category; by default the service's or the diagnosis's."),
    )
    service = serializers.PrimaryKeyRelatedField(
        queryset=Service.objects.all(),
        required=False,
        help_text=_("A catalogue service the follow-up asks for."),
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)


class ReportBody(serializers.Serializer):
    findings = ReportFindingBody(many=True, allow_empty=False, max_length=REPORT_MAX_ITEMS)
    recommendations = ReportRecommendationBody(
        many=True, allow_empty=False, max_length=REPORT_MAX_ITEMS
    )


class ReportFindingSerializer(serializers.ModelSerializer):
    severity_label = ChoiceLabelField(Severity, source="severity")

    class Meta:
        model = ReportFinding
        fields = ["area", "severity", "severity_label", "evidence"]


class ReportRecommendationSerializer(serializers.ModelSerializer):
    ticket = serializers.PrimaryKeyRelatedField(source="follow_up", read_only=True)

    class Meta:
        model = ReportRecommendation
        fields = ["text", "ticket"]


class ReportSerializer(serializers.ModelSerializer):
    findings = ReportFindingSerializer(many=True, read_only=True)
    recommendations = ReportRecommendationSerializer(many=True, read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = DiagnosisReport
        fields = ["id", "written_by", "created_at", "findings", "recommendations", "pdf_url"]
        read_only_fields = fields

    def get_pdf_url(self, report: DiagnosisReport) -> str:
        return reverse(
            "ticket-report-pdf",
            kwargs={"pk": report.ticket_id},
            request=self.context.get("request"),
        )


class ServiceFiguresSerializer(serializers.Serializer):
    """One row of ``/stats/services/``: a service in scope and the experts who could take it."""

    service = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    element = serializers.CharField()
    kind = serializers.CharField()
    stations = serializers.ListField(child=serializers.IntegerField())
    eligible_experts = serializers.IntegerField(
        help_text=_(
            "Experts automatic assignment would consider today: available, not on leave, "
            "qualified for the element."
        )
    )
    free_experts = serializers.IntegerField(help_text=_("Of those, the ones below capacity."))


class ServiceStatsQuerySerializer(StatsQuerySerializer):
    """The filters of the service figures: scope, element (``category``) and kind. The
    figures are today's, so the period filters do not apply."""

    date_from = None
    date_to = None
    kind = serializers.ChoiceField(choices=ServiceKind.choices, required=False, label=_("Kind"))
