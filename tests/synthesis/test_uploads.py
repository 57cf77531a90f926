"""Uploaded files: what people export is read, hostile files get a French way out."""

import io

import openpyxl
import pytest

from essaim.synthesis.uploads import MAX_BYTES, UploadError, preview, read_upload


def test_windows_1252_semicolon_csv_is_read_with_its_accents():
    data = "id;texte\n1;Déménager les écoles à la campagne\n2;Créer des crèches\n".encode("cp1252")
    table = read_upload("export.csv", data)
    assert table.header == ["id", "texte"]
    assert table.rows[0][1] == "Déménager les écoles à la campagne"
    assert "windows-1252" in table.notes[0]


def test_xlsx_first_sheet_is_read_and_numbers_stay_plain():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["n°", "Votre idée"])
    sheet.append([1, "Des bancs dans les parcs"])
    sheet.append([None, None])
    sheet.append([2.0, "Plus d’arbres en ville"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_upload("idees.xlsx", buffer.getvalue())
    assert table.header == ["n°", "Votre idée"]
    assert table.rows == [["1", "Des bancs dans les parcs"], ["2", "Plus d’arbres en ville"]]


def test_canonical_csv_gives_a_preview_with_unique_column_names():
    table = read_upload("a.csv", b"texte,,texte\nun,deux,trois\n")
    shown = preview(table.to_csv())
    assert shown.header == ["texte", "colonne 2", "texte bis"]
    assert shown.rows == [["un", "deux", "trois"]]


@pytest.mark.parametrize(
    ("name", "data", "hint"),
    [
        ("rapport.pdf", b"%PDF-1.4 binary", "ni un CSV ni un classeur"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "pas un fichier texte"),
        ("vieux.xls", b"\xd0\xcf\x11\xe0rest", "ancien format Excel"),
        ("faux.xlsx", b"not a zip at all", "ne peut pas être lu"),
        ("vide.csv", b"  \n ", "vide"),
        ("entete.csv", b"id;texte\n", "une ligne d’en-tête"),
    ],
)
def test_hostile_file_is_refused_with_a_french_explanation(name, data, hint):
    with pytest.raises(UploadError, match=hint):
        read_upload(name, data)


def test_huge_file_is_refused_before_reading():
    with pytest.raises(UploadError, match="limite"):
        read_upload("gros.csv", b"a" * (MAX_BYTES + 1))


def test_utf16_export_is_decoded():
    table = read_upload("excel.txt", "id\ttexte\n1\tÉcoles ouvertes\n".encode("utf-16"))
    assert table.rows == [["1", "Écoles ouvertes"]]
