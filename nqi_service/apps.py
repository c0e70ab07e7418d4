from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NqiServiceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nqi_service"
    verbose_name = _("Shared records")
