"""Territories: the official geography (INSEE's Code officiel géographique).

One table holds the three levels so that any model can point at "a territory" with a single
foreign key; `Region`, `Department` and `Commune` are proxies that read one level each.
"""

import re

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from essaim.core.text import fold


class Level(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTMENT = "department", _("Département")
    COMMUNE = "commune", _("Commune")


# Longest text a search looks at: longer than any official name, short enough to stay cheap.
SEARCH_MAX_LENGTH = 100
_SEARCH_MAX_WORDS = 8
# Abbreviations people type for the most common words of French place names.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_CODE = re.compile(r"^(\d{2,3}|\d{5}|2[AB]|2[AB]\d{3})$")


def normalize_code(code: str) -> str:
    """An INSEE code as stored: no surrounding spaces, Corsica's "2a" in capitals."""
    return (code or "").strip().upper()


class TerritoryQuerySet(models.QuerySet):
    def get_by_code(self, code: str):
        """The territory with this INSEE code: `Commune.objects.get_by_code("59350")`.

        Use it on a level's manager (`Region`, `Department`, `Commune`): a region and a
        department may share a code ("93"). Raises `DoesNotExist` like `get()`.
        """
        return self.get(code=normalize_code(code))

    def search(self, text: str):
        """Accent-, case- and punctuation-insensitive search on names and codes, best first.

        Ranking: the exact INSEE code, the exact name, names starting with the text, names with
        a word starting with it, names containing it, then names containing every word; among
        equals the most populated first. "st" and "ste" read as "saint" and "sainte". An empty
        text finds nothing.
        """
        text = (text or "")[:SEARCH_MAX_LENGTH]
        words = [_ABBREVIATIONS.get(word, word) for word in fold(text).split()]
        if not words:
            return self.none()
        folded = " ".join(words)
        every_word = models.Q()
        for word in words[:_SEARCH_MAX_WORDS]:
            every_word &= models.Q(search_name__contains=word)
        matches, ranks = every_word, []
        code = normalize_code(text)
        if _CODE.match(code):
            matches |= models.Q(code=code)
            ranks.append(models.When(code=code, then=0))
        return (
            self.filter(matches)
            .annotate(
                _rank=models.Case(
                    *ranks,
                    models.When(search_name=folded, then=1),
                    models.When(search_name__startswith=folded, then=2),
                    models.When(search_name__contains=f" {folded}", then=3),
                    models.When(search_name__contains=folded, then=4),
                    default=5,
                    output_field=models.IntegerField(),
                ),
                _level_rank=models.Case(
                    *(models.When(level=level, then=i) for i, level in enumerate(Level.values)),
                    output_field=models.IntegerField(),
                ),
            )
            .order_by(
                "_rank",
                models.F("population").desc(nulls_last=True),
                "_level_rank",
                "name",
                "code",
            )
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

    @property
    def label(self) -> str:
        """The name that designates this territory without ambiguity, e.g. in a suggestion list.

        "Hauts-de-France (région)", "Nord (département 59)", "Lille (59)". For a commune, load
        `parent` with `select_related("parent")` to avoid one query each.
        """
        if self.level == Level.REGION:
            return gettext("%(name)s (région)") % {"name": self.name}
        if self.level == Level.DEPARTMENT:
            return gettext("%(name)s (département %(code)s)") % {
                "name": self.name,
                "code": self.code,
            }
        return str(self)


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


class LocatedByLevels(models.Model):
    """The région and the département of a model's own territory, stored beside it.

    Facets, maps and filters then count by région or département without joining the
    territory tree. Call `locate_in()` before saving.
    """

    region = models.ForeignKey(
        Territory, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Territory, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def locate_in(self, territory: Territory | None) -> None:
        self.region_id = self.department_id = None
        if territory is None:
            return
        if territory.level == Level.REGION:
            self.region_id = territory.pk
        elif territory.level == Level.DEPARTMENT:
            self.region_id, self.department_id = territory.region_id, territory.pk
        else:
            self.region_id, self.department_id = territory.region_id, territory.parent_id


class ChangeCounter(models.Model):
    """A number bumped when rows change in a way their timestamps can't show (a deletion, a
    link removed), so that caches keyed on it expire in every worker process at once."""

    name = models.CharField(primary_key=True, max_length=40)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.name}: {self.value}"

    @classmethod
    def bump(cls, name: str) -> None:
        if not cls.objects.filter(name=name).update(value=models.F("value") + 1):
            cls.objects.get_or_create(name=name, defaults={"value": 1})

    @classmethod
    def read(cls, name: str) -> int:
        return cls.objects.filter(name=name).values_list("value", flat=True).first() or 0
