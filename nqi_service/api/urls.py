"""Version 1 of the HTTP API: each app contributes its own routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("nqi_service.accounts.api.urls")),
    path("", include("service_stations.api.urls")),
    path("", include("enterprises.api.urls")),
]
