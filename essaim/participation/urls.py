from django.urls import path

from essaim.participation import (
    campaign_views,
    exports,
    exports_json,
    follow_views,
    guest_views,
    jury_views,
    moderation_views,
    proposal_views,
    selection_views,
    views,
)

app_name = "participation"

C = "<slug:slug>/"
P = C + "propositions/<int:pk>/"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("espaces/<slug:slug>/", views.space_detail, name="space"),
    path("organiser/", campaign_views.organise, name="organise"),
    path("organiser/nouvelle/", campaign_views.campaign_create, name="campaign_create"),
    path("mes-abonnements/", follow_views.subscriptions, name="subscriptions"),
    path("desabonnement/<str:token>/", follow_views.unsubscribe, name="unsubscribe"),
    path("reabonnement/<str:token>/", follow_views.resubscribe, name="resubscribe"),
    path(C, views.campaign_detail, name="campaign"),
    path(C + "reponses/", views.answers, name="answers"),
    path(C + "reponses/en-lot/", moderation_views.answer_bulk, name="answer_bulk"),
    path(C + "suivre/", follow_views.follow_campaign, name="follow"),
    path(C + "export.csv", exports.proposals_csv, name="export_csv"),
    path(C + "commentaires.csv", exports.comments_csv, name="export_comments"),
    path(C + "chiffres.csv", exports.figures_csv, name="export_figures"),
    path(C + "donnees.json", exports_json.campaign_json, name="export_json"),
    path(C + "tableau-de-bord/", selection_views.dashboard, name="dashboard"),
    path(C + "parametres/", campaign_views.campaign_settings, name="campaign_settings"),
    path(C + "jury/criteres/", campaign_views.criteria, name="criteria"),
    path(C + "jury/membres/", selection_views.jurors, name="jurors"),
    path(C + "sujets/", selection_views.subjects, name="subjects"),
    path(C + "sujets/<int:pk>/", selection_views.subject_detail, name="subject"),
    path(C + "sujets/<int:pk>/gestion/", selection_views.subject_manage, name="subject_manage"),
    path(C + "proposer/", proposal_views.proposal_create, name="propose"),
    path(C + "proposer/lien/<str:token>/", guest_views.guest_confirm, name="guest_confirm"),
    path(C + "proposer/lien/<str:token>/modifier/", guest_views.guest_edit, name="guest_edit"),
    path(C + "semblables/", proposal_views.similar, name="similar"),
    path(P, views.proposal_detail, name="proposal"),
    path(P + "modifier/", proposal_views.proposal_edit, name="edit"),
    path(P + "retrait/", proposal_views.proposal_withdraw, name="withdraw"),
    path(P + "piece-jointe/", proposal_views.attachment, name="attachment"),
    path(P + "soutien/", views.support_toggle, name="support"),
    path(P + "suivre/", follow_views.follow_proposal, name="follow_proposal"),
    path(P + "commentaires/", views.comments, name="comments"),
    path(P + "signaler/", views.report_content, name="report"),
    path(P + "repondre/", moderation_views.answer, name="answer"),
    path(C + "moderation/", moderation_views.queue, name="moderation"),
    path(C + "moderation/action/", moderation_views.moderate, name="moderate"),
    path(C + "fusion/", moderation_views.merge, name="merge"),
    path(C + "jury/", jury_views.grid, name="jury"),
    path(P + "notation/", jury_views.score_proposal, name="score"),
    path(P + "notes-du-jury/", jury_views.proposal_scores, name="jury_scores"),
]
