from rest_framework.routers import SimpleRouter

from service_stations.api.views import ExpertViewSet, StationViewSet

router = SimpleRouter()
router.register("stations", StationViewSet, basename="station")
router.register("experts", ExpertViewSet, basename="expert")

urlpatterns = router.urls
