from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceStationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "service_stations"
    verbose_name = _("Service network")
