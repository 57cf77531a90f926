"""The « Instructeurs » page of the builder: groups, their routing rule, their agents.

Editors and administrators of the procedure's organisation only (as the rest of the builder).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from essaim.core.forms import DsfrForm
from essaim.procedures import builder_team as team
from essaim.procedures import conditions
from essaim.procedures.builder_forms import ConditionField
from essaim.procedures.builder_views import breadcrumb, editor_required
from essaim.procedures.models import Instructor, InstructorGroup

T = "procedures/builder/"


class GroupForm(DsfrForm):
    name = forms.CharField(label=gettext_lazy("Nom du groupe"), max_length=120)
    routing_condition = ConditionField(
        label=gettext_lazy("Reçoit les dossiers dont les réponses vérifient"),
        help_text=gettext_lazy(
            'Facultatif. Par exemple : departement = "59". Les autres dossiers vont au groupe '
            "par défaut."
        ),
    )

    def __init__(self, *args, known_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known_keys = set(known_keys)

    def clean_routing_condition(self):
        condition = self.cleaned_data["routing_condition"]
        errors = conditions.check(condition, self.known_keys)
        if errors:
            raise forms.ValidationError(errors)
        return condition


class InstructorForm(DsfrForm):
    email = forms.EmailField(
        label=gettext_lazy("Adresse électronique de l’agent"),
        help_text=gettext_lazy("La personne doit déjà avoir un compte."),
    )


def _keys(procedure) -> set[str]:
    version = procedure.published_version or procedure.draft_version
    if version is None:
        return set()
    return set(version.fields.filter(parent__isnull=True).values_list("key", flat=True))


def _back(procedure):
    return redirect("procedures:builder_team", pk=procedure.pk)


@editor_required
def team_page(request, procedure):
    known = _keys(procedure)
    form = GroupForm(
        request.POST if request.method == "POST" else None, known_keys=known, prefix="groupe"
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                team.add_group(
                    procedure,
                    name=form.cleaned_data["name"],
                    routing_condition=form.cleaned_data["routing_condition"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("name", error)
            else:
                messages.success(request, _("Groupe ajouté."))
                return _back(procedure)
        messages.error(request, _("Le groupe n’est pas ajouté : voyez le message en rouge."))
    groups = [
        {
            "group": group,
            "condition_text": (
                conditions.to_text(group.routing_condition) if group.routing_condition else ""
            ),
            "seats": group.instructors.select_related("user").order_by("user__email"),
            "form": InstructorForm(prefix=f"g{group.pk}"),
        }
        for group in procedure.instructor_groups.order_by("position", "pk")
    ]
    title = _("Instructeurs")
    context = {
        "procedure": procedure,
        "groups": groups,
        "form": form,
        "known_keys": sorted(known),
        "title": title,
        **breadcrumb(title, procedure),
    }
    return render(request, T + "team.html", context)


def _group(procedure, group_pk):
    return get_object_or_404(InstructorGroup, pk=group_pk, procedure=procedure)


@require_POST
@editor_required
def team_action(request, procedure, group_pk):
    """Add an agent, make the group the default one, or delete it (field `action`)."""
    group = _group(procedure, group_pk)
    action = request.POST.get("action", "")
    try:
        if action == "add":
            form = InstructorForm(request.POST, prefix=f"g{group.pk}")
            if not form.is_valid():
                raise ValidationError(_("Saisissez une adresse électronique valide."))
            seat = team.add_instructor(group, email=form.cleaned_data["email"], by=request.user)
            done = _("%(name)s instruit désormais les dossiers du groupe « %(group)s ».") % {
                "name": seat.user.display_name,
                "group": group.name,
            }
        elif action == "default":
            team.make_default(group, by=request.user)
            done = _("« %(group)s » est le groupe par défaut.") % {"group": group.name}
        elif action == "delete":
            team.delete_group(group, by=request.user)
            done = _("Groupe supprimé.")
        else:
            raise ValidationError(_("Action inconnue : rechargez la page et réessayez."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(procedure)


@require_POST
@editor_required
def team_remove(request, procedure, seat_pk):
    seat = get_object_or_404(Instructor, pk=seat_pk, group__procedure=procedure)
    team.remove_instructor(seat, by=request.user)
    messages.success(request, _("Agent retiré du groupe."))
    return _back(procedure)
