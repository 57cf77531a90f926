from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "essaim.participation"
    label = "participation"
    verbose_name = "Consultations"
