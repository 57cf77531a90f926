"""Organisation pages: the public list and page, creation and edition."""

import pytest
from django.urls import reverse

from essaim.accounts.models import Membership, Organisation, OrganisationKind, Role
from essaim.core.models import Level, Territory
from tests.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    valid_siret,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organisations:list")
CREATE_URL = reverse("organisations:create")


@pytest.fixture
def territories():
    bretagne = Territory.objects.create(level=Level.REGION, code="53", name="Bretagne")
    finistere = Territory.objects.create(
        level=Level.DEPARTMENT, code="29", name="Finistère", parent=bretagne, region=bretagne
    )
    brest = Territory.objects.create(
        level=Level.COMMUNE, code="29019", name="Brest", parent=finistere, region=bretagne
    )
    idf = Territory.objects.create(level=Level.REGION, code="11", name="Île-de-France")
    paris_department = Territory.objects.create(
        level=Level.DEPARTMENT, code="75", name="Paris", parent=idf, region=idf
    )
    paris = Territory.objects.create(
        level=Level.COMMUNE, code="75056", name="Paris", parent=paris_department, region=idf
    )
    return {"bretagne": bretagne, "finistere": finistere, "brest": brest, "paris": paris}


def creation_data(**overrides):
    return {
        "name": "Mairie de Brest",
        "kind": OrganisationKind.LOCAL_AUTHORITY,
        "siret": "",
        "territory": "",
        "website": "",
        "description": "",
        **overrides,
    }


# The public list


def test_organisation_list_is_public_and_shows_each_organisation(client):
    OrganisationFactory(name="Laboratoire d’innovation de Brest", kind=OrganisationKind.LAB)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laboratoire d’innovation de Brest" in html


def test_organisation_list_search_ignores_accents_and_case(client):
    OrganisationFactory(name="École nationale des données")
    OrganisationFactory(name="Mairie de Quimper")
    html = client.get(LIST_URL, {"q": "ECOLE donnees"}).content.decode()
    assert "École nationale des données" in html
    assert "Mairie de Quimper" not in html


def test_organisation_list_filters_by_kind(client):
    OrganisationFactory(name="Labo Alpha", kind=OrganisationKind.LAB)
    OrganisationFactory(name="Commune Beta", kind=OrganisationKind.LOCAL_AUTHORITY)
    html = client.get(LIST_URL, {"kind": OrganisationKind.LAB}).content.decode()
    assert "Labo Alpha" in html
    assert "Commune Beta" not in html


def test_organisation_list_paginates_by_twenty(client):
    for index in range(25):
        OrganisationFactory(name=f"Organisation {index:02d}")
    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL, {"page": "2"}).content.decode()
    assert "Organisation 00" in first and "Organisation 24" not in first
    assert "Organisation 24" in second and "Organisation 00" not in second
    assert "25 organisations" in first


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"page": "0"},
        {"kind": "unknown"},
        {"q": "\x00"},
        {"q": "x" * 500},
        {"q": "%", "kind": "lab", "page": "2.5"},
    ],
)
def test_organisation_list_malformed_query_string_never_fails(client, query):
    OrganisationFactory(name="Mairie de Brest")
    response = client.get(LIST_URL, query)
    assert response.status_code == 200


def test_organisation_list_unknown_kind_is_ignored_with_a_message(client):
    OrganisationFactory(name="Mairie de Brest")
    html = client.get(LIST_URL, {"kind": "unknown"}).content.decode()
    assert "Mairie de Brest" in html
    assert "Sélectionnez un choix valide" in html


# The organisation page


