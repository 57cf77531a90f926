"""What the catalogue knows about labs beyond their organisation record (imported by models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LabProfile(models.Model):
    """What the catalogue knows about a lab beyond its organisation record."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="lab_profile",
        limit_choices_to={"kind": "lab"},
    )
    founded_on = models.DateField(_("date de création"), null=True, blank=True)
    founding_members = models.TextField(_("membres fondateurs"), blank=True)

    class Meta:
        verbose_name = _("fiche de laboratoire")
        verbose_name_plural = _("fiches de laboratoire")

    def __str__(self):
        return str(self.organisation)


class LabFigure(models.Model):
    """A figure a lab declares itself ("nearly 500 training actions"), dated."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="declared_figures",
        limit_choices_to={"kind": "lab"},
    )
    label = models.CharField(_("intitulé"), max_length=200)
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unité"), max_length=60, blank=True)
    declared_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("chiffre déclaré")
        verbose_name_plural = _("chiffres déclarés")
        ordering = ["-declared_on", "pk"]

    def __str__(self):
        return f"{self.label} : {self.value}"
