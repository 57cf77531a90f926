"""The « Intégrations » page of a procedure: webhooks (with their delivery log) and API tokens.

Both hand the dossiers' personal data to other software, so only administrators of the
procedure's organisation (and platform operators) manage them.
"""

import functools

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from essaim.accounts.permissions import can_manage_organisation
from essaim.core.forms import DsfrForm
from essaim.procedures import integrations_services as integrations
from essaim.procedures import webhooks
from essaim.procedures.builder_views import breadcrumb, forbidden
from essaim.procedures.models import ApiToken, Procedure, Webhook, WebhookDelivery

T = "procedures/builder/"
NOT_ADMIN = _(
    "Seuls les administrateurs de l’organisation responsable de la démarche gèrent ses "
    "intégrations (webhooks et jetons d’API), car elles transmettent les données des dossiers."
)


class WebhookForm(DsfrForm):
    url = forms.URLField(
        label=gettext_lazy("Adresse de réception"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Par exemple https://logiciel-metier.exemple.fr/essaim"),
    )
    include_answers = forms.BooleanField(
        label=gettext_lazy("Inclure les réponses et annotations dans chaque envoi"),
        required=False,
        initial=True,
    )


class TokenForm(DsfrForm):
    name = forms.CharField(
        label=gettext_lazy("Nom du jeton"),
        max_length=100,
        help_text=gettext_lazy("Le logiciel qui l’utilise, par exemple « IODAS »."),
    )
    write = forms.BooleanField(
        label=gettext_lazy("Autoriser aussi les changements d’état des dossiers"),
        required=False,
    )
    only_this = forms.BooleanField(
        label=gettext_lazy("Limiter le jeton à cette démarche"),
        required=False,
        initial=True,
    )


def admin_required(view):
    """Sign-in, then the procedure (from `pk`) passed to `view` for its organisation's
    administrators; a 403 page for everyone else."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        procedure = get_object_or_404(Procedure.objects.select_related("organisation"), pk=pk)
        if not can_manage_organisation(request.user, procedure.organisation):
            return forbidden(request, NOT_ADMIN)
        return view(request, procedure, *args, **kwargs)

    return wrapper


def _page(request, procedure, *, webhook_form=None, token_form=None, new_token="", status=200):
    title = _("Intégrations")
    deliveries = list(
        WebhookDelivery.objects.filter(webhook__procedure=procedure)
        .select_related("webhook")
        .order_by("-created_at")[:30]
    )
    context = {
        "procedure": procedure,
        "webhooks": procedure.webhooks.order_by("pk"),
        "deliveries": deliveries,
        "delivery_attempts": [(d, webhooks.attempts_of(d)) for d in deliveries if d.log],
        "tokens": ApiToken.objects.filter(organisation=procedure.organisation)
        .prefetch_related("procedures")
        .order_by("-created_at"),
        "webhook_form": webhook_form or WebhookForm(prefix="webhook"),
        "token_form": token_form or TokenForm(prefix="jeton"),
        "new_token": new_token,
        "title": title,
        **breadcrumb(title, procedure),
    }
    return render(request, T + "integrations.html", context, status=status)


@admin_required
def integrations_page(request, procedure):
    return _page(request, procedure)


@require_POST
@admin_required
def webhook_add(request, procedure):
    form = WebhookForm(request.POST, prefix="webhook")
    if not form.is_valid():
        messages.error(request, _("Le webhook n’est pas ajouté : voyez le message en rouge."))
        return _page(request, procedure, webhook_form=form, status=400)
    integrations.add_webhook(procedure=procedure, by=request.user, **form.cleaned_data)
    messages.success(
        request,
        _("Webhook ajouté : chaque changement d’état d’un dossier y sera envoyé, signé."),
    )
    return redirect("procedures:builder_integrations", pk=procedure.pk)


@require_POST
@admin_required
def webhook_delete(request, procedure, webhook_pk):
    webhook = get_object_or_404(Webhook, pk=webhook_pk, procedure=procedure)
    integrations.delete_webhook(webhook, by=request.user)
    messages.success(request, _("Webhook supprimé."))
    return redirect("procedures:builder_integrations", pk=procedure.pk)


@require_POST
@admin_required
def delivery_retry(request, procedure, delivery_pk):
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_pk, webhook__procedure=procedure)
    webhooks.redeliver(delivery)
    messages.success(request, _("Envoi relancé : son résultat s’affiche dans le journal."))
    return redirect("procedures:builder_integrations", pk=procedure.pk)


@require_POST
@admin_required
def token_add(request, procedure):
    form = TokenForm(request.POST, prefix="jeton")
    if not form.is_valid():
        messages.error(request, _("Le jeton n’est pas créé : voyez le message en rouge."))
        return _page(request, procedure, token_form=form, status=400)
    data = form.cleaned_data
    _token, raw = integrations.create_token(
        organisation=procedure.organisation,
        name=data["name"],
        scopes=integrations.SCOPES if data["write"] else (integrations.READ,),
        procedures=[procedure] if data["only_this"] else [],
        by=request.user,
    )
    # Shown once, never stored in clear: no redirect, so it is not in any URL or message.
    return _page(request, procedure, new_token=raw)


@require_POST
@admin_required
def token_revoke(request, procedure, token_pk):
    token = get_object_or_404(ApiToken, pk=token_pk, organisation=procedure.organisation)
    integrations.revoke_token(token, by=request.user)
    messages.success(request, _("Jeton révoqué : il est refusé dès maintenant."))
    return redirect("procedures:builder_integrations", pk=procedure.pk)
