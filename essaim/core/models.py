"""Territories: the official geography (INSEE's Code officiel géographique).

One table holds the three levels so that any model can point at "a territory" with a single
foreign key; `Region`, `Department` and `Commune` are proxies that read one level each.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.core.text import fold


class Level(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTMENT = "department", _("Département")
    COMMUNE = "commune", _("Commune")


class TerritoryQuerySet(models.QuerySet):
    def search(self, text: str):
        """Accent-, case- and punctuation-insensitive search on names, best matches first."""
        folded = fold(text)
        if not folded:
            return self.none()
        return (
            self.filter(search_name__contains=folded)
            .annotate(
                _exact=models.Case(
                    models.When(search_name=folded, then=0),
                    models.When(search_name__startswith=folded, then=1),
                    default=2,
                    output_field=models.IntegerField(),
                )
            )
            .order_by("_exact", "-population", "name")
        )


class Territory(models.Model):
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    code = models.CharField(_("code INSEE"), max_length=5)
    name = models.CharField(_("nom"), max_length=120)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Région de rattachement (la région elle-même pour une région)."),
    )
    population = models.PositiveIntegerField(_("population municipale"), null=True, blank=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="territory_unique_code")
        ]

    def __str__(self):
        if self.level == Level.COMMUNE and self.parent_id:
            return f"{self.name} ({self.parent.code})"
        if self.level == Level.DEPARTMENT:
            return f"{self.name} ({self.code})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)


class _LevelManager(models.Manager.from_queryset(TerritoryQuerySet)):
    def __init__(self, level):
        super().__init__()
        self.level = level

    def get_queryset(self):
        return super().get_queryset().filter(level=self.level)

    def deconstruct(self):  # managers of proxies are not serialised in migrations
        return (False, "essaim.core.models._LevelManager", None, (self.level,), {})


class Region(Territory):
    objects = _LevelManager(Level.REGION)

    class Meta:
        proxy = True
        verbose_name = _("région")


class Department(Territory):
    objects = _LevelManager(Level.DEPARTMENT)

    class Meta:
        proxy = True
        verbose_name = _("département")


class Commune(Territory):
    objects = _LevelManager(Level.COMMUNE)

    class Meta:
        proxy = True
        verbose_name = _("commune")
