from django.apps import AppConfig


class NqiServiceConfig(AppConfig):
    name = "nqi_service"
    verbose_name = "NQI service"
