"""Version 1 of the HTTP API: each app contributes its own routes."""

from django.urls import include, path

urlpatterns = [
    path("stats/", include("requests_app.stats.api.urls")),
]
