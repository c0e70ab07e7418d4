"""The Celery application: ``celery -A nqi_service worker`` / ``beat``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nqi_service.settings")

app = Celery("nqi_service")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
