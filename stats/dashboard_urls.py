from django.contrib.auth import views as auth_views
from django.urls import path

from stats.dashboard import dashboard

urlpatterns = [
    path("", dashboard, name="stats-dashboard"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="stats/login.html", next_page="stats-dashboard"),
        name="stats-dashboard-login",
    ),
    path(
        "logout/",
        auth_views.LogoutView.as_view(next_page="stats-dashboard-login"),
        name="stats-dashboard-logout",
    ),
]
