"""Signals of the Démarches app.

`dossier_transitioned(sender=Dossier, dossier, transition, record)` is sent once the transaction
that changed a dossier's state has committed: `transition` is an `enums.Transition`, `record`
the `DossierTransition` saved. Webhooks and integrations connect here.

`dossier_deleted` listens to Dossier's post_delete: the instructors' figures expire.
"""

from django.dispatch import Signal

from essaim.procedures.enums import DossierState

dossier_transitioned = Signal()


def dossier_deleted(instance, **kwargs):
    """A deleted dossier leaves the instructors' cached figures (retention, for instance)."""
    from essaim.procedures.instruction_figures import dossiers_changed

    if instance.state != DossierState.DRAFT:
        dossiers_changed(instance.procedure_id)
