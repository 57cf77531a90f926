"""`essaim help` and `essaim <command> --help` speak plain French."""

from tests.core.subprocess_env import base_env, run_essaim


def test_essaim_help_lists_the_product_commands_in_french():
    result = run_essaim("help", env=base_env())
    assert result.returncode == 0, result.stderr
    assert "Commandes d’Essaim :" in result.stdout
    assert "    worker               Exécute les tâches de fond d’Essaim" in result.stdout
    assert "    generate " in result.stdout
    assert "[auth] changepassword, createsuperuser" in result.stdout


def test_essaim_command_help_explains_common_options_in_french():
    result = run_essaim("worker", "--help", env=base_env())
    assert result.returncode == 0, result.stderr
    assert "Affiche cette aide, puis s’arrête." in result.stdout
    assert "Quantité de messages" in result.stdout
    assert "show this help message" not in result.stdout