def test_organisation_page_shows_public_information(client, territories):
    organisation = OrganisationFactory(
        name="Mairie de Brest",
        siret="13002526500013",
        territory=territories["brest"],
        website="https://www.brest.fr",
        description="Une ville au bout du monde.",
    )
    response = client.get(reverse("organisations:detail", args=[organisation.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mairie de Brest" in html
    assert "Collectivité territoriale" in html
    assert "130\u00a0025\u00a0265\u00a000013" in html
    assert "Brest (29)" in html
    assert "https://www.brest.fr" in html
    assert "Une ville au bout du monde." in html


def test_organisation_page_unknown_slug_is_404(client):
    assert client.get(reverse("organisations:detail", args=["inconnue"])).status_code == 404


def test_organisation_page_lists_members_to_members(client, organisation, agent, org_admin):
    client.force_login(agent)
    html = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert org_admin.display_name in html
    assert "Administrateur" in html


@pytest.mark.parametrize("visitor", [None, "applicant", "other_agent"])
def test_organisation_page_hides_members_from_non_members(
    client, request, organisation, org_admin, visitor
):
    if visitor:
        client.force_login(request.getfixturevalue(visitor))
    html = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert org_admin.display_name not in html
    assert org_admin.email not in html


# Creation


def test_organisation_create_anonymous_is_sent_to_login(client):
    response = client.get(CREATE_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=/organisations/nouvelle/" in response.url


def test_organisation_create_refused_without_confirmed_email(client):
    client.force_login(UserFactory(email_confirmed_at=None))
    response = client.post(CREATE_URL, creation_data())
    assert response.status_code == 403
    assert "Confirmez d’abord votre adresse électronique" in response.content.decode()
    assert not Organisation.objects.exists()


def test_organisation_create_makes_the_creator_administrator(client, applicant, territories):
    client.force_login(applicant)
    response = client.post(
        CREATE_URL,
        creation_data(
            siret="130 025 265 00013",
            territory="Brest",
            website="www.brest.fr",
            description="Ville portuaire.",
        ),
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("organisations:detail", args=[organisation.slug])
    assert organisation.siret == "13002526500013"
    assert organisation.territory == territories["brest"]
    assert organisation.website == "https://www.brest.fr"
    assert Membership.objects.get(organisation=organisation).user == applicant
    assert Membership.objects.get(organisation=organisation).role == Role.ADMIN


def test_organisation_create_wrong_siret_says_it_does_not_exist(client, applicant):
    client.force_login(applicant)
    response = client.post(CREATE_URL, creation_data(siret="13002526500014"))
    assert response.status_code == 200
    assert "Ce SIRET n&#x27;existe pas" in response.content.decode()
    assert not Organisation.objects.exists()


def test_organisation_create_siret_of_wrong_length_says_fourteen_digits(client, applicant):
    client.force_login(applicant)
    response = client.post(CREATE_URL, creation_data(siret="123"))
    assert "exactement 14 chiffres" in response.content.decode()
    assert not Organisation.objects.exists()


def test_organisation_create_duplicate_siret_is_refused(client, applicant):
    OrganisationFactory(name="Déjà là", siret=valid_siret(7))
    client.force_login(applicant)
    response = client.post(CREATE_URL, creation_data(siret=valid_siret(7)))
    assert response.status_code == 200
    assert "Une organisation avec ce SIRET existe déjà" in response.content.decode()
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"name": "  "}, "Indiquez le nom de l’organisation."),
        ({"kind": ""}, "Choisissez le type de l’organisation dans la liste."),
        ({"kind": "royaume"}, "Choisissez le type de l’organisation dans la liste."),
        ({"website": "pas une adresse"}, "Cette adresse de site n’est pas valide"),
    ],
)
def test_organisation_create_mistakes_say_how_to_fix(client, applicant, overrides, message):
    client.force_login(applicant)
    response = client.post(CREATE_URL, creation_data(**overrides))
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_organisation_create_too_long_name_is_refused(client, applicant):
    client.force_login(applicant)
    response = client.post(CREATE_URL, creation_data(name="M" * 201))
    assert response.status_code == 200
    assert "au plus 200 caractères" in response.content.decode()
    assert not Organisation.objects.exists()


def test_organisation_create_keeps_the_input_after_a_mistake(client, applicant):
    client.force_login(applicant)
    response = client.post(
        CREATE_URL, creation_data(siret="13002526500014", description="Texte à garder")
    )
    html = response.content.decode()
    assert "Mairie de Brest" in html and "Texte à garder" in html


def test_organisation_create_never_takes_a_reserved_slug(client, applicant):
    client.force_login(applicant)
    client.post(CREATE_URL, creation_data(name="Nouvelle"))
    organisation = Organisation.objects.get()
    assert organisation.slug != "nouvelle"
    assert client.get(reverse("organisations:detail", args=[organisation.slug])).status_code == 200


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bretagne", "bretagne"),
        ("bretagne (région)", "bretagne"),
        ("Finistere", "finistere"),
        ("29", "finistere"),
        ("Finistère (département 29)", "finistere"),
        ("29019", "brest"),
        ("Brest (29)", "brest"),
        ("Paris (75)", "paris"),
        ("75056", "paris"),
    ],
)
def test_organisation_create_territory_by_name_label_or_code(
    client, applicant, territories, text, expected
):
    client.force_login(applicant)
    client.post(CREATE_URL, creation_data(territory=text))
    assert Organisation.objects.get().territory == territories[expected]


