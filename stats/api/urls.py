from django.urls import path

from stats.api import views

urlpatterns = [
    path("overview/", views.OverviewView.as_view(), name="stats-overview"),
    path("stations/", views.StationTableView.as_view(), name="stats-stations"),
    path("cooperatives/", views.CooperativeTableView.as_view(), name="stats-cooperatives"),
    path("capability/", views.CapabilityView.as_view(), name="stats-capability"),
    path("timeseries/", views.TimeseriesView.as_view(), name="stats-timeseries"),
    path("export/", views.ExportView.as_view(), name="stats-export"),
]
