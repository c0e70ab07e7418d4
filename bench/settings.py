"""The project's settings plus what benchmarks need: baseline views and a query counter.

Used only by ``bench/run.py`` (``DJANGO_SETTINGS_MODULE=bench.settings``); the
deployed project never loads it.
"""

from nqi_service.settings import *  # noqa: F403
from nqi_service.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.query_count_header", *MIDDLEWARE]
