import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from essaim.catalogue.history import RevisionAction
from essaim.catalogue.models import Initiative, Theme
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.catalogue.factories import InitiativeFactory, LabFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    """A complete, valid POST of the editing page (formsets included)."""
    data = {
        "title": "Un guichet unique pour les aides d’urgence",
        "pitch": "Les habitants demandent toutes les aides d’urgence en une seule fois.",
        "problem": "Chaque aide avait son formulaire.\n\nLes délais s’allongeaient.",
        "solution": "<p>Un seul dossier <script>alert(1)</script><strong>partagé</strong>.</p>",
        "beneficiaries": ["citizens"],
        "themes": [Theme.objects.get(slug="social").pk],
        "territory": "",
        "is_national": "on",
        "government_level": "departmental",
        "facet": "enhancement",
        "etapes-TOTAL_FORMS": "1",
        "etapes-INITIAL_FORMS": "0",
        "etapes-0-stage": "experiment",
        "etapes-0-date": "2020-11-02",
        "indicateurs-TOTAL_FORMS": "1",
        "indicateurs-INITIAL_FORMS": "0",
        "indicateurs-0-label": "Propositions",
        "indicateurs-0-value": "120",
        "indicateurs-0-unit": "propositions",
        "liens-TOTAL_FORMS": "0",
        "liens-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def edit_data(initiative, **overrides):
    """The POST of the editing page of an existing initiative, unchanged but for overrides."""
    changes = initiative.stage_changes.all()
    data = form_data(
        title=initiative.title,
        pitch=initiative.pitch,
        problem=initiative.problem,
        solution=initiative.solution,
        themes=list(initiative.themes.values_list("pk", flat=True)),
        carriers=list(initiative.carriers.values_list("pk", flat=True)),
        labs=list(initiative.labs.values_list("pk", flat=True)),
        **{"etapes-TOTAL_FORMS": str(len(changes)), "etapes-INITIAL_FORMS": str(len(changes))},
        **{"indicateurs-TOTAL_FORMS": "0", "indicateurs-INITIAL_FORMS": "0"},
    )
    for n, change in enumerate(changes):
        data.update(
            {
                f"etapes-{n}-id": change.pk,
                f"etapes-{n}-stage": change.stage,
                f"etapes-{n}-date": change.date.isoformat(),
            }
        )
    data.update(overrides)
    return data


@pytest.fixture
def carried(organisation):
    initiative = InitiativeFactory(title="Alléger l’instruction", carriers=[organisation])
    initiative.stage_changes.create(stage="idea", date="2020-01-15")
    return initiative


@pytest.fixture
def operator(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="moderate_initiative"))
    return user


def test_create_by_editor_saves_a_sanitised_draft(client, editor, organisation):
    client.force_login(editor)
    response = client.post(reverse("catalogue:create"), form_data(carriers=[organisation.pk]))
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url == initiative.get_absolute_url()
    assert initiative.publication_state == "draft" and initiative.created_by == editor
    assert (
        "<script>" not in initiative.solution and "<strong>partagé</strong>" in initiative.solution
    )
    assert initiative.problem.count("<p>") == 2
    assert initiative.stage == "experiment" and initiative.indicators.get().value == 120
    assert initiative.revisions.get().action == RevisionAction.CREATED


