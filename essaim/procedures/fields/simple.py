"""Texts, numbers, dates, yes/no, e-mail and phone."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from essaim.procedures.enums import FieldType
from essaim.procedures.fields.base import BOOL, INT, NUMBER, TEXT, FieldError, FieldKind, register

PARIS = ZoneInfo("Europe/Paris")
DEFAULT_MAX_LENGTH = {FieldType.TEXT: 200, FieldType.TEXTAREA: 5000, FieldType.REGEX: 200}
_SPACES = re.compile(r"[\s\u00a0\u202f]")
MAX_INTEGER_DIGITS = 18  # digits before the decimal point: beyond any real amount or count


def _plural(count, one, many):
    return (one if count == 1 else many) % {"n": count}


@register
class TextKind(FieldKind):
    type = FieldType.TEXT
    params = {
        "min_length": (INT, _("un nombre entier de caractères")),
        "max_length": (INT, _("un nombre entier de caractères")),
        "placeholder": (TEXT, _("un texte d’exemple")),
    }

    def clean_text(self, text, spec):
        limit = spec.params.get("max_length") or DEFAULT_MAX_LENGTH.get(self.type, 200)
        if len(text) > limit:
            raise FieldError(
                _(
                    "Ce texte fait %(length)s caractères : raccourcissez-le à %(limit)s "
                    "caractères au plus."
                )
                % {"length": len(text), "limit": limit}
            )
        minimum = spec.params.get("min_length") or 0
        if len(text) < minimum:
            raise FieldError(
                _(
                    "Ce texte fait %(length)s caractères : développez-le jusqu’à %(minimum)s "
                    "caractères au moins."
                )
                % {"length": len(text), "minimum": minimum}
            )
        return text


@register
class TextareaKind(TextKind):
    type = FieldType.TEXTAREA
    template = "procedures/fields/textarea.html"

    def text(self, raw):
        return super().text(raw).replace("\r\n", "\n")


@register
class RegexKind(TextKind):
    type = FieldType.REGEX
    params = {
        **TextKind.params,
        "pattern": (TEXT, _("une expression régulière")),
        "example": (TEXT, _("un exemple de réponse valide")),
        "pattern_message": (TEXT, _("le message à afficher si le format est faux")),
    }

    def clean_text(self, text, spec):
        text = super().clean_text(text, spec)
        pattern = spec.params.get("pattern") or ".*"
        if not re.fullmatch(pattern, text):
            message = spec.params.get("pattern_message") or _("Le format n’est pas le bon.")
            example = spec.params.get("example")
            if example:
                message = _("%(message)s Exemple de réponse attendue : %(example)s") % {
                    "message": message,
                    "example": example,
                }
            raise FieldError(message)
        return text

    def param_errors(self, params, options):
        errors = super().param_errors(params, options)
        try:
            re.compile((params or {}).get("pattern") or "")
        except re.error as error:
            errors.append(_("L’expression régulière est invalide : %(error)s.") % {"error": error})
        if not (params or {}).get("pattern"):
            errors.append(_("Indiquez l’expression régulière que la réponse doit respecter."))
        return errors


class _NumberKind(FieldKind):
    template = "procedures/fields/number.html"
    params = {
        "min": (NUMBER, _("un nombre")),
        "max": (NUMBER, _("un nombre")),
        "unit": (TEXT, _("une unité, par exemple €")),
    }

    def _bounds(self, number, spec):
        low, high = spec.params.get("min"), spec.params.get("max")
        if low is not None and number < Decimal(str(low)):
            raise FieldError(_("Saisissez un nombre supérieur ou égal à %(min)s.") % {"min": low})
        if high is not None and number > Decimal(str(high)):
            raise FieldError(_("Saisissez un nombre inférieur ou égal à %(max)s.") % {"max": high})

    def _decimal(self, text):
        text = _SPACES.sub("", text).replace(",", ".")
        if len(text) > 30:
            raise FieldError(_("Ce nombre est trop long : vérifiez-le."))
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        if not number.is_finite():
            return None
        # "1e30" is short but has 31 digits: rounding it overflows Decimal's 28 digits.
        if number and number.adjusted() >= MAX_INTEGER_DIGITS:
            raise FieldError(_("Ce nombre est trop long : vérifiez-le."))
        return number


@register
class IntegerKind(_NumberKind):
    type = FieldType.INTEGER

    def clean_text(self, text, spec):
        number = self._decimal(text)
        if number is None or number != number.to_integral_value():
            raise FieldError(_("Saisissez un nombre entier, sans virgule, par exemple 3."))
        self._bounds(number, spec)
        return int(number)

    def display(self, value, spec):
        return "" if value is None else number_format(value, force_grouping=True)


@register
class DecimalKind(_NumberKind):
    type = FieldType.DECIMAL
    params = {**_NumberKind.params, "decimal_places": (INT, _("un nombre de décimales"))}

    def clean_text(self, text, spec):
        number = self._decimal(text)
        if number is None:
            raise FieldError(_("Saisissez un nombre, par exemple 12,50 (virgule ou point)."))
        places = spec.params.get("decimal_places", 2)
        if -number.as_tuple().exponent > places and number != round(number, places):
            raise FieldError(
                _plural(
                    places,
                    _("Saisissez au plus %(n)s chiffre après la virgule."),
                    _("Saisissez au plus %(n)s chiffres après la virgule."),
                )
            )
        self._bounds(number, spec)
        return str(round(number, places)) if places else str(int(number))

    def display(self, value, spec):
        if value is None:
            return ""
        return number_format(Decimal(value), force_grouping=True)


def _date_bound(value):
    if value == "today":
        return timezone.localdate()
    return date.fromisoformat(value) if value else None


@register
class DateKind(FieldKind):
    type = FieldType.DATE
    template = "procedures/fields/date.html"
    params = {
        "min": (TEXT, _("une date AAAA-MM-JJ ou « today »")),
        "max": (TEXT, _("une date AAAA-MM-JJ ou « today »")),
        "not_future": (BOOL, _("vrai ou faux")),
    }
    example = "14/07/1990"

    def parse(self, text):
        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        return None

    def clean_text(self, text, spec):
        day = self.parse(text)
        if day is None or day.year < 1850:
            raise FieldError(
                _("Saisissez une date réelle au format JJ/MM/AAAA, par exemple %(example)s.")
                % {"example": self.example}
            )
        self._check_bounds(day, spec)
        return day.isoformat()

    def _check_bounds(self, day, spec):
        low, high = _date_bound(spec.params.get("min")), _date_bound(spec.params.get("max"))
        if spec.params.get("not_future"):
            today = timezone.localdate()
            high = min(high, today) if high else today
        if low and day < low:
            raise FieldError(
                _("Saisissez une date à partir du %(date)s.") % {"date": low.strftime("%d/%m/%Y")}
            )
        if high and day > high:
            raise FieldError(
                _("Saisissez une date jusqu’au %(date)s au plus tard.")
                % {"date": high.strftime("%d/%m/%Y")}
            )

    def display(self, value, spec):
        return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


@register
class DateTimeKind(DateKind):
    type = FieldType.DATETIME
    template = "procedures/fields/datetime.html"
    example = "14/07/2024 09:30"

    def parse(self, text):
        for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M"):
            try:
                return datetime.strptime(text, pattern).replace(tzinfo=PARIS)
            except ValueError:
                continue
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=PARIS)

    def clean_text(self, text, spec):
        moment = self.parse(text)
        if moment is None or moment.year < 1850:
            raise FieldError(
                _("Saisissez une date et une heure, par exemple %(example)s.")
                % {"example": self.example}
            )
        self._check_bounds(moment.astimezone(PARIS).date(), spec)
        return moment.isoformat()

    def display(self, value, spec):
        if not value:
            return ""
        return datetime.fromisoformat(value).astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")

    def widget_value(self, value):
        if not value:
            return ""
        return datetime.fromisoformat(value).astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")


_TRUE = {"oui", "true", "1", "on", "yes", "vrai"}
_FALSE = {"non", "false", "0", "off", "no", "faux"}


@register
class YesNoKind(FieldKind):
    type = FieldType.YES_NO
    template = "procedures/fields/yes_no.html"

    def clean(self, raw, spec):
        if isinstance(raw, bool) or raw is None:
            return raw
        text = self.text(raw).lower()
        if text == "":
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise FieldError(_("Répondez par oui ou par non."))

    def display(self, value, spec):
        return {True: _("Oui"), False: _("Non")}.get(value, "")


@register
class CheckboxKind(YesNoKind):
    type = FieldType.CHECKBOX
    template = "procedures/fields/checkbox.html"

    def clean(self, raw, spec):
        return bool(super().clean(raw, spec))

    def is_empty(self, value):
        return value is not True


@register
class TermsKind(CheckboxKind):
    type = FieldType.TERMS
    template = "procedures/fields/terms.html"
    params = {"terms_url": (TEXT, _("l’adresse des conditions"))}
    required_message = "Cochez la case pour accepter les conditions : le dépôt en dépend."


@register
class EmailKind(FieldKind):
    type = FieldType.EMAIL
    template = "procedures/fields/email.html"

    def clean_text(self, text, spec):
        try:
            validate_email(text)
        except ValidationError:
            raise FieldError(
                _(
                    "Saisissez une adresse électronique complète, par exemple "
                    "nom@exemple.fr (sans espace, avec un @)."
                )
            ) from None
        local, _at, domain = text.rpartition("@")
        return f"{local}@{domain.lower()}"


FRENCH_REGIONS = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC"}
# Numbers dialled nationally ("0590 …") belong to the overseas region that owns the prefix.
_NATIONAL_TRIES = ("FR", "GP", "MQ", "GF", "RE", "YT", "PM")


def _parse_phone(text):
    for region in _NATIONAL_TRIES:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return number
        if text.lstrip().startswith(("+", "00")):
            return None
    return None


@register
class PhoneKind(FieldKind):
    type = FieldType.PHONE
    template = "procedures/fields/phone.html"
    params = {"international": (BOOL, _("vrai pour accepter les numéros étrangers"))}

    def clean_text(self, text, spec):
        if len(text) > 40:
            raise FieldError(_("Ce numéro est trop long : vérifiez-le."))
        number = _parse_phone(text)
        if number is None:
            raise FieldError(
                _(
                    "Saisissez un numéro de téléphone valide, par exemple 01 22 33 44 55, ou "
                    "+32 2 501 02 11 pour un numéro étranger (avec l’indicatif du pays)."
                )
            )
        region = phonenumbers.region_code_for_number(number)
        if not spec.params.get("international", True) and region not in FRENCH_REGIONS:
            raise FieldError(
                _(
                    "Saisissez un numéro français (métropole ou outre-mer), par exemple "
                    "06 12 34 56 78."
                )
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def display(self, value, spec):
        if not value:
            return ""
        number = phonenumbers.parse(value)
        if phonenumbers.region_code_for_number(number) == "FR":
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def widget_value(self, value):
        return self.display(value, None)  # display does not read the spec here
