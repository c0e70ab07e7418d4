"""Routes of the request API, included under ``/api/v1/``."""

from rest_framework.routers import SimpleRouter

from requests_app.api.views import TicketViewSet

router = SimpleRouter()
router.register("tickets", TicketViewSet, basename="ticket")

urlpatterns = router.urls
