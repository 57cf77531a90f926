from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "essaim.procedures"
    label = "procedures"
    verbose_name = "Démarches"

    def ready(self):
        from django.db.models.signals import post_delete

        from essaim.procedures import signals, webhooks
        from essaim.procedures.models import Dossier

        signals.dossier_transitioned.connect(
            webhooks.on_dossier_transitioned, dispatch_uid="procedures-webhooks"
        )
        post_delete.connect(
            signals.dossier_deleted, sender=Dossier, dispatch_uid="procedures-figures"
        )
