from django.apps import AppConfig


class SynthesisConfig(AppConfig):
    name = "essaim.synthesis"
    label = "synthesis"
    verbose_name = "Synthèses"
