from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share one SIREN and do not follow the Luhn rule; INSEE's rule for
# them is that the digits of the SIRET add up to a multiple of 5.
_LA_POSTE_SIREN = "356000000"


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits whose Luhn checksum holds (INSEE's rule)."""
    compact = (value or "").replace(" ", "")
    if not compact.isdigit() or len(compact) != 14:
        raise ValidationError(
            _("Le SIRET doit comporter exactement 14 chiffres (par exemple 130 025 265 00013)."),
            code="siret_format",
        )
    if compact.startswith(_LA_POSTE_SIREN) and compact != _LA_POSTE_SIREN + "00048":
        valid = sum(int(c) for c in compact) % 5 == 0
    else:
        valid = _luhn_ok(compact)
    if not valid:
        raise ValidationError(
            _("Ce SIRET n'existe pas : vérifiez les 14 chiffres (la clé de contrôle est fausse)."),
            code="siret_checksum",
        )
