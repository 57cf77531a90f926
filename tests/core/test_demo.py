"""`make demo` end to end: prepare, serve, answer, stop cleanly on Ctrl-C."""

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from tests.core.subprocess_env import PROJECT_DIR, base_env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def _wait_until_up(url: str, demo: subprocess.Popen, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert demo.poll() is None, demo.communicate()[0]
        try:
            if _get(url)[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the demo never answered on {url}")


def test_demo_serves_site_with_css_and_stops_cleanly_on_ctrl_c(tmp_path):
    port = _free_port()
    root = f"http://127.0.0.1:{port}"
    env = base_env(DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}", BIND=f"127.0.0.1:{port}")
    demo = subprocess.Popen(
        [sys.executable, "-m", "essaim.demo"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until_up(f"{root}/healthz", demo)
        status, home = _get(f"{root}/")
        assert status == 200 and "Essaim" in home.decode()
        assert _get(f"{root}/static/essaim/essaim.css")[0] == 200
        _status, found = _get(f"{root}/api/v1/organisations?q=siilab")
        assert [o["slug"] for o in json.loads(found)["items"]] == ["siilab"]
    finally:
        demo.send_signal(signal.SIGINT)
        output, _ = demo.communicate(timeout=30)
    assert demo.returncode == 0, output
    assert "admin@essaim.example" in output and "Essaim est arrêté" in output
    assert "Traceback" not in output
