"""Organisation pages: public list and page, creation, edition, members and invitations."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.accounts import org_services as services
from essaim.accounts import permissions
from essaim.accounts.models import Invitation, Membership, Organisation, Role
from essaim.accounts.org_forms import (
    InvitationForm,
    OrganisationFilterForm,
    OrganisationForm,
    RoleForm,
    territory_label,
)
from essaim.accounts.org_queries import memberships_of, pending_invitations, search_organisations
from essaim.core.refusals import forbidden_page

PAGE_SIZE = 20
T = "accounts/organisations/"


def _breadcrumb(current, *links) -> dict:
    organisations = {"url": reverse("organisations:list"), "title": _("Organisations")}
    return {"breadcrumb_data": {"links": [organisations, *links], "current": current}}


def _organisation_link(organisation) -> dict:
    return {"url": reverse("organisations:detail", args=[organisation.slug]), "title": organisation}


def _forbidden(request, message):
    back_url = reverse("organisations:list")
    back_label = _("Revenir aux organisations")
    return forbidden_page(request, message, back_url=back_url, back_label=back_label)


def _managed_or_403(request, slug):
    """(organisation, None) if the user administers it, else (organisation, a 403 response)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if permissions.can_manage_organisation(request.user, organisation):
        return organisation, None
    return organisation, _forbidden(
        request, _("Seuls les administrateurs de l’organisation peuvent faire cela.")
    )


def organisation_list(request):
    filters = OrganisationFilterForm(request.GET)
    organisations = search_organisations(**filters.filters())
    paginator = Paginator(organisations, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.pages_list = paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return render(
        request,
        T + "list.html",
        {"filters": filters, "page_obj": page, **_breadcrumb(_("Organisations"))},
    )


def _grouped_siret(siret: str) -> str:
    """Show 13002526500013 as 130 025 265 00013: the SIREN by threes, then the NIC."""
    if len(siret) != 14:
        return siret
    return "\u00a0".join([siret[0:3], siret[3:6], siret[6:9], siret[9:]])


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("territory"), slug=slug)
    user = request.user
    show_members = permissions.can_see_members(user, organisation)
    context = {
        "organisation": organisation,
        "territory_label": territory_label(organisation.territory)
        if organisation.territory
        else "",
        "siret_display": _grouped_siret(organisation.siret),
        "memberships": memberships_of(organisation) if show_members else None,
        "can_manage": permissions.can_manage_organisation(user, organisation),
        "is_member": permissions.is_member(user, organisation),
        **_breadcrumb(organisation.name),
    }
    return render(request, T + "detail.html", context)


def _save_organisation(form, service, **arguments):
    """Call `service` with the form's data; None with the errors put on the form."""
    data = {field: form.cleaned_data[field] for field in services.EDITABLE_FIELDS}
    try:
        return service(**data, **arguments)
    except services.OrganisationRuleError as error:
        form.add_error("siret", error.message)
    except ValidationError as error:
        form.add_error(None, error)
    return None


@login_required
def organisation_create(request):
    if not permissions.can_create_organisation(request.user):
        return _forbidden(
            request,
            _(
                "Confirmez d’abord votre adresse électronique (suivez le lien du message que "
                "nous vous avons envoyé), puis revenez créer votre organisation."
            ),
        )
    form = OrganisationForm(request.POST or None)
    if form.is_valid():
        organisation = _save_organisation(form, services.create_organisation, by=request.user)
        if organisation:
            messages.success(
                request,
                _("L’organisation « %(name)s » est créée : vous en êtes l’administrateur.")
                % {"name": organisation.name},
            )
            return redirect("organisations:detail", organisation.slug)
    context = {"form": form, "title": _("Créer une organisation"), **_breadcrumb(_("Créer"))}
    return render(request, T + "form.html", context)


@login_required
def organisation_edit(request, slug):
    organisation, refused = _managed_or_403(request, slug)
    if refused:
        return refused
    form = OrganisationForm(request.POST or None, instance=organisation)
    if form.is_valid():
        saved = _save_organisation(
            form, services.update_organisation, organisation=organisation, by=request.user
        )
        if saved:
            messages.success(request, _("Les modifications sont enregistrées."))
            return redirect("organisations:detail", organisation.slug)
    organisation.refresh_from_db()  # the form validation changed the instance in memory
    context = {
        "form": form,
        "organisation": organisation,
        "title": _("Modifier l’organisation"),
        **_breadcrumb(_("Modifier"), _organisation_link(organisation)),
    }
    return render(request, T + "form.html", context)


