import pytest
from django.test import override_settings

from tests.api_support import _isolated_cache  # noqa: F401
from tests.authz.world import World, build_world
from tests.conftest import built_once


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    """Build both sides once for a test module, rolled back after it.

    Each test runs in its own savepoint on top (it takes ``db``), so what a
    request changes is undone before the next one. Files go to a private
    temporary media root.
    """
    media_root = tmp_path_factory.mktemp("authz-media")
    with (
        override_settings(MEDIA_ROOT=media_root),
        built_once(django_db_blocker, build_world) as built,
    ):
        yield built
