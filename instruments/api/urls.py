"""Routes of the shared-instrument API, included under ``/api/v1/``."""

from rest_framework.routers import SimpleRouter

from instruments.api.views import BookingViewSet, InstrumentViewSet, LabViewSet

router = SimpleRouter()
router.register("labs", LabViewSet, basename="lab")
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("bookings", BookingViewSet, basename="booking")

urlpatterns = router.urls
