"""Run the `essaim` command in a child process with a chosen environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ESSAIM = str(Path(sys.executable).with_name("essaim"))
PROJECT_DIR = Path(__file__).resolve().parents[2]

# Variables a developer's shell may export and that would change what is tested.
_CLEARED = (
    "ESSAIM_PRODUCTION",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "LOG_JSON",
    "LOG_LEVEL",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
)


def base_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env["DJANGO_SETTINGS_MODULE"] = "essaim.settings"
    env.update(overrides)
    return env


def production_env(**overrides: str) -> dict[str, str]:
    production = {
        "ESSAIM_PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "essaim.example.fr",
    }
    return base_env(**{**production, **overrides})


def run_essaim(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ESSAIM, *args],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
