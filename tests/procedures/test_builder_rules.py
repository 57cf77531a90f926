"""Eligibility rules in the builder: an éditeur writes them without code, on the draft version."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from essaim.procedures import builder_rules, conditions
from essaim.procedures import builder_services as builder
from essaim.procedures.models import Dossier, EligibilityRule, FrozenVersionError
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db

INCOME = {"field": "revenus", "op": "gt", "value": 20000}


def plain(response) -> str:
    """The page with non-breaking spaces as plain ones (French typography), to read like text."""
    return response.content.decode().replace("\xa0", " ")


@pytest.fixture
def procedure(organisation, editor):
    procedure = builder.create_procedure(by=editor, organisation=organisation, title="Aide CAF")
    version = procedure.draft_version
    section = builder.add_section(version, title="Ressources")
    builder.add_field(
        version, section=section, key="revenus", type="integer", label="Revenus annuels"
    )
    builder.add_field(version, section=section, key="ville", type="text", label="Ville")
    return procedure


def rule_data(**overrides):
    data = {
        "outcome": "ineligible",
        "condition": "revenus > 20000",
        "title": "Vos revenus dépassent le plafond",
        "message": "Cette aide est réservée aux foyers aux revenus modestes.",
        "link_url": "https://www.service-public.fr/",
        "link_label": "Voir les autres aides",
        "blocks_submission": "on",
    }
    data.update(overrides)
    return data


def _create_url(procedure):
    return reverse("procedures:builder_rule_create", args=[procedure.pk])


def _autosave(client, dossier, revenus):
    return plain(
        client.post(
            reverse("procedures:autosave", args=[dossier.public_id, 0]),
            {"_shown": ["revenus", "ville"], "f-revenus": revenus},
            headers={"HX-Request": "true"},
        )
    )


def test_editor_adds_a_rule_that_shows_to_an_applicant_whose_answers_match(
    client, editor, procedure, applicant
):
    client.force_login(editor)
    response = client.post(_create_url(procedure), rule_data())
    rule = EligibilityRule.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("procedures:builder_rules", args=[procedure.pk]) + f"#regle-{rule.pk}"
    )
    assert rule.version == procedure.draft_version
    assert rule.condition == INCOME
    assert (rule.outcome, rule.blocks_submission) == ("ineligible", True)
    assert rule.link_url == "https://www.service-public.fr/"
    page = plain(client.get(reverse("procedures:builder_rules", args=[procedure.pk])))
    assert "Vos revenus dépassent le plafond" in page
    assert "Quand « Revenus annuels » est supérieur à 20000." in page
    assert "Voir les autres aides" in page
    detail = client.get(reverse("procedures:builder_detail", args=[procedure.pk]))
    assert reverse("procedures:builder_rules", args=[procedure.pk]) in plain(detail)
    client.post(reverse("procedures:builder_publish", args=[procedure.pk]), {"note": ""})
    procedure.refresh_from_db()
    assert procedure.published_version.eligibility_rules.get().title == rule.title

    client.force_login(applicant)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    dossier = Dossier.objects.get(applicant=applicant)
    assert "Vos revenus dépassent le plafond" not in _autosave(client, dossier, "12000")
    html = _autosave(client, dossier, "25000")
    assert "Vos revenus dépassent le plafond" in html
    assert "Cette aide est réservée aux foyers aux revenus modestes." in html
    assert 'href="https://www.service-public.fr/"' in html


def test_malformed_condition_shows_the_parser_message_and_keeps_the_input(
    client, editor, procedure
):
    client.force_login(editor)
    typed = "revenus > 20000 et"
    with pytest.raises(conditions.ConditionError) as error:
        conditions.parse(typed)
    response = client.post(_create_url(procedure), rule_data(condition=typed))
    page = plain(response)
    assert response.status_code == 200
    assert (
        error.value.message.replace("\xa0", " ") in page
    )  # « Un identifiant de champ est attendu ici (position 19). »
    assert 'value="revenus &gt; 20000 et"' in page  # what was typed is kept
    assert "Vos revenus dépassent le plafond" in page
    assert not EligibilityRule.objects.exists()


def test_rule_on_an_unknown_field_or_without_condition_is_refused(client, editor, procedure):
    client.force_login(editor)
    page = plain(client.post(_create_url(procedure), rule_data(condition="salaire > 3")))
    assert "Le champ « salaire » n’existe pas" in page
    page = plain(client.post(_create_url(procedure), rule_data(condition="")))
    assert "Écrivez quand la règle s’applique" in page
    page = plain(
        client.post(
            _create_url(procedure), rule_data(outcome="entitled", condition="revenus < 9000")
        )
    )
    assert "Une règle « Droit probable » ne peut pas empêcher le dépôt" in page
    assert not EligibilityRule.objects.exists()


def test_editor_edits_reorders_and_deletes_rules(client, editor, procedure):
    client.force_login(editor)
    client.post(_create_url(procedure), rule_data())
    client.post(
        _create_url(procedure),
        rule_data(
            outcome="entitled",
            condition='revenus < 9000 et ville = "Lille"',
            title="Vous avez sans doute droit à la prime",
            blocks_submission="",
        ),
    )
    first, second = EligibilityRule.objects.order_by("position")
    assert second.condition == {
        "all": [
            {"field": "revenus", "op": "lt", "value": 9000},
            {"field": "ville", "op": "eq", "value": "Lille"},
        ]
    }
    edit_url = reverse("procedures:builder_rule_edit", args=[procedure.pk, first.pk])
    form = plain(client.get(edit_url))
    assert 'value="revenus &gt; 20000"' in form  # the stored condition, back as text
    client.post(edit_url, rule_data(condition="revenus >= 30000", title="Plafond dépassé"))
    first.refresh_from_db()
    assert (first.title, first.condition["op"], first.condition["value"]) == (
        "Plafond dépassé",
        "ge",
        30000,
    )
    move = reverse("procedures:builder_item_move", args=[procedure.pk, "rule", second.pk])
    response = client.post(move, {"direction": "up"})
    assert response["Location"].endswith(f"/regles/#regle-{second.pk}")
    assert list(EligibilityRule.objects.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    delete = reverse("procedures:builder_item_delete", args=[procedure.pk, "rule", second.pk])
    client.post(delete)
    assert list(EligibilityRule.objects.values_list("pk", "position")) == [(first.pk, 0)]


def test_rule_reading_a_deleted_field_stops_publication(client, editor, procedure):
    client.force_login(editor)
    client.post(_create_url(procedure), rule_data(condition='ville = "Lille"'))
    ville = procedure.draft_version.fields.get(key="ville")
    client.post(reverse("procedures:builder_item_delete", args=[procedure.pk, "field", ville.pk]))
    page = plain(client.get(reverse("procedures:builder_detail", args=[procedure.pk])))
    assert "Règle « Vos revenus dépassent le plafond » : Le champ « ville » n’existe pas" in page
    client.post(reverse("procedures:builder_publish", args=[procedure.pk]), {"note": ""})
    assert procedure.draft_version is not None  # still a draft


@pytest.fixture
def published(organisation):
    procedure = ProcedureFactory(organisation=organisation)
    build_form(
        procedure,
        [("Ressources", [dict(key="revenus", type="integer", label="Revenus annuels")])],
        rules=[
            dict(
                outcome="ineligible",
                condition=INCOME,
                title="Vos revenus dépassent le plafond",
                message="Cette aide est réservée aux foyers aux revenus modestes.",
            )
        ],
    )
    return procedure


def test_rules_of_a_published_version_cannot_change(client, editor, published):
    rule = published.published_version.eligibility_rules.get()
    client.force_login(editor)
    page = plain(client.get(reverse("procedures:builder_rules", args=[published.pk])))
    assert "Vos revenus dépassent le plafond" in page
    assert "est publiée, donc figée" in page
    assert reverse("procedures:builder_rule_create", args=[published.pk]) not in page
    edit_url = reverse("procedures:builder_rule_edit", args=[published.pk, rule.pk])
    assert edit_url not in page
    for url, data in (
        (edit_url, rule_data(title="Changé")),
        (_create_url(published), rule_data(title="Ajoutée")),
        (reverse("procedures:builder_item_delete", args=[published.pk, "rule", rule.pk]), {}),
        (
            reverse("procedures:builder_item_move", args=[published.pk, "rule", rule.pk]),
            {"direction": "down"},
        ),
    ):
        response = client.post(url, data)
        assert response.status_code == 302, url
    followed = plain(client.get(response["Location"]))
    assert "Le formulaire publié est figé" in followed
    assert list(EligibilityRule.objects.values_list("pk", "title")) == [
        (rule.pk, "Vos revenus dépassent le plafond")
    ]
    with pytest.raises(ValidationError):
        builder_rules.update_rule(rule, title="Changé")
    with pytest.raises(ValidationError):
        builder_rules.add_rule(rule.version, **{**builder_rules_attributes(rule), "title": "x"})
    rule.title = "Changé"
    with pytest.raises(FrozenVersionError):
        rule.save()

    # A new version copies the rule; the copy is the one that changes.
    client.post(reverse("procedures:builder_new_version", args=[published.pk]))
    copy = published.draft_version.eligibility_rules.get()
    url = reverse("procedures:builder_rule_edit", args=[published.pk, copy.pk])
    client.post(url, rule_data(condition="revenus > 25000", title="Plafond relevé"))
    copy.refresh_from_db()
    assert (copy.title, copy.condition["value"]) == ("Plafond relevé", 25000)
    rule.refresh_from_db()
    assert (rule.title, rule.condition) == ("Vos revenus dépassent le plafond", INCOME)


def builder_rules_attributes(rule) -> dict:
    return {name: getattr(rule, name) for name in builder_rules.RULE_ATTRIBUTES}


def _rule_urls(procedure):
    rule = procedure.draft_version.eligibility_rules.get()
    create = reverse("procedures:builder_rule_create", args=[procedure.pk])
    edit = reverse("procedures:builder_rule_edit", args=[procedure.pk, rule.pk])
    return [
        ("get", reverse("procedures:builder_rules", args=[procedure.pk])),
        ("post", reverse("procedures:builder_rules", args=[procedure.pk])),
        ("get", create),
        ("post", create),
        ("get", edit),
        ("post", edit),
        ("post", reverse("procedures:builder_item_move", args=[procedure.pk, "rule", rule.pk])),
        ("post", reverse("procedures:builder_item_delete", args=[procedure.pk, "rule", rule.pk])),
    ]


@pytest.mark.parametrize("who", ["applicant", "agent", "other_agent"])
def test_rule_pages_refuse_people_who_are_not_editors(client, procedure, who, request):
    builder_rules.add_rule(
        procedure.draft_version,
        outcome="ineligible",
        condition=INCOME,
        title="Vos revenus dépassent le plafond",
        message="Réservé aux revenus modestes.",
    )
    client.force_login(request.getfixturevalue(who))
    for method, url in _rule_urls(procedure):
        response = getattr(client, method)(url, rule_data(title="Forcée", condition="revenus > 1"))
        assert response.status_code == 403, (method, url)
        assert "éditeur" in plain(response), url
    rule = EligibilityRule.objects.get()
    assert (rule.title, rule.condition, rule.position) == (
        "Vos revenus dépassent le plafond",
        INCOME,
        0,
    )


def test_rule_pages_send_anonymous_visitors_to_sign_in(client, procedure):
    builder_rules.add_rule(
        procedure.draft_version, outcome="entitled", condition=INCOME, title="t", message="m"
    )
    for method, url in _rule_urls(procedure):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/compte/connexion/" in response["Location"], url
