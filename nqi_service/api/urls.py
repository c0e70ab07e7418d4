"""Version 1 of the HTTP API: each app contributes its own routes."""

urlpatterns = []
