import pytest
from django.core.exceptions import ImproperlyConfigured

from essaim.env import env_bool, env_int, env_list
from tests.core.subprocess_env import production_env, run_essaim


def test_deploy_check_passes_with_production_environment():
    result = run_essaim("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "overrides",
    [
        {"SECRET_KEY": "insecure-development-key-change-me"},
        {"SECRET_KEY": "trop-courte"},
        {"DEBUG": "true"},
    ],
    ids=["default-key", "short-key", "debug"],
)
def test_production_start_is_refused_when_unsafe(overrides):
    result = run_essaim("check", env=production_env(**overrides))
    assert result.returncode != 0
    assert "Essaim ne peut pas démarrer" in result.stderr
    assert "SECRET_KEY" in result.stderr and "DEBUG=false" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_start_with_ssl_redirect_off_is_flagged_by_deploy_check():
    result = run_essaim(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(SECURE_SSL_REDIRECT="false"),
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr


@pytest.mark.parametrize(
    "raw, expected",
    [("true", True), ("1", True), ("On", True), ("false", False), ("0", False), ("", False)],
)
def test_env_bool_reads_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("ESSAIM_TEST_FLAG", raw)
    assert env_bool("ESSAIM_TEST_FLAG") is expected


def test_env_bool_raises_on_yes_please(monkeypatch):
    monkeypatch.setenv("ESSAIM_TEST_FLAG", "yes please")
    with pytest.raises(ImproperlyConfigured, match="ESSAIM_TEST_FLAG='yes please'"):
        env_bool("ESSAIM_TEST_FLAG", False)


def test_env_bool_uses_default_when_unset(monkeypatch):
    monkeypatch.delenv("ESSAIM_TEST_FLAG", raising=False)
    assert env_bool("ESSAIM_TEST_FLAG", True) is True


def test_env_int_raises_on_words(monkeypatch):
    monkeypatch.setenv("ESSAIM_TEST_NUMBER", "douze")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("ESSAIM_TEST_NUMBER", 12)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ESSAIM_TEST_LIST", " a.fr, b.fr ,,")
    assert env_list("ESSAIM_TEST_LIST", []) == ["a.fr", "b.fr"]


def test_bad_variable_is_reported_without_traceback():
    result = run_essaim("check", env=production_env(DEBUG="yes please"))
    assert result.returncode == 2
    assert "DEBUG='yes please' is not a boolean" in result.stderr
    assert "Traceback" not in result.stderr
