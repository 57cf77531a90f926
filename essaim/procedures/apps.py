from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "essaim.procedures"
    label = "procedures"
    verbose_name = "Démarches"
