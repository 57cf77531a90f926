"""SIRET, RNA, IBAN and NIR: format and check digits, with messages that say how to fix."""

from django.utils.translation import gettext as _

from essaim.procedures.enums import FieldType
from essaim.procedures.fields import checksums
from essaim.procedures.fields.base import FieldError, FieldKind, register


def _groups(value, sizes):
    parts, start = [], 0
    for size in sizes:
        parts.append(value[start : start + size])
        start += size
    if start < len(value):
        parts.append(value[start:])
    return " ".join(p for p in parts if p)


@register
class SiretKind(FieldKind):
    type = FieldType.SIRET

    def clean_text(self, text, spec):
        siret = checksums.compact(text)
        if not (siret.isascii() and siret.isdigit()) or len(siret) != 14:
            raise FieldError(
                _(
                    "Le SIRET compte exactement 14 chiffres (vous en avez saisi %(count)s) : "
                    "recopiez-le depuis un avis de situation Insee ou une fiche de paie, par "
                    "exemple 130 025 265 00013."
                )
                % {"count": sum(c.isdigit() for c in siret)}
            )
        if not checksums.siret_ok(siret):
            raise FieldError(
                _(
                    "Ce SIRET n’existe pas : un chiffre est probablement mal recopié (la clé de "
                    "contrôle ne correspond pas). Vérifiez les 14 chiffres."
                )
            )
        return siret

    def display(self, value, spec):
        return _groups(value or "", (3, 3, 3, 5))


@register
class RnaKind(FieldKind):
    type = FieldType.RNA

    def clean_text(self, text, spec):
        rna = checksums.compact(text)
        if not checksums.rna_ok(rna):
            raise FieldError(
                _(
                    "Le numéro RNA commence par W suivi de 9 caractères, par exemple "
                    "W751234567 : il figure sur le récépissé de déclaration de l’association."
                )
            )
        return rna


@register
class IbanKind(FieldKind):
    type = FieldType.IBAN

    def clean_text(self, text, spec):
        iban = checksums.compact(text)
        expected = checksums.IBAN_LENGTHS.get(iban[:2])
        if not iban[:2].isalpha() or not iban[2:4].isdigit():
            raise FieldError(
                _(
                    "Un IBAN commence par le code du pays et 2 chiffres, par exemple "
                    "FR76 3000 6000 0112 3456 7890 189 : recopiez-le depuis votre RIB."
                )
            )
        if expected and len(iban) != expected:
            raise FieldError(
                _(
                    "Un IBAN %(country)s compte %(expected)s caractères ; vous en avez saisi "
                    "%(count)s. Recopiez-le depuis votre RIB."
                )
                % {"country": iban[:2], "expected": expected, "count": len(iban)}
            )
        if not checksums.iban_ok(iban):
            raise FieldError(
                _(
                    "Cet IBAN n’est pas valide : un caractère est probablement mal recopié (la "
                    "clé de contrôle ne correspond pas). Vérifiez-le sur votre RIB."
                )
            )
        return iban

    def display(self, value, spec):
        return _groups(value or "", (4,) * 8)


@register
class NirKind(FieldKind):
    type = FieldType.NIR

    def clean_text(self, text, spec):
        nir = checksums.compact(text)
        if len(nir) != 15:
            raise FieldError(
                _(
                    "Le numéro de sécurité sociale compte 15 caractères, clé comprise (vous en "
                    "avez saisi %(count)s) : recopiez-le depuis votre carte Vitale, par exemple "
                    "2 69 05 49 588 157 80."
                )
                % {"count": len(nir)}
            )
        if not checksums.nir_format_ok(nir):
            raise FieldError(
                _(
                    "Ce numéro de sécurité sociale n’a pas la bonne forme : il commence par 1 "
                    "ou 2, puis l’année et le mois de naissance, le département (2A ou 2B pour "
                    "la Corse) et se termine par une clé de 2 chiffres."
                )
            )
        if not checksums.nir_ok(nir):
            raise FieldError(
                _(
                    "La clé (les 2 derniers chiffres) ne correspond pas au numéro : un chiffre "
                    "est probablement mal recopié. Vérifiez-le sur votre carte Vitale."
                )
            )
        return nir

    def display(self, value, spec):
        return _groups(value or "", (1, 2, 2, 2, 3, 3, 2))
