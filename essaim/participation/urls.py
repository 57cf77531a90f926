from django.urls import path

from essaim.participation import (
    exports,
    jury_views,
    moderation_views,
    proposal_views,
    views,
)

app_name = "participation"

C = "<slug:slug>/"
P = C + "propositions/<int:pk>/"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("espaces/<slug:slug>/", views.space_detail, name="space"),
    path(C, views.campaign_detail, name="campaign"),
    path(C + "reponses/", views.answers, name="answers"),
    path(C + "export.csv", exports.proposals_csv, name="export_csv"),
    path(C + "commentaires.csv", exports.comments_csv, name="export_comments"),
    path(C + "proposer/", proposal_views.proposal_create, name="propose"),
    path(C + "semblables/", proposal_views.similar, name="similar"),
    path(P, views.proposal_detail, name="proposal"),
    path(P + "modifier/", proposal_views.proposal_edit, name="edit"),
    path(P + "soutien/", views.support_toggle, name="support"),
    path(P + "commentaires/", views.comments, name="comments"),
    path(P + "signaler/", views.report_content, name="report"),
    path(P + "repondre/", moderation_views.answer, name="answer"),
    path(C + "moderation/", moderation_views.queue, name="moderation"),
    path(C + "moderation/action/", moderation_views.moderate, name="moderate"),
    path(C + "fusion/", moderation_views.merge, name="merge"),
    path(C + "jury/", jury_views.grid, name="jury"),
    path(P + "notation/", jury_views.score_proposal, name="score"),
]
