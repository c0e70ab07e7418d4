import pytest

from tests.api_support import _isolated_cache  # noqa: F401
from tests.instruments.support import build_pool


@pytest.fixture
def pool(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return build_pool()
