"""Check digits of French and international identifiers. Pure functions on compact strings."""

import re

# La Poste's establishments share one SIREN and do not follow the Luhn rule; INSEE's rule for
# them: the digits of the SIRET add up to a multiple of 5 (the head office follows Luhn).
LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"

# Lengths of the IBANs of SEPA countries and a few others (ISO 13616 registry).
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
    "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "VA": 22, "MA": 28, "TN": 24, "DZ": 26, "SN": 28, "CI": 28, "TR": 26, "BR": 29,
}  # fmt: skip

# re.ASCII: `\d` would also take other scripts' digits ("٣"), which int() reads.
_NIR = re.compile(r"^[1-478]\d{4}(\d{2}|2A|2B)\d{8}$", re.ASCII)
_RNA = re.compile(r"^W[0-9A-Z]\d{8}$", re.ASCII)


def compact(value: str) -> str:
    """Without spaces, dots, dashes; in capitals."""
    return re.sub(r"[\s.\-\u00a0\u202f]", "", value or "").upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        number = int(char) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def siret_ok(siret: str) -> bool:
    if len(siret) != 14 or not (siret.isascii() and siret.isdigit()):
        return False
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_HEAD_OFFICE:
        return sum(int(c) for c in siret) % 5 == 0
    return luhn_ok(siret)


def iban_mod97(iban: str) -> int:
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97


def iban_ok(iban: str) -> bool:
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return False
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    return iban_mod97(iban) == 1


def nir_number(nir: str) -> int:
    """The 13 first characters as the number the key is computed on (Corsica: 2A→19, 2B→18)."""
    body = nir[:13]
    department = body[5:7]
    if department == "2A":
        body = body[:5] + "19" + body[7:]
    elif department == "2B":
        body = body[:5] + "18" + body[7:]
    return int(body)


def nir_key(nir: str) -> int:
    return 97 - nir_number(nir) % 97


def nir_format_ok(nir: str) -> bool:
    return bool(_NIR.match(nir))


def nir_ok(nir: str) -> bool:
    return nir_format_ok(nir) and int(nir[13:]) == nir_key(nir)


def rna_ok(rna: str) -> bool:
    return bool(_RNA.match(rna))
