"""The project's URLs plus the baseline views, for benchmarks only."""

from django.urls import path

from bench import baseline
from nqi_service.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("bench/tickets/station/<int:station_id>/", baseline.ticket_list),
    path("bench/tickets/<int:ticket_id>/", baseline.ticket_detail),
    path("bench/tickets/", baseline.ticket_insert),
    path("bench/stats/", baseline.stats_group_by),
]
