"""Signals of the Démarches app.

`dossier_transitioned(sender=Dossier, dossier, transition, record)` is sent once the transaction
that changed a dossier's state has committed: `transition` is an `enums.Transition`, `record`
the `DossierTransition` saved. Webhooks and integrations connect here.
"""

from django.dispatch import Signal

dossier_transitioned = Signal()