@login_required
def members(request, slug):
    organisation, refused = _managed_or_403(request, slug)
    if refused:
        return refused
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        try:
            invitation, created = services.invite_member(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except services.OrganisationRuleError as error:
            form.add_error("email", error.message)
        else:
            message = (
                _("Invitation envoyée à %(email)s.")
                if created
                else _("%(email)s avait déjà une invitation : nous la lui avons renvoyée.")
            )
            messages.success(request, message % {"email": invitation.email})
            return redirect("organisations:members", organisation.slug)
    context = {
        "organisation": organisation,
        "form": form,
        "rows": [(m, RoleForm(membership=m)) for m in memberships_of(organisation)],
        "invitations": pending_invitations(organisation),
        **_breadcrumb(_("Membres"), _organisation_link(organisation)),
    }
    return render(request, T + "members.html", context)


@login_required
@require_POST
def change_role(request, slug, pk):
    organisation, refused = _managed_or_403(request, slug)
    if refused:
        return refused
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    form = RoleForm(request.POST, membership=membership)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle dans la liste."))
        return redirect("organisations:members", organisation.slug)
    try:
        membership = services.change_role(
            membership=membership, role=form.cleaned_data["role"], by=request.user
        )
    except services.OrganisationRuleError as error:
        messages.error(request, error.message)
        return redirect("organisations:members", organisation.slug)
    messages.success(
        request,
        _("%(name)s est maintenant « %(role)s ».")
        % {"name": membership.user.display_name, "role": Role(membership.role).label},
    )
    if not permissions.can_manage_organisation(request.user, organisation):
        return redirect("organisations:detail", organisation.slug)
    return redirect("organisations:members", organisation.slug)


def _confirm_removal(request, organisation, membership, *, leaving):
    """Confirmation page (GET) then removal (POST), shared by "remove" and "leave"."""
    back_to = "organisations:detail" if leaving else "organisations:members"
    back = reverse(back_to, args=[organisation.slug])
    if request.method == "POST":
        try:
            services.remove_member(membership=membership, by=request.user)
        except services.OrganisationRuleError as error:
            messages.error(request, error.message)
            return redirect(back)
        if leaving:
            message = _("Vous avez quitté l’organisation « %(name)s ».")
            messages.success(request, message % {"name": organisation.name})
            return redirect("organisations:detail", organisation.slug)
        message = _("%(name)s ne fait plus partie de l’organisation.")
        messages.success(request, message % {"name": membership.user.display_name})
        return redirect(back)
    title = _("Quitter l’organisation") if leaving else _("Retirer un membre")
    context = {
        "organisation": organisation,
        "membership": membership,
        "leaving": leaving,
        "back": back,
        "title": title,
        **_breadcrumb(title, _organisation_link(organisation)),
    }
    return render(request, T + "confirm_removal.html", context)


@login_required
def remove_member(request, slug, pk):
    organisation, refused = _managed_or_403(request, slug)
    if refused:
        return refused
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=organisation
    )
    return _confirm_removal(
        request, organisation, membership, leaving=membership.user_id == request.user.pk
    )


@login_required
def leave(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    membership = Membership.objects.filter(organisation=organisation, user=request.user).first()
    if membership is None:
        return _forbidden(request, _("Vous ne faites pas partie de cette organisation."))
    return _confirm_removal(request, organisation, membership, leaving=True)


@login_required
@require_POST
def cancel_invitation(request, slug, pk):
    organisation, refused = _managed_or_403(request, slug)
    if refused:
        return refused
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    services.cancel_invitation(invitation=invitation, by=request.user)
    messages.success(
        request, _("L’invitation de %(email)s est annulée.") % {"email": invitation.email}
    )
    return redirect("organisations:members", organisation.slug)


_UNUSABLE_STATUS = {"used": 410, "expired": 410, "wrong_user": 403}


def _invitation_problem(request, message, status):
    return render(request, T + "invitation_invalid.html", {"message": message}, status=status)


def _to_sign_in(request, invitation):
    """Anonymous visitors sign in (known address) or sign up, then come back here."""
    known = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    query = QueryDict(mutable=True)
    query["next"] = request.get_full_path()
    if not known:
        query["email"] = invitation.email
    url = reverse("accounts:login" if known else "accounts:signup")
    return redirect(f"{url}?{query.urlencode()}")


def invitation(request, token):
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    )
    if invitation is None:
        message = _(
            "Ce lien d’invitation n’est pas valide : vérifiez que vous avez copié l’adresse "
            "complète du message, ou demandez une nouvelle invitation à l’organisation."
        )
        return _invitation_problem(request, message, 404)
    user = request.user if request.user.is_authenticated else None
    try:
        services.check_invitation(invitation=invitation, user=user)
    except services.InvitationUnusable as error:
        return _invitation_problem(request, error.message, _UNUSABLE_STATUS[error.code])
    if user is None:
        return _to_sign_in(request, invitation)
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, user=user)
        except services.InvitationUnusable as error:
            return _invitation_problem(request, error.message, _UNUSABLE_STATUS[error.code])
        messages.success(
            request,
            _("Bienvenue dans l’organisation « %(name)s » !")
            % {"name": invitation.organisation.name},
        )
        return redirect("organisations:detail", invitation.organisation.slug)
    context = {
        "invitation": invitation,
        "already_member": permissions.is_member(user, invitation.organisation),
        **_breadcrumb(_("Invitation")),
    }
    return render(request, T + "invitation.html", context)
