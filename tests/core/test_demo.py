"""`make demo` end to end: prepare, serve, answer, stop cleanly on Ctrl-C."""

import json
import signal
import socket
import subprocess
import sys
import urllib.request

from tests.core.subprocess_env import PROJECT_DIR, base_env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def _read_until_ready(demo: subprocess.Popen) -> str:
    """The demo's output up to its "ready" banner (the demo gives up by itself after 60 s)."""
    lines = []
    for line in demo.stdout:
        lines.append(line)
        if "Essaim is ready" in line:
            return "".join(lines)
    raise AssertionError("the demo stopped before it was ready:\n" + "".join(lines))


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
    output = ""
    try:
        output = _read_until_ready(demo)
        status, home = _get(f"{root}/")
        assert status == 200 and "Essaim" in home.decode()
        assert _get(f"{root}/static/essaim/essaim.css")[0] == 200
        _status, found = _get(f"{root}/api/v1/organisations?q=siilab")
        assert [o["slug"] for o in json.loads(found)["items"]] == ["siilab"]
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=30)
        output += demo.stdout.read()  # not communicate(): it would skip what is buffered
        demo.stdout.close()
    assert demo.returncode == 0, output
    assert "admin@essaim.example" in output and "Essaim est arrêté" in output
    assert "Traceback" not in output
