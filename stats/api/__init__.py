"""The statistics endpoints of API.md: overview, station table, time series, export."""
