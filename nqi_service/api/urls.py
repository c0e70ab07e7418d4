"""Version 1 of the HTTP API: each app contributes its own routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("accounts.api.urls")),
    path("", include("service_stations.api.urls")),
    path("", include("enterprises.api.urls")),
    path("", include("requests_app.api.urls")),
    path("", include("visits.api.urls")),
    path("", include("instruments.api.urls")),
    path("", include("training.api.urls")),
    path("", include("catalogue.api.urls")),
    path("stats/", include("stats.api.urls")),
    path("", include("notifications.api.urls")),
]
