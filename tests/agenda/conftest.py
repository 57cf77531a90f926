import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: rolled-back tests reuse the same counter values."""
    cache.clear()
    yield
    cache.clear()
