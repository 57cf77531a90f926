from django.urls import path

from essaim.accounts import org_views as views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("nouvelle/", views.organisation_create, name="create"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/modifier/", views.organisation_edit, name="edit"),
    path("<slug:slug>/quitter/", views.leave, name="leave"),
    path("<slug:slug>/membres/", views.members, name="members"),
    path("<slug:slug>/membres/<int:pk>/role/", views.change_role, name="change_role"),
    path("<slug:slug>/membres/<int:pk>/retirer/", views.remove_member, name="remove_member"),
    path(
        "<slug:slug>/invitations/<int:pk>/annuler/",
        views.cancel_invitation,
        name="cancel_invitation",
    ),
]
