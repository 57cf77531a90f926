"""Plural messages follow French's rule (0 and 1 are singular), not English's."""

from django.template import Context, Template
from django.utils import translation

from essaim.core.management.commands.french_plurals import french_plurals

PO = """# SOME DESCRIPTIVE TITLE.
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: \\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"

msgid "Identité"
msgstr ""

#, python-format
msgid ""
"%(count)s événement "
"importé."
msgid_plural "%(count)s événements importés."
msgstr[0] ""
msgstr[1] ""

#, fuzzy, python-format
#| msgid "%(counter)s thème"
#| msgid_plural "%(counter)s thèmes"
msgid "%(counter)s critère"
msgid_plural "%(counter)s critères"
msgstr[0] ""
msgstr[1] ""
"""


def test_an_agenda_count_of_zero_is_singular_as_in_french():
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} événement"
        "{% plural %}{{ counter }} événements{% endblocktranslate %}"
    )
    with translation.override("fr"):
        shown = [template.render(Context({"n": n})) for n in (0, 1, 2)]
    assert shown == ["0 événement", "1 événement", "2 événements"]


def test_the_catalogue_keeps_plural_messages_translated_by_themselves():
    catalogue = french_plurals(PO)
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in catalogue
    assert '"Language: fr\\n"' in catalogue and "fuzzy" not in catalogue
    assert "Identité" not in catalogue  # nothing to translate: the source is French
    assert 'msgstr[0] ""\n"%(count)s événement "\n"importé."' in catalogue
    assert 'msgstr[1] "%(count)s événements importés."' in catalogue


def test_a_plural_message_marked_fuzzy_by_makemessages_is_kept_unflagged():
    """compilemessages leaves fuzzy entries out: « 0 critères » would come back."""
    catalogue = french_plurals(PO)
    assert '#, python-format\nmsgid "%(counter)s critère"' in catalogue
    assert "#|" not in catalogue and "thème" not in catalogue
