from django.urls import path
from rest_framework.routers import SimpleRouter

from catalogue.api.views import ServiceStatsView, ServiceViewSet, TicketReportView

router = SimpleRouter()
router.register("services", ServiceViewSet, basename="service")

urlpatterns = [
    path("tickets/<int:pk>/report.pdf", TicketReportView.as_view(), name="ticket-report-pdf"),
    path("stats/services/", ServiceStatsView.as_view(), name="stats-services"),
    *router.urls,
]
