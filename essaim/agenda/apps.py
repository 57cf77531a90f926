from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "essaim.agenda"
    label = "agenda"
    verbose_name = "Agenda et événements"
