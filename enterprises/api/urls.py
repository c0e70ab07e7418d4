from rest_framework.routers import SimpleRouter

from enterprises.api.views import EnterpriseViewSet

router = SimpleRouter()
router.register("enterprises", EnterpriseViewSet, basename="enterprise")

urlpatterns = router.urls