def test_organisation_create_ambiguous_territory_lists_the_choices(client, applicant, territories):
    client.force_login(applicant)
    html = client.post(CREATE_URL, creation_data(territory="Paris")).content.decode()
    assert "Plusieurs territoires s’appellent « Paris »" in html
    assert "Paris (département 75)" in html and "Paris (75)" in html
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    "text, message",
    [
        ("Bres", "Vouliez-vous dire : « Brest (29) » ?"),
        ("Atlantide", "Aucun territoire ne s’appelle « Atlantide »"),
        ("99999", "Aucun territoire n’a le code INSEE « 99999 »"),
    ],
)
def test_organisation_create_unknown_territory_says_how_to_fix(
    client, applicant, territories, text, message
):
    client.force_login(applicant)
    html = client.post(CREATE_URL, creation_data(territory=text)).content.decode()
    assert message in html
    assert not Organisation.objects.exists()


# Edition


def test_organisation_edit_by_administrator_saves(client, organisation, org_admin, territories):
    organisation.territory = territories["finistere"]
    organisation.save()
    client.force_login(org_admin)
    url = reverse("organisations:edit", args=[organisation.slug])
    assert "Finistère (département 29)" in client.get(url).content.decode()
    response = client.post(
        url, creation_data(name="Nouveau nom", territory="Finistère (département 29)")
    )
    organisation.refresh_from_db()
    assert response.status_code == 302
    assert organisation.name == "Nouveau nom"
    assert organisation.territory == territories["finistere"]


def test_organisation_edit_duplicate_siret_is_refused(client, organisation, org_admin):
    OrganisationFactory(siret=valid_siret(3))
    client.force_login(org_admin)
    url = reverse("organisations:edit", args=[organisation.slug])
    response = client.post(url, creation_data(siret=valid_siret(3)))
    assert "Une organisation avec ce SIRET existe déjà" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.siret == ""


def test_organisation_edit_keeps_its_own_siret(client, org_admin):
    organisation = Membership.objects.get(user=org_admin).organisation
    organisation.siret = valid_siret(5)
    organisation.save()
    client.force_login(org_admin)
    url = reverse("organisations:edit", args=[organisation.slug])
    response = client.post(url, creation_data(siret=valid_siret(5), name="Renommée"))
    assert response.status_code == 302


def test_person_can_belong_to_several_organisations(client):
    user = UserFactory()
    first, second = MembershipFactory(user=user), MembershipFactory(user=user, role="admin")
    client.force_login(user)
    for membership in (first, second):
        url = reverse("organisations:detail", args=[membership.organisation.slug])
        assert "Quitter l’organisation" in client.get(url).content.decode()
