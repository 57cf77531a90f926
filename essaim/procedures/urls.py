from django.urls import include, path

app_name = "procedures"

urlpatterns: list = [
    path("gestion/", include("essaim.procedures.builder_urls")),
    path("instruction/", include("essaim.procedures.instruction_urls")),
]