def test_create_by_anonymous_redirects_to_login(client):
    response = client.get(reverse("catalogue:create"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_create_by_member_not_editor_is_forbidden(client, agent):
    client.force_login(agent)
    assert client.get(reverse("catalogue:create")).status_code == 403


def test_create_for_an_organisation_of_someone_else_is_refused(client, editor, other_organisation):
    client.force_login(editor)
    response = client.post(reverse("catalogue:create"), form_data(carriers=[other_organisation.pk]))
    assert response.status_code == 200 and not Initiative.objects.exists()
    assert "carriers" in response.context["form"].errors


def test_create_without_any_stage_says_what_to_fix(client, editor, organisation):
    client.force_login(editor)
    data = form_data(carriers=[organisation.pk], **{"etapes-0-stage": "", "etapes-0-date": ""})
    response = client.post(reverse("catalogue:create"), data)
    assert response.status_code == 200 and not Initiative.objects.exists()
    assert response.context["stage_formset"].non_form_errors()
    # Nothing typed is lost.
    assert response.context["form"]["pitch"].value() == data["pitch"]


def test_create_with_a_stop_but_no_reason_asks_for_it(client, editor, organisation):
    client.force_login(editor)
    data = form_data(carriers=[organisation.pk], **{"etapes-0-stage": "stopped"})
    response = client.post(reverse("catalogue:create"), data)
    assert "stopped_reason" in response.context["form"].errors


def test_create_with_a_future_stage_date_is_refused(client, editor, organisation):
    client.force_login(editor)
    data = form_data(carriers=[organisation.pk], **{"etapes-0-date": "2999-01-01"})
    response = client.post(reverse("catalogue:create"), data)
    assert "futur" in response.content.decode() and not Initiative.objects.exists()


def test_create_lookalike_asks_for_confirmation_then_saves(client, editor, organisation):
    InitiativeFactory(title="Un guichet unique pour les aides d’urgence sociale")
    client.force_login(editor)
    data = form_data(carriers=[organisation.pk])
    response = client.post(reverse("catalogue:create"), data)
    assert response.status_code == 200 and Initiative.objects.count() == 1
    assert [i.title for i in response.context["lookalikes"]] == [
        "Un guichet unique pour les aides d’urgence sociale"
    ]
    assert "Cette initiative existe peut-être déjà" in response.content.decode()
    # Submitting again without ticking the box keeps asking.
    data["duplicate_check_shown"] = "1"
    response = client.post(reverse("catalogue:create"), data)
    assert "confirm_not_duplicate" in response.context["form"].errors
    data["confirm_not_duplicate"] = "on"
    response = client.post(reverse("catalogue:create"), data)
    assert response.status_code == 302 and Initiative.objects.count() == 2


def test_create_unrelated_title_has_no_lookalike(client, editor, organisation):
    InitiativeFactory(title="Covidom, le télésuivi des patients")
    client.force_login(editor)
    response = client.post(reverse("catalogue:create"), form_data(carriers=[organisation.pk]))
    assert response.status_code == 302


def test_edit_by_editor_of_the_carrier_is_saved_and_kept_in_history(client, editor, carried):
    client.force_login(editor)
    response = client.post(
        reverse("catalogue:edit", args=[carried.slug]), edit_data(carried, pitch="Nouveau pitch.")
    )
    assert response.status_code == 302
    carried.refresh_from_db()
    assert carried.pitch == "Nouveau pitch."
    revision = carried.revisions.get()
    assert revision.action == RevisionAction.EDITED and revision.author == editor


def test_edit_by_editor_of_a_supporting_lab_is_allowed(client, carried):
    lab = LabFactory()
    carried.labs.add(lab)
    lab_editor = MembershipFactory(organisation=lab, role="editor").user
    client.force_login(lab_editor)
    assert client.get(reverse("catalogue:edit", args=[carried.slug])).status_code == 200


def test_edit_by_editor_of_another_organisation_is_forbidden(client, other_agent, carried):
    client.force_login(other_agent)
    url = reverse("catalogue:edit", args=[carried.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, edit_data(carried, title="Piraté")).status_code == 403
    carried.refresh_from_db()
    assert carried.title != "Piraté"


def test_edit_by_member_not_editor_is_forbidden(client, agent, carried):
    client.force_login(agent)
    assert client.get(reverse("catalogue:edit", args=[carried.slug])).status_code == 403


def test_edit_by_anonymous_redirects_to_login(client, carried):
    response = client.get(reverse("catalogue:edit", args=[carried.slug]))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_edit_draft_of_another_organisation_is_not_found(client, other_agent, organisation):
    draft = InitiativeFactory(draft=True, carriers=[organisation])
    client.force_login(other_agent)
    assert client.get(reverse("catalogue:edit", args=[draft.slug])).status_code == 404


def test_history_revert_restores_the_earlier_content(client, editor, carried):
    client.force_login(editor)
    url = reverse("catalogue:edit", args=[carried.slug])
    client.post(url, edit_data(carried, pitch="Première version."))
    client.post(url, edit_data(carried, pitch="Deuxième version."))
    first = carried.revisions.get(number=1)
    page = client.get(reverse("catalogue:revision", args=[carried.slug, 2]))
    assert "Première version." in page.content.decode()
    client.post(reverse("catalogue:revision", args=[carried.slug, first.number]))
    carried.refresh_from_db()
    assert carried.pitch == "Première version."
    assert carried.revisions.first().action == RevisionAction.REVERTED
    history = client.get(reverse("catalogue:history", args=[carried.slug]))
    assert "Restauration" in history.content.decode()


def test_history_by_editor_of_another_organisation_is_forbidden(client, other_agent, carried):
    client.force_login(other_agent)
    assert client.get(reverse("catalogue:history", args=[carried.slug])).status_code == 403


def test_publication_submit_then_operator_publishes(
    client, editor, organisation, operator, django_capture_on_commit_callbacks
):
    draft = InitiativeFactory(draft=True, carriers=[organisation])
    client.force_login(editor)
    url = reverse("catalogue:publication", args=[draft.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "submit"})
    assert mail.outbox and operator.email in mail.outbox[0].to
    assert client.post(url, {"action": "publish"}).status_code == 403
    client.force_login(operator)
    queue = client.get(reverse("catalogue:moderation"))
    assert draft.title in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "publish"})
    draft.refresh_from_db()
    assert draft.publication_state == "published" and draft.published_by == operator
    assert editor.email in mail.outbox[-1].to
    assert draft.title not in client.get(reverse("catalogue:moderation")).content.decode()


def test_publication_reject_needs_a_note_and_tells_the_editor(
    client, editor, organisation, operator, django_capture_on_commit_callbacks
):
    draft = InitiativeFactory(draft=True, carriers=[organisation])
    client.force_login(editor)
    url = reverse("catalogue:publication", args=[draft.slug])
    client.post(url, {"action": "submit"})
    client.force_login(operator)
    client.post(url, {"action": "reject", "note": ""})
    assert draft.revisions.first().action == RevisionAction.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reject", "note": "Ajoutez un résultat chiffré."})
    assert "Ajoutez un résultat chiffré." in mail.outbox[-1].body
    draft.refresh_from_db()
    assert draft.publication_state == "draft"


def test_moderation_queue_by_editor_is_forbidden(client, editor):
    client.force_login(editor)
    assert client.get(reverse("catalogue:moderation")).status_code == 403


def test_publication_unknown_action_is_a_message_not_an_error(client, editor, carried):
    client.force_login(editor)
    response = client.post(reverse("catalogue:publication", args=[carried.slug]), {"action": "x"})
    assert response.status_code == 302


def test_edit_by_operator_of_any_organisation_is_allowed(client, operator, carried):
    client.force_login(operator)
    response = client.post(
        reverse("catalogue:edit", args=[carried.slug]), edit_data(carried, pitch="Modéré.")
    )
    assert response.status_code == 302
    carried.refresh_from_db()
    assert carried.pitch == "Modéré."
