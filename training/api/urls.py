from django.urls import path
from rest_framework.routers import SimpleRouter

from training.api.views import CertificateView, CourseViewSet, EnrolmentViewSet, SessionViewSet

router = SimpleRouter()
router.register("courses", CourseViewSet, basename="course")
router.register("sessions", SessionViewSet, basename="session")
router.register("enrolments", EnrolmentViewSet, basename="enrolment")

urlpatterns = [
    path("certificates/<str:number>/", CertificateView.as_view(), name="certificate-detail"),
    *router.urls,
]
