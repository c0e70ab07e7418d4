from rest_framework.routers import SimpleRouter

from service_stations.api.cooperative_views import (
    CooperativeViewSet,
    InspectionViewSet,
    MembershipViewSet,
)
from service_stations.api.views import ExpertViewSet, StationViewSet

router = SimpleRouter()
router.register("stations", StationViewSet, basename="station")
router.register("experts", ExpertViewSet, basename="expert")
router.register("cooperatives", CooperativeViewSet, basename="cooperative")
router.register("cooperative-memberships", MembershipViewSet, basename="cooperative-membership")
router.register("inspections", InspectionViewSet, basename="inspection")

urlpatterns = router.urls
