"""With REDIS_URL, every web and background process reads and writes one cache."""

import secrets
import socket

import pytest

from tests.core.subprocess_env import base_env, run_essaim

REDIS = ("127.0.0.1", 6379)
WRITE = "from django.core.cache import cache; cache.set('statut', 'publiée', 60)"
READ = "from django.core.cache import cache; print(cache.get('statut', 'absent'))"


def redis_is_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_a_value_cached_by_one_process_is_read_by_another_through_redis():
    env = base_env(
        REDIS_URL="redis://127.0.0.1:6379/15", CACHE_KEY_PREFIX=f"test-{secrets.token_hex(6)}"
    )
    assert run_essaim("shell", "-c", WRITE, env=env).returncode == 0
    read = run_essaim("shell", "-v", "0", "-c", READ, env=env)
    assert read.stdout.strip() == "publiée", read.stderr


def test_without_redis_url_each_process_keeps_its_own_cache():
    env = base_env()
    assert run_essaim("shell", "-c", WRITE, env=env).returncode == 0
    assert run_essaim("shell", "-v", "0", "-c", READ, env=env).stdout.strip() == "absent"
