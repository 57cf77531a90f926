"""Keep the catalogue's cache key honest (queries.catalogue_version).

Saving an initiative moves its `updated_at`, which the version reads; these are the changes
that leave no timestamp behind: a deletion, a theme, carrier or lab link added or removed
without saving the initiative, an organisation changing kind or name.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from essaim.core.models import ChangeCounter

COUNTER = "catalogue"


def bump_catalogue(**kwargs):
    if kwargs.get("raw"):  # fixtures being loaded
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    ChangeCounter.bump(COUNTER)


def connect():
    from essaim.accounts.models import Organisation
    from essaim.catalogue.models import Initiative, Theme

    post_delete.connect(bump_catalogue, sender=Initiative, dispatch_uid="catalogue-delete")
    for link in (Initiative.themes, Initiative.carriers, Initiative.labs):
        m2m_changed.connect(bump_catalogue, sender=link.through, dispatch_uid=f"catalogue-{link}")
    for model in (Organisation, Theme):
        post_save.connect(bump_catalogue, sender=model, dispatch_uid=f"catalogue-{model}-save")
        post_delete.connect(bump_catalogue, sender=model, dispatch_uid=f"catalogue-{model}-del")
