"""URL root: a landing page, the versioned API, its schema and docs, the admin and health."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from nqi_service.health import healthz

urlpatterns = [
    path("", TemplateView.as_view(template_name="nqi_service/landing.html"), name="landing"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script by URL, not inline (Content-Security-Policy).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path("api/v1/", include("nqi_service.api.urls")),
    path("dashboard/", include("stats.dashboard_urls")),
]

handler404 = "nqi_service.api.exceptions.not_found"
handler500 = "nqi_service.api.exceptions.server_error"
