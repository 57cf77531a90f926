"""Every change to an initiative, kept as a JSON snapshot that editors can read and restore.

A `Revision` is written after each save of the editing pages, each change of publication state
and each restoration. Its snapshot holds the initiative's content: fields, themes, carriers,
labs, indicators, dated stages and links (images are listed by their alternative text but their
files are not versioned). Restoring a revision puts that content back and records a new
revision; the publication state is never restored (moderation decides it).

Imported at the end of `models.py` so that Django registers the model.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.catalogue.models import (
    Indicator,
    Initiative,
    InitiativeLink,
    StageChange,
)

FIELDS = [
    "title",
    "pitch",
    "problem",
    "solution",
    "lessons",
    "beneficiaries",
    "territory",
    "is_national",
    "stage",
    "stopped_reason",
    "started_on",
    "budget_eur",
    "funding",
    "website",
    "video_url",
    "contact_email",
    "facet",
    "government_level",
    "origin",
]
RELATIONS = ["themes", "carriers", "labs"]
CHILDREN = {
    "indicators": (Indicator, ["label", "value", "unit", "measured_on", "source", "position"]),
    "stage_changes": (StageChange, ["stage", "date", "note"]),
    "links": (InitiativeLink, ["label", "url", "position"]),
}
EXTRA_LABELS = {
    "indicators": _("résultats"),
    "stage_changes": _("étapes"),
    "links": _("liens"),
    "images": _("images"),
}


class RevisionAction(models.TextChoices):
    CREATED = "created", _("Création")
    EDITED = "edited", _("Modification")
    IMAGES = "images", _("Images")
    SUBMITTED = "submitted", _("Proposée à la publication")
    PUBLISHED = "published", _("Publication")
    REJECTED = "rejected", _("Publication refusée")
    UNPUBLISHED = "unpublished", _("Retour en brouillon")
    ARCHIVED = "archived", _("Archivage")
    REVERTED = "reverted", _("Restauration d’une version")


class Revision(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=12, choices=RevisionAction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)
    note = models.TextField(_("commentaire"), blank=True)
    publication_state = models.CharField(_("état de publication"), max_length=10)
    changed = models.JSONField(_("éléments modifiés"), default=list, blank=True)
    snapshot = models.JSONField(_("contenu"))

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "number"], name="revision_unique_number")
        ]

    def __str__(self):
        return f"{self.initiative} — v{self.number}"

    def changed_labels(self) -> list[str]:
        return [str(label_of(name)) for name in self.changed]


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    return value


def label_of(name: str):
    if name in EXTRA_LABELS:
        return EXTRA_LABELS[name]
    return Initiative._meta.get_field(name).verbose_name


def snapshot(initiative: Initiative) -> dict:
    """The content of `initiative` as plain JSON data."""
    data = {
        name: _plain(Initiative._meta.get_field(name).value_from_object(initiative))
        for name in FIELDS
    }
    for name in RELATIONS:
        data[name] = sorted(getattr(initiative, name).values_list("pk", flat=True))
    for name, (_model, fields) in CHILDREN.items():
        data[name] = [
            {field: _plain(getattr(child, field)) for field in fields}
            for child in getattr(initiative, name).all()
        ]
    data["images"] = [image.alt_text for image in initiative.images.all()]
    return data


def record(initiative: Initiative, *, action: str, by, note: str = "") -> Revision | None:
    """Write a revision of `initiative`; an edit that changed nothing writes none.

    Side effects: creates one Revision.
    """
    current = snapshot(initiative)
    previous = initiative.revisions.order_by("-number").first()
    changed = [k for k in current if previous is None or previous.snapshot.get(k) != current[k]]
    if action == RevisionAction.EDITED and previous is not None and not changed:
        return None
    return Revision.objects.create(
        initiative=initiative,
        number=(previous.number if previous else 0) + 1,
        action=action,
        author=by if by is not None and by.is_authenticated else None,
        note=note,
        publication_state=initiative.publication_state,
        changed=[] if previous is None else changed,
        snapshot=current,
    )


def apply_snapshot(initiative: Initiative, data: dict) -> None:
    """Put the content of a snapshot back into `initiative` (publication state untouched).

    Side effects: saves the initiative, replaces its themes, carriers, labs, indicators,
    stage changes and links. Objects deleted since (a theme, an organisation) are skipped.
    """
    for name in FIELDS:
        if name not in data:
            continue
        field = Initiative._meta.get_field(name)
        value = data[name]
        if field.is_relation:
            model = field.related_model
            if value is not None and not model.objects.filter(pk=value).exists():
                value = None
            setattr(initiative, field.attname, value)
        else:
            setattr(initiative, name, field.to_python(value))
    initiative.save()
    for name in RELATIONS:
        manager = getattr(initiative, name)
        manager.set(manager.model.objects.filter(pk__in=data.get(name, [])))
    for name, (model, fields) in CHILDREN.items():
        getattr(initiative, name).all().delete()
        model.objects.bulk_create(
            model(
                initiative=initiative,
                **{f: model._meta.get_field(f).to_python(row.get(f)) for f in fields if f in row},
            )
            for row in data.get(name, [])
        )
    initiative.save()  # the search document includes the restored themes and organisations


def differences(revision: Revision) -> list[tuple[str, str, str]]:
    """(label, before, after) of what `revision` changed compared with the version before it."""
    previous = (
        revision.initiative.revisions.filter(number__lt=revision.number).order_by("-number").first()
    )
    if previous is None:
        return []
    return [
        (
            str(label_of(name)),
            _text(_named(name, previous.snapshot.get(name))),
            _text(_named(name, revision.snapshot.get(name))),
        )
        for name in revision.changed
    ]


def _named(name: str, value):
    """Primary keys of related objects shown as their names."""
    if name in RELATIONS or name in ("territory", "origin"):
        model = Initiative._meta.get_field(name).related_model
        pks = value if isinstance(value, list) else [value]
        names = dict(
            model.objects.filter(pk__in=[p for p in pks if p]).values_list(
                "pk", "name" if model is not Initiative else "title"
            )
        )
        resolved = [names.get(pk, "?") for pk in pks if pk]
        return resolved if isinstance(value, list) else (resolved[0] if resolved else None)
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    return value


def _text(value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return "\n".join(
            " · ".join(str(v) for v in item.values() if v not in (None, ""))
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    return str(value)
