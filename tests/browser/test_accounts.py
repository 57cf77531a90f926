"""Accounts and organisations in a real browser: from signing up to a member's first visit.

Every page the people below see is audited by axe-core (the `visit`/`axe` fixtures).
E-mails land in Django's outbox (the live server runs in this process); their links are
followed on the live server.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from essaim.accounts.models import Membership, Role
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.browser

LINK_PATH = re.compile(r"https?://[^/\s]+(/\S+)")


def link_in_last_email(to: str, path_prefix: str) -> str:
    """The path of the link starting with `path_prefix` in the last e-mail sent to `to`."""
    message = [m for m in mail.outbox if m.to == [to]][-1]
    paths = [p for p in LINK_PATH.findall(message.body) if p.startswith(path_prefix)]
    assert paths, message.body
    return paths[0]


def fill_signup(page, *, first_name, last_name, email=None):
    if email is not None:
        page.get_by_label("Adresse électronique").fill(email)
    page.locator("#id_first_name").fill(first_name)
    page.locator("#id_last_name").fill(last_name)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    terms = page.get_by_role("checkbox", name=re.compile("J’accepte les conditions"))
    terms.focus()  # the label holds a link: tick the box from the keyboard
    page.keyboard.press("Space")
    expect(terms).to_be_checked()
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez vos courriels")


def test_sign_up_confirm_sign_in_create_organisation_and_invite_a_new_member(
    page, new_page, visit, axe
):
    # Sign up, then confirm the address with the link of the e-mail.
    visit("/compte/inscription/")
    fill_signup(page, email="Claire.Admin@Exemple.fr", first_name="Claire", last_name="Admin")
    axe()
    visit(link_in_last_email("claire.admin@exemple.fr", "/compte/confirmation/"))
    expect(page.get_by_text("Votre adresse est confirmée")).to_be_visible()

    # Sign out, then sign in with the password.
    page.get_by_role("button", name="Se déconnecter").first.click()
    expect(page.get_by_text("Vous êtes déconnecté")).to_be_visible()
    axe()
    visit("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill("claire.admin@exemple.fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    axe()

    # Create an organisation: its creator is its administrator.
    visit("/organisations/nouvelle/")
    page.get_by_label("Nom de l’organisation").fill("Laboratoire des Hauts")
    page.get_by_label("Type d’organisation").select_option(
        label="Laboratoire d'innovation publique"
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("vous en êtes l’administrateur")).to_be_visible()
    axe()

    # Invite someone who has no account yet.
    page.get_by_role("link", name="Gérer les membres").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Membres de")
    axe()
    page.get_by_label("Adresse électronique de la personne à inviter").fill("dominique@exemple.fr")
    page.locator("#id_role").select_option(label="Éditeur")
    page.get_by_role("button", name="Envoyer l’invitation").click()
    expect(page.get_by_text("Invitation envoyée à dominique@exemple.fr")).to_be_visible()
    axe()

    # The invitee follows the e-mailed link: sign-up, with their address already filled in.
    invitee = new_page()
    invitation = link_in_last_email("dominique@exemple.fr", "/organisations/invitations/")
    visit(invitation, page=invitee)
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Créer un compte")
    expect(invitee.get_by_label("Adresse électronique")).to_have_value("dominique@exemple.fr")
    fill_signup(invitee, first_name="Dominique", last_name="Petit")
    axe(invitee)

    # Confirming the address leads back to the invitation, which they accept.
    visit(link_in_last_email("dominique@exemple.fr", "/compte/confirmation/"), page=invitee)
    expect(invitee.get_by_role("heading", level=1)).to_have_text(
        "Rejoindre « Laboratoire des Hauts »"
    )
    invitee.get_by_role("button", name="Rejoindre l’organisation").click()
    expect(invitee.get_by_text("Bienvenue dans l’organisation")).to_be_visible()
    axe(invitee)

    # The administrator sees the new member, with the role given in the invitation.
    visit(page.url.split("#")[0])
    row = page.get_by_role("row").filter(has_text="dominique@exemple.fr")
    expect(row).to_contain_text("Dominique Petit")
    expect(page.get_by_text("Aucune invitation en attente.")).to_be_visible()
    member = Membership.objects.get(user__email="dominique@exemple.fr")
    assert (member.organisation.name, member.role) == ("Laboratoire des Hauts", Role.EDITOR)
