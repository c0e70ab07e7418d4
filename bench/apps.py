from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The bench's management command (``generate_load``), installed in a source checkout only."""

    name = "bench"
