from django.urls import include, path

from essaim.agenda import exports, feeds, registration_views, views

app_name = "agenda"

urlpatterns = [
    path("", include("essaim.agenda.organiser_urls")),
    path("", include("essaim.agenda.coordination_urls")),
    path("", views.agenda_index, name="index"),
    path("calendrier.ics", feeds.agenda_feed, name="feed"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export.json", exports.export_json, name="export_json"),
    path("carte/", views.agenda_map, name="map"),
    path("mois/", views.agenda_month, name="month"),
    path("mois/<int:year>-<int:month>/", views.agenda_month, name="month_of"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme"),
    path("programmes/<slug:slug>/calendrier.ics", feeds.programme_feed, name="programme_feed"),
    path(
        "organisations/<slug:slug>/calendrier.ics",
        feeds.organisation_feed,
        name="organisation_feed",
    ),
    path("mes-inscriptions/", registration_views.my_registrations, name="my_registrations"),
    path("mon-agenda/<str:token>.ics", feeds.personal_feed, name="personal_feed"),
    path("inscriptions/<str:link>/", registration_views.registration_page, name="registration"),
    path("evenements/<slug:slug>/", views.event_detail, name="event"),
    path("evenements/<slug:slug>/calendrier.ics", feeds.event_feed, name="event_feed"),
    path("evenements/<slug:slug>/inscription/", registration_views.register, name="register"),
    path(
        "evenements/<slug:slug>/desinscription/",
        registration_views.cancel_own,
        name="cancel_own",
    ),
]
