from django.urls import include, path

from essaim.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.space, name="space"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("oidc/", include("essaim.accounts.oidc_urls")),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("inscription/", views.signup, name="signup"),
    path("inscription/verifiez-vos-courriels/", views.signup_done, name="signup_done"),
    path("confirmation/renvoyer/", views.resend_confirmation, name="resend_confirmation"),
    path("confirmation/<str:token>/", views.confirm_email, name="confirm_email"),
    path("modifier/", views.edit_profile, name="edit_profile"),
    path("mes-donnees/", views.export_data, name="export_data"),
    path("supprimer/", views.delete_account, name="delete_account"),
    path("mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mot-de-passe/oubli/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/oubli/envoye/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/reinitialiser/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/reinitialise/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
