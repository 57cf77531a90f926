"""Bump the territories' ChangeCounter when a région or département changes, so the choice
lists cached on it (essaim.agenda.choices) expire in every process.

This covers one-off edits (admin, tests); `load_territories` bumps it after its bulk writes,
which send no signal.
"""

from django.db.models.signals import post_delete, post_save

from essaim.core.models import ChangeCounter, Department, Level, Region, Territory
from essaim.core.services import TERRITORIES_COUNTER


def bump_territories(instance, **kwargs):
    if kwargs.get("raw") or instance.level == Level.COMMUNE:
        return  # fixtures being loaded; communes are not filter choices
    ChangeCounter.bump(TERRITORIES_COUNTER)


def connect():
    # Signals name the class saved: a proxy's save does not reach Territory's receivers.
    for model in (Territory, Region, Department):
        post_save.connect(bump_territories, sender=model, dispatch_uid=f"territories-{model}-save")
        post_delete.connect(bump_territories, sender=model, dispatch_uid=f"territories-{model}-del")
