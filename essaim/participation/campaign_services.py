"""Setting up a consultation: create or change a campaign with its themes and phases, and the
jury's scoring criteria. Called by the organisers' pages (`campaign_views`)."""

from django.db import transaction

from essaim.accounts.permissions import organisations_editable_by
from essaim.core.slugs import unique_slug
from essaim.participation import figures, permissions
from essaim.participation.models import Campaign, CampaignTheme, Phase

# First path segments under /consultations/ that are not campaigns (see `urls.py`).
RESERVED_SLUGS = frozenset(
    {"organiser", "espaces", "mes-abonnements", "desabonnement", "reabonnement"}
)


def organised_by(user):
    """The campaigns `user` may set up, published or not: those of the organisations they edit
    for (every campaign for the platform's operators)."""
    editable = organisations_editable_by(user)
    return Campaign.objects.filter(
        pk__in=Campaign.objects.filter(organisations__in=editable.values("pk")).values("pk")
    )


@transaction.atomic
def save_campaign(*, form, themes, phases, by) -> Campaign:
    """Save a new or changed campaign from its valid `form` (`campaign_forms.CampaignForm`)
    and formsets of `themes` and `phases`.

    Refuses (`permissions.Refused`) anyone who may not create, or moderate, the campaign.
    Side effects: saves the campaign (a new one gets a unique address from its title), its
    organisers (chosen plus kept co-organisers), its audience organisations, its themes (a new
    theme gets an address from its name; order as on the page), adds, changes or deletes its
    phases, and queues a recomputation of its figures (by phase, by theme) after the commit.
    """
    campaign = form.instance
    created = campaign.pk is None
    verdict = (
        permissions.can_create_campaign(by) if created else permissions.can_moderate(by, campaign)
    )
    verdict.check()
    campaign = form.save(commit=False)
    if created:
        campaign.slug = unique_slug(
            Campaign.objects,
            campaign.title,
            fallback="consultation",
            reserved=RESERVED_SLUGS,
            length=70,
        )
    campaign.save()
    form.save_m2m()
    campaign.organisations.set(form.organisers())
    _save_themes(campaign, themes)
    _save_phases(campaign, phases)
    if not created:
        transaction.on_commit(lambda: figures.request_refresh(campaign))
    return campaign


def _save_phases(campaign, phases) -> None:
    phases.instance = campaign
    saved = phases.save(commit=False)
    for phase in phases.deleted_objects:
        phase.delete()
    # A phase whose kind changed is replaced, so that two phases may swap their kinds
    # without tripping the one-phase-per-kind constraint half-way.
    for phase, changed in phases.changed_objects:
        if "kind" in changed:
            Phase.objects.filter(pk=phase.pk).delete()
            phase.pk = None
    for phase in saved:
        phase.campaign = campaign
        phase.save()


def _save_themes(campaign, themes) -> None:
    themes.instance = campaign
    kept = themes.save(commit=False)
    for theme in themes.deleted_objects:
        theme.delete()
    for theme in kept:
        theme.campaign = campaign
        if not theme.slug:
            theme.slug = unique_slug(
                CampaignTheme.objects.filter(campaign=campaign),
                theme.name,
                fallback="theme",
                length=70,
            )
        theme.save()
    order = [f.instance for f in themes.forms if f.instance.pk and f not in themes.deleted_forms]
    for position, theme in enumerate(order):
        if theme.position != position:
            CampaignTheme.objects.filter(pk=theme.pk).update(position=position)


@transaction.atomic
def save_criteria(campaign, *, criteria, by) -> None:
    """Save the jury's scoring grid from the valid formset `criteria`.

    Refuses (`permissions.Refused`) anyone who does not moderate the campaign.
    Side effects: adds, changes or deletes criteria (the form refuses to delete one the jury
    already used); their order is the page's.
    """
    permissions.can_moderate(by, campaign).check()
    criteria.instance = campaign
    kept = criteria.save(commit=False)
    for criterion in criteria.deleted_objects:
        criterion.delete()
    for criterion in kept:
        criterion.campaign = campaign
        criterion.save()
    rows = [f.instance for f in criteria.forms if f.instance.pk and f not in criteria.deleted_forms]
    for position, criterion in enumerate(rows):
        if criterion.position != position:
            type(criterion).objects.filter(pk=criterion.pk).update(position=position)
