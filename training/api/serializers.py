"""Input and output of the training endpoints."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from service_stations.api.cooperative_serializers import JoinBody
from training.models import Certificate, Course, Enrolment, Session


class CourseSerializer(serializers.ModelSerializer):
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=Decimal("0.5"))

    class Meta:
        model = Course
        fields = ["id", "title", "element", "hours", "station", "description"]


class SessionSerializer(serializers.ModelSerializer):
    seats = serializers.IntegerField(min_value=1, max_value=10_000)
    seats_left = serializers.SerializerMethodField()
    waiting = serializers.IntegerField(read_only=True)

    class Meta:
        model = Session
        fields = ["id", "starts_at", "ends_at", "place", "seats", "seats_left", "waiting"]

    def get_seats_left(self, session) -> int:
        return max(session.seats - session.seats_taken, 0)


class EnrolBody(JoinBody):
    """The enterprise (optional for a member of one) and the named employee."""

    attendee_name = serializers.CharField(max_length=100)
    attendee_phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default=""
    )

    def validate(self, attrs):
        return {**attrs, **super().validate(attrs)}


class EnrolledSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enrolment
        fields = ["id", "status"]


class EnrolmentSerializer(serializers.ModelSerializer):
    certificate = serializers.SerializerMethodField()

    class Meta:
        model = Enrolment
        fields = ["id", "session", "enterprise", "attendee_name", "status", "certificate"]

    def get_certificate(self, enrolment) -> str | None:
        certificate = getattr(enrolment, "certificate", None)
        return certificate.number if certificate else None


class RequiredBooleanField(serializers.BooleanField):
    """A boolean that a form must give too (a form's missing field is not ``False``)."""

    default_empty_html = serializers.empty


class AttendanceBody(serializers.Serializer):
    attended = RequiredBooleanField(
        error_messages={"required": _("Say whether the attendee came.")}
    )


def masked(name: str) -> str:
    """Return the first character of ``name`` followed by one * for each other."""
    return name[:1] + "*" * (len(name) - 1)


class CertificateSerializer(serializers.ModelSerializer):
    course = serializers.CharField(source="enrolment.session.course.title")
    attendee = serializers.SerializerMethodField()
    station = serializers.CharField(source="enrolment.session.course.station.name")

    class Meta:
        model = Certificate
        fields = ["number", "course", "attendee", "completed_on", "station"]

    def get_attendee(self, certificate) -> str:
        return masked(certificate.enrolment.attendee_name)
