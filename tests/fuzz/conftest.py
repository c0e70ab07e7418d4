"""The fuzzed network's ids and an empty throttle cache per example."""

import pytest
from django.test import override_settings

from tests.fuzz.support import attach_a_file, ids_by_collection


@pytest.fixture(scope="module")
def path_ids(demo_data, tmp_path_factory):
    """Return the existing ids per collection, with an attachment to download among them.

    Uploads, the fuzzed ones included, go to a temporary folder.
    """
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        attach_a_file()
        yield ids_by_collection()


@pytest.fixture
def local_cache(settings):
    """Give throttles a cache of their own, emptied before each example."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fuzz"}
    }
