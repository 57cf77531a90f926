import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.synthesis.conftest import DATA


def run(*args) -> None:
    call_command("synthesize", *map(str, args), "--no-progress", stdout=io.StringIO())


def test_synthesize_writes_the_three_files_one_row_per_input_row(tmp_path):
    out = tmp_path / "rapport"
    run(DATA / "contributions_fr.csv", "--text-column", "text", "--id-column", "id",
        "--date-column", "date", "--territory-column", "territory", "--out", out)  # fmt: skip
    with (DATA / "contributions_fr.csv").open(encoding="utf-8") as source:
        ids = [r["id"] for r in csv.DictReader(source)]
    with (out / "contributions.csv").open(encoding="utf-8-sig", newline="") as result:
        rows = list(csv.DictReader(result, delimiter=";"))
    assert [r["id"] for r in rows] == ids
    assert set(rows[0]) == {
        "id",
        "theme_id",
        "theme_label",
        "duplicate_group",
        "unclassified_reason",
    }
    english = next(r for r in rows if r["id"] == "en1")
    assert (
        english["theme_id"] == ""
        and english["unclassified_reason"] == "autre langue que le français"
    )
    themes = json.loads((out / "themes.json").read_text(encoding="utf-8"))
    theme = themes["themes"][0]
    assert {"id", "label", "size", "quotes"} <= set(theme)
    assert theme["quotes"][0]["text"] and theme["quotes"][0]["id"] in ids
    labels = {r["theme_label"] for r in rows if r["theme_id"] == theme["id"]}
    assert labels == {theme["label"]}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and theme["label"] in html
    assert "<caption>" in html  # the table alternative to the chart


def test_themes_option_asks_for_about_n_themes(tmp_path):
    run(DATA / "contributions_fr.csv", "--out", tmp_path, "--themes", "3")
    themes = json.loads((tmp_path / "themes.json").read_text(encoding="utf-8"))["themes"]
    assert 1 <= len(themes) <= 3


def test_a_windows_1252_file_with_semicolons_is_read(tmp_path):
    source = tmp_path / "export.csv"
    lines = ["numéro;réponse", "1;Plus de bus à la campagne", "2;Baisser la TVA sur l’essence",
             "3;Des médecins dans les déserts médicaux", "4;"]  # fmt: skip
    source.write_bytes("\r\n".join(lines).replace("’", "'").encode("cp1252"))
    run(source, "--text-column", "réponse", "--id-column", "numéro", "--out", tmp_path / "r")
    with (tmp_path / "r" / "contributions.csv").open(encoding="utf-8-sig") as result:
        rows = list(csv.DictReader(result, delimiter=";"))
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[3]["unclassified_reason"] == "texte vide"
    reading = json.loads((tmp_path / "r" / "themes.json").read_text(encoding="utf-8"))["reading"]
    assert "windows-1252" in reading[0]


def test_a_missing_column_is_explained_in_french(tmp_path):
    with pytest.raises(CommandError, match=r"La colonne « texte_libre » .* Colonnes trouvées"):
        run(DATA / "contributions_fr.csv", "--text-column", "texte_libre", "--out", tmp_path)
    with pytest.raises(CommandError, match="n’existe pas"):
        run(tmp_path / "absent.csv", "--out", tmp_path)
    assert not (tmp_path / "contributions.csv").exists()


def test_the_command_line_shows_a_progress_bar(tmp_path):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("synthesize", str(DATA / "contributions_fr.csv"), "--out", str(tmp_path),
                 stdout=stdout, stderr=stderr)  # fmt: skip
    assert "100%" in stderr.getvalue().replace(" ", "")
    assert "Recherche des thèmes" in stderr.getvalue()
    assert "6 thèmes" in stdout.getvalue() or "thèmes," in stdout.getvalue()
