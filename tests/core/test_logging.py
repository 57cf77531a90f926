import json

from tests.core.subprocess_env import base_env, production_env, run_essaim

EMIT_LOGS = (
    "import logging, structlog;"
    "structlog.get_logger('essaim.test').info('bench_started', count=3);"
    "logging.getLogger('essaim.plain').warning('plain %s', 'message')"
)


def _log_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def test_production_logs_are_json_lines():
    result = run_essaim("shell", "-c", EMIT_LOGS, env=production_env())
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in _log_lines(result.stderr)]
    structured, plain = records[-2:]
    assert structured["event"] == "bench_started" and structured["count"] == 3
    assert structured["level"] == "info" and structured["logger"] == "essaim.test"
    assert structured["timestamp"].endswith("Z")
    assert plain["event"] == "plain message" and plain["level"] == "warning"


def test_development_logs_are_readable_key_value_lines():
    result = run_essaim("shell", "-c", EMIT_LOGS, env=base_env(LOG_JSON="false"))
    assert result.returncode == 0, result.stderr
    last_lines = _log_lines(result.stderr)[-2:]
    assert "bench_started" in last_lines[0] and "count=3" in last_lines[0]
    assert not last_lines[0].startswith("{")
