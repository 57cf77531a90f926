from essaim.synthesis.engine.text import analyse, clean, fold, language_of, words


def test_elided_articles_are_removed_and_accents_folded():
    assert words("L’impôt d’aujourd’hui qu’on paie") == ["impôt", "aujourd", "hui", "on", "paie"]
    assert fold("Électricité, cœur") == "electricite, coeur"


def test_lemmas_bring_plural_and_spelling_variants_together():
    first = analyse("Les impôts locaux et l’électricité").terms
    second = analyse("impôt local, electricite").terms
    assert {"impot", "local", "electricite"} <= set(first) & set(second)


def test_stop_words_are_not_counted_but_aucun_is():
    terms = analyse("Je ne sais pas, aucun, il faut que").terms
    assert terms == ["aucun"]


def test_html_pasted_from_word_becomes_plain_text():
    pasted = '<p class="MsoNormal"><span style="x">Plus de&nbsp;bus</span></p><!-- [if] -->'
    assert clean(pasted) == "Plus de bus"


def test_english_is_told_apart_from_french():
    assert (
        language_of(words("We need more buses and better public transport in rural areas"))
        == "other"
    )
    assert language_of(words("Il faut plus de bus dans les zones rurales")) == "fr"
    assert language_of(words("Non")) == ""
