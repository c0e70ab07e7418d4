"""The training endpoints: courses, sessions, enrolments and certificate verification."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from nqi_service import roles
from nqi_service.api.schema import errors
from nqi_service.api.viewsets import ScopedGenericViewSet
from nqi_service.roles import caller_of
from training import services
from training.api.serializers import (
    AttendanceBody,
    CertificateSerializer,
    CourseSerializer,
    EnrolBody,
    EnrolledSerializer,
    EnrolmentSerializer,
    SessionSerializer,
)
from training.selectors import (
    certificates_visible_to,
    courses_visible_to,
    enrolments_visible_to,
    sessions_visible_to,
    works_at_station,
)

TAGS = ["training"]
DESK = (roles.STATION_STAFF, roles.STATION_MANAGER, roles.ADMIN)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied()


def _body(serializer_class, request):
    body = serializer_class(data=request.data, context={"request": request})
    body.is_valid(raise_exception=True)
    return body.validated_data


class CoursePermission(BasePermission):
    """Everyone logged in reads; the station's staff and administrators write."""

    def has_permission(self, request, view):
        if view.action == "create" or (view.action == "sessions" and request.method == "POST"):
            return caller_of(request.user).has_any(*DESK)
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return works_at_station(user=request.user, station_id=obj.station_id)


@extend_schema_view(
    list=extend_schema(tags=TAGS, responses={200: CourseSerializer, **errors(400, 401)}),
    retrieve=extend_schema(tags=TAGS, responses={200: CourseSerializer, **errors(401, 404)}),
    create=extend_schema(
        tags=TAGS,
        summary="Publish a course (staff of its station)",
        responses={201: CourseSerializer, **errors(400, 401, 403)},
    ),
    update=extend_schema(
        tags=TAGS, responses={200: CourseSerializer, **errors(400, 401, 403, 404)}
    ),
    partial_update=extend_schema(
        tags=TAGS, responses={200: CourseSerializer, **errors(400, 401, 403, 404)}
    ),
)
class CourseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedGenericViewSet,
):
    """Courses of the stations, with their sessions."""

    selector = courses_visible_to
    serializer_class = CourseSerializer
    permission_classes = [IsAuthenticated, CoursePermission]

    def perform_create(self, serializer):
        data = serializer.validated_data
        _require(works_at_station(user=self.request.user, station_id=data["station"].pk))
        serializer.instance = services.course_create(**data)

    def perform_update(self, serializer):
        changes = serializer.validated_data
        if "station" in changes:
            _require(works_at_station(user=self.request.user, station_id=changes["station"].pk))
        serializer.instance = services.course_update(course=serializer.instance, **changes)

    @extend_schema(
        tags=TAGS,
        methods=["GET"],
        summary="The course's sessions with their seats left and queue",
        responses={200: SessionSerializer(many=True), **errors(401, 404)},
    )
    @extend_schema(
        tags=TAGS,
        methods=["POST"],
        summary="Add a session (staff of the course's station)",
        request=SessionSerializer,
        responses={201: SessionSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def sessions(self, request, pk=None):
        course = self.get_object()
        sessions = sessions_visible_to(request.user).filter(course=course)
        if request.method == "GET":
            return Response(SessionSerializer(sessions, many=True).data)
        body = _body(SessionSerializer, request)
        session = services.session_add(course=course, **body)
        return Response(
            SessionSerializer(sessions.get(pk=session.pk)).data, status=status.HTTP_201_CREATED
        )


class SessionViewSet(ScopedGenericViewSet):
    """Enrolment in a session."""

    selector = sessions_visible_to
    serializer_class = SessionSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Enrol a named employee (a member of the enterprise)",
        request=EnrolBody,
        responses={201: EnrolledSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def enrolments(self, request, pk=None):
        session = self.get_object()
        _require(caller_of(request.user).has_any(roles.ENTERPRISE))
        body = _body(EnrolBody, request)
        enrolment = services.enrolment_add(session=session, actor=request.user, **body)
        return Response(EnrolledSerializer(enrolment).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(tags=TAGS, responses={200: EnrolmentSerializer, **errors(400, 401)}),
    retrieve=extend_schema(tags=TAGS, responses={200: EnrolmentSerializer, **errors(401, 404)}),
)
class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """Enrolments: the enterprise's own, its station's for the desk, all for administrators."""

    selector = enrolments_visible_to
    serializer_class = EnrolmentSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Cancel; a freed seat goes to the first waiting (the enterprise or the desk)",
        request=None,
        responses={200: EnrolmentSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        enrolment = self.get_object()
        user = request.user
        _require(
            enrolment.enterprise_id in caller_of(user).enterprise_ids
            or works_at_station(user=user, station_id=enrolment.session.course.station_id)
        )
        services.enrolment_cancel(enrolment=enrolment)
        return Response(self.get_serializer(self.get_queryset().get(pk=enrolment.pk)).data)

    @extend_schema(
        tags=TAGS,
        summary="Record attendance; an attendee who came gets a certificate (the desk)",
        request=AttendanceBody,
        responses={200: EnrolmentSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        enrolment = self.get_object()
        _require(
            works_at_station(user=request.user, station_id=enrolment.session.course.station_id)
        )
        body = _body(AttendanceBody, request)
        services.enrolment_record_attendance(enrolment=enrolment, **body)
        return Response(self.get_serializer(self.get_queryset().get(pk=enrolment.pk)).data)


class CertificateView(APIView):
    """Verify a certificate by its number, without logging in."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(tags=TAGS, responses={200: CertificateSerializer, **errors(404)})
    def get(self, request, number):
        certificate = get_object_or_404(certificates_visible_to(request.user), number=number)
        return Response(CertificateSerializer(certificate).data)
