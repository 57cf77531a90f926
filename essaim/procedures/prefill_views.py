"""Pre-filling links: the page a link opens (what will be filled in, then « Commencer », a
POST), and the builder's page where editors make, list and revoke links."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from essaim.core.forms import DsfrForm
from essaim.procedures import prefill, retention, services
from essaim.procedures.builder_views import breadcrumb, editor_required
from essaim.procedures.fields import registry
from essaim.procedures.models import PrefillLink, Procedure
from essaim.procedures.spec import FormSpec


def prefill_start(request, slug, token):
    procedure = get_object_or_404(Procedure.objects.published(), slug=slug)
    try:
        answers = prefill.read_link(token, procedure)
    except prefill.PrefillLinkError as error:
        messages.error(request, error.message)
        return redirect("procedures:detail", slug=procedure.slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            dossier = services.start_dossier(
                procedure=procedure, applicant=request.user, prefill=answers
            )
        except PermissionDenied:
            messages.error(
                request, _("Cette démarche n’accepte pas de nouveau dossier de votre part.")
            )
            return redirect("procedures:detail", slug=procedure.slug)
        messages.success(
            request, _("Votre dossier est commencé avec les informations déjà connues.")
        )
        return redirect("procedures:dossier", public_id=dossier.public_id)
    context = {
        "procedure": procedure,
        "rows": prefill.preview_rows(procedure, answers),
        "breadcrumb_data": {"links": [], "current": procedure.title},
    }
    return render(request, "procedures/apply/prefill.html", context)


# Builder -------------------------------------------------------------------------------------


class PrefillLinkForm(DsfrForm):
    label = forms.CharField(
        label=gettext_lazy("Nom du lien"),
        max_length=120,
        help_text=gettext_lazy("Pour le retrouver dans la liste, par exemple « Courrier CCAS »."),
    )
    answers = forms.CharField(
        label=gettext_lazy("Réponses pré-remplies"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=gettext_lazy(
            "Une réponse par ligne : « identifiant = valeur » (identifiants dans le tableau "
            "ci-dessous). Plusieurs valeurs séparées par des virgules pour un choix multiple."
        ),
    )
    days = forms.IntegerField(
        label=gettext_lazy("Durée de validité (jours)"),
        min_value=1,
        max_value=prefill.MAX_DAYS,
        initial=prefill.DEFAULT_DAYS,
    )

    def __init__(self, *args, procedure, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure

    def clean(self):
        cleaned = super().clean()
        if "answers" not in cleaned:
            return cleaned
        try:
            answers = prefill.parse_answers(cleaned["answers"], self.procedure)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        problems = prefill.prefill_problems(self.procedure, answers)
        if problems:
            self.add_error(
                "answers",
                [
                    _("« %(key)s » : %(message)s") % {"key": key, "message": message}
                    for key, message in problems.items()
                ],
            )
        elif not answers:
            self.add_error("answers", _("Indiquez au moins une réponse à pré-remplir."))
        cleaned["answers"] = answers
        return cleaned


def _prefillable(procedure) -> list:
    """The questions a link may fill: public inputs of the published form, no documents."""
    version = procedure.published_version
    if version is None:
        return []
    return [
        field
        for field in FormSpec.for_version(version).by_key.values()
        if registry.get(field.type).is_input and field.type not in {"attachment", "repeatable"}
    ]


def _links_page(request, procedure, form=None, status=200):
    title = _("Liens de pré-remplissage")
    context = {
        "procedure": procedure,
        "form": form or PrefillLinkForm(procedure=procedure, prefix="lien"),
        "links": procedure.prefill_links.select_related("created_by", "api_token"),
        "questions": _prefillable(procedure),
        "register_days": retention.PREFILL_REGISTER_DAYS,
        "title": title,
        **breadcrumb(title, procedure),
    }
    return render(request, "procedures/builder/prefill_links.html", context, status=status)


@editor_required
def prefill_links(request, procedure):
    if request.method != "POST":
        return _links_page(request, procedure)
    if procedure.published_version is None:
        messages.error(request, _("Publiez d’abord le formulaire de la démarche."))
        return redirect("procedures:builder_prefill_links", pk=procedure.pk)
    form = PrefillLinkForm(request.POST, procedure=procedure, prefix="lien")
    if not form.is_valid():
        messages.error(request, _("Le lien n’est pas créé : voyez le message en rouge."))
        return _links_page(request, procedure, form, status=400)
    data = form.cleaned_data
    prefill.make_link(
        procedure, data["answers"], days=data["days"], label=data["label"], by=request.user
    )
    messages.success(request, _("Lien créé : copiez-le dans la liste ci-dessous."))
    return redirect("procedures:builder_prefill_links", pk=procedure.pk)


@require_POST
@editor_required
def prefill_link_revoke(request, procedure, link_pk):
    link = get_object_or_404(PrefillLink, pk=link_pk, procedure=procedure)
    prefill.revoke_link(link, by=request.user)
    messages.success(request, _("Lien retiré : il est refusé dès maintenant."))
    return redirect("procedures:builder_prefill_links", pk=procedure.pk)
