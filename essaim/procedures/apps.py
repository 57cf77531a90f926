from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "essaim.procedures"
    label = "procedures"
    verbose_name = "Démarches"

    def ready(self):
        from essaim.procedures import signals, webhooks

        signals.dossier_transitioned.connect(
            webhooks.on_dossier_transitioned, dispatch_uid="procedures-webhooks"
        )
