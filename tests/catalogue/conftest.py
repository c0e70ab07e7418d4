from tests.api_support import _isolated_cache, world  # noqa: F401
