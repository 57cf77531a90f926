"""Sign-up, sign-in, confirmation, password and personal space pages (thin: services decide)."""

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from essaim.accounts import forms, services
from essaim.accounts.models import Membership

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request, candidate) -> str:
    """`candidate` if it is a page of this site (never another one's), else ""."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _requested_next(request) -> str:
    return _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))


def _with_next(url_name, next_url) -> str:
    if not next_url:
        return reverse(url_name)
    query = QueryDict(mutable=True)
    query["next"] = next_url
    return f"{reverse(url_name)}?{query.urlencode()}"


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if form.is_bound and form.is_unconfirmed:
            context["resend_form"] = forms.ResendConfirmationForm(
                initial={"email": form.cleaned_data.get("username", "")}
            )
        context["signup_url"] = _with_next("accounts:signup", context.get("next", ""))
        return context


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Vous êtes déconnecté. À bientôt !"))
        return response


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:space")
    next_url = _requested_next(request)
    # An invitation sends people here with their address: it is filled in for them.
    form = forms.SignupForm(
        request.POST or None, initial={"email": request.GET.get("email", "")[:254]}
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.register_user(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                next_url=next_url,
            )
        except services.EmailAlreadyUsed:
            form.add_email_taken_error()
        else:
            return redirect("accounts:signup_done")
    context = {
        "form": form,
        "next": next_url,
        "login_url": _with_next("accounts:login", next_url),
    }
    return render(request, "accounts/signup.html", context)


def signup_done(request):
    return render(request, "accounts/signup_done.html")


def confirm_email(request, token):
    try:
        user, newly_confirmed, next_url = services.confirm_email(token=token)
    except services.InvalidConfirmationLink as error:
        return render(
            request,
            "accounts/confirm_invalid.html",
            {
                "expired": isinstance(error, services.ExpiredConfirmationLink),
                "form": forms.ResendConfirmationForm(),
            },
            status=400,
        )
    if not newly_confirmed:
        messages.info(request, _("Votre adresse est déjà confirmée : vous pouvez vous connecter."))
        return redirect(_with_next("accounts:login", _safe_next(request, next_url)))
    login(request, user, backend=MODEL_BACKEND)
    messages.success(request, _("Votre adresse est confirmée. Bienvenue !"))
    return redirect(_safe_next(request, next_url) or "accounts:space")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request):
    if request.method == "POST":
        form = forms.ResendConfirmationForm(request.POST)
        if form.is_valid():
            services.resend_confirmation(
                email=form.cleaned_data["email"], next_url=_requested_next(request)
            )
            return redirect("accounts:signup_done")
    else:
        form = forms.ResendConfirmationForm(initial={"email": request.GET.get("email", "")[:254]})
    context = {"form": form, "next": _requested_next(request)}
    return render(request, "accounts/resend_confirmation.html", context)


@login_required
def space(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return render(request, "accounts/space.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    user = request.user
    form = forms.ProfileForm(
        request.POST or None, initial={"first_name": user.first_name, "last_name": user.last_name}
    )
    if form.is_valid():
        services.update_profile(user, **form.cleaned_data)
        messages.success(request, _("Vos nom et prénom sont enregistrés."))
        return redirect("accounts:space")
    return render(request, "accounts/profile_form.html", {"form": form})


@login_required
def export_data(request):
    body = json.dumps(services.personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = forms.DeleteAccountForm(request.POST or None, user=user)
    orphaned = services.organisations_left_without_admin(user)
    if form.is_valid() and not orphaned:
        try:
            services.anonymise_user(user, by=user)
        except services.LastAdministratorError as error:
            orphaned = error.organisations
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Votre compte est supprimé : vos données personnelles sont effacées et "
                    "vos contributions anonymisées. Merci d’avoir participé."
                ),
            )
            return redirect("core:home")
    return render(
        request, "accounts/delete_account.html", {"form": form, "orphaned_organisations": orphaned}
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password; people who signed in through OIDC may set one without the old."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:space")

    def get_form_class(self):
        if self.request.user.has_usable_password():
            return forms.PasswordChangeForm
        return forms.SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Votre mot de passe est enregistré."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.complete_password_reset(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
