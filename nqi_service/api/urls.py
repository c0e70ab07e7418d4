"""Version 1 of the HTTP API: each app contributes its own routes."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from nqi_service.api.notifications import NotificationViewSet

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    path("", include("nqi_service.accounts.api.urls")),
    path("", include("service_stations.api.urls")),
    path("", include("enterprises.api.urls")),
    path("", include("requests_app.api.urls")),
    path("", include("visits.api.urls")),
    path("", include("instruments.api.urls")),
    path("", include("training.api.urls")),
    path("", include("catalogue.api.urls")),
    path("stats/", include("requests_app.stats.api.urls")),
    *router.urls,
]
