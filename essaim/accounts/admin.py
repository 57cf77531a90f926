"""The operator's back office: superusers only (organisations manage themselves on the site)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.utils.translation import gettext_lazy as _

from essaim.accounts import services
from essaim.accounts.models import User


def _superusers_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "email_confirmed_at", "is_active"]
    list_filter = ["is_active", "is_superuser", "email_confirmed_at", "anonymised_at"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["last_login", "date_joined", "anonymised_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name"]}),
        (_("État"), {"fields": ["is_active", "email_confirmed_at", "anonymised_at"]}),
        (_("Droits"), {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        ),
    ]
    actions = ["anonymise"]

    @admin.action(description=_("Supprimer (anonymiser) les comptes choisis"))
    def anonymise(self, request, queryset):
        for user in queryset:
            try:
                services.anonymise_user(user, by=request.user)
            except services.LastAdministratorError as error:
                self.message_user(
                    request,
                    _("%(user)s est le seul administrateur de : %(organisations)s.")
                    % {"user": user.email, "organisations": error},
                    messages.ERROR,
                )
