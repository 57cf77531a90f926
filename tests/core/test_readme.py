"""The README documents every environment variable and every `essaim` command of the product."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
ENV_READ = re.compile(r"env_(?:str|bool|int|list)\(\s*\"([A-Z0-9_]+)\"")


def _documented(name: str) -> bool:
    """`NAME` in the README, or a `…_SUFFIX` / `OIDC_CITIZEN_…` shorthand of a listed sibling."""
    if f"`{name}`" in README:
        return True
    for prefix in ("OIDC_AGENT_", "OIDC_CITIZEN_"):
        if name.startswith(prefix) and f"`…_{name.removeprefix(prefix)}`" in README:
            return True
    if name.startswith("OIDC_CITIZEN_"):
        return _documented("OIDC_AGENT_" + name.removeprefix("OIDC_CITIZEN_"))
    return False


@pytest.mark.parametrize(
    "name", sorted(set(ENV_READ.findall((ROOT / "essaim" / "settings.py").read_text())))
)
def test_readme_documents_environment_variable(name):
    assert _documented(name), f"README.md, « Variables d’environnement », must list {name}"


@pytest.mark.parametrize(
    "command",
    sorted(
        path.stem
        for path in (ROOT / "essaim").glob("*/management/commands/*.py")
        if not path.name.startswith("_")
    ),
)
def test_readme_lists_essaim_command(command):
    assert f"`essaim {command}" in README, "README.md, « La commande essaim », must list it"
