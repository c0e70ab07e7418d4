"""Version 1 of the HTTP API: each app contributes its own routes."""

from rest_framework.routers import SimpleRouter

from nqi_service.api.notifications import NotificationViewSet

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [*router.urls]
