from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkCalendarConfig(AppConfig):
    name = "workcalendar"
    verbose_name = _("working-day calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from workcalendar import signals  # noqa: F401 -- connects the cache invalidation
