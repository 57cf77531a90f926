import pytest

from essaim.catalogue.editing_forms import editable_text, rich_text
from essaim.catalogue.sanitize import html_to_text, sanitize_html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Bonjour<script>alert(1)</script></p>", "<p>Bonjour</p>"),
        ('<p onclick="vol()">Texte</p>', "<p>Texte</p>"),
        (
            '<a href="javascript:alert(1)">lien</a>',
            '<a rel="noopener noreferrer nofollow">lien</a>',
        ),
        ('<iframe src="https://exemple.fr"></iframe><p>ok</p>', "<p>ok</p>"),
        ('<p style="color:red">rouge</p>', "<p>rouge</p>"),
        ("<img src=x onerror=alert(1)>", ""),
        ("<!-- commentaire --><em>garde</em>", "<em>garde</em>"),
    ],
)
def test_sanitize_removes_what_is_not_allowed(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_sanitize_keeps_safe_formatting_and_marks_links():
    html = sanitize_html(
        '<h3>Titre</h3><ul><li><strong>gras</strong></li></ul><a href="https://x.fr">x</a>'
    )
    assert "<h3>Titre</h3><ul><li><strong>gras</strong></li></ul>" in html
    assert 'href="https://x.fr"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_sanitize_empty_values_give_an_empty_string():
    assert sanitize_html(None) == sanitize_html("") == ""


def test_rich_text_turns_plain_paragraphs_into_html_and_back():
    typed = "Premier paragraphe.\n\nSecond, avec a < b & c."
    html = rich_text(typed)
    assert html.count("<p>") == 2 and "<script" not in rich_text("<script>x</script>")
    assert editable_text(html) == typed
    assert html_to_text(html) == "Premier paragraphe. Second, avec a < b & c."


def test_editable_text_leaves_real_formatting_as_html():
    html = "<p>Un <strong>mot</strong></p>"
    assert editable_text(html) == html
