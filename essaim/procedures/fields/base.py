"""The field-type registry: one `FieldKind` per `FieldType`, found with `registry.get(type)`.

A kind turns what the applicant sent (`raw_from_post`, or a JSON value from the API) into a
clean JSON value (`clean`), or raises `FieldError` with a French message that says how to fix
the input. Whether a field is required is the engine's business, not the kind's: `clean`
returns None for an empty input.
"""

from django.utils.translation import gettext as _


class FieldError(ValueError):
    """An invalid answer. `message` is French and says how to fix it; `row_errors` maps
    "<row>.<child key>" to a message for repeatable blocks; `partial` is what could be kept."""

    def __init__(self, message: str, *, row_errors=None, partial=None):
        super().__init__(message)
        self.message = message
        self.row_errors = row_errors or {}
        self.partial = partial


def typed_text(text: str) -> str:
    """`text`, refused when it holds a NUL character: nobody types one, and PostgreSQL cannot
    store it (in a query or in a JSON answer)."""
    if "\x00" in text:
        raise FieldError(_("Ce texte contient un caractère invalide : retapez-le."))
    return text


class FieldKind:
    type: str = ""
    is_input = True
    template = "procedures/fields/text.html"
    # name -> (python type(s), French description): checked by `param_errors`.
    params: dict = {}
    needs_options = False
    required_message = None

    @property
    def label(self) -> str:
        from essaim.procedures.enums import FieldType

        return str(FieldType(self.type).label)

    # ------------------------------------------------------------ input

    def raw_from_post(self, data, files, name, spec=None):
        """What the HTML form sent for the input(s) named `name` (a QueryDict)."""
        return data.get(name)

    def clean(self, raw, spec):
        """The clean JSON value of `raw`, or None when empty. Raises FieldError."""
        text = self.text(raw)
        return None if text == "" else self.clean_text(text, spec)

    def clean_text(self, text: str, spec):
        return text

    def text(self, raw) -> str:
        if raw is None:
            return ""
        if not isinstance(raw, str | int | float):
            raise FieldError(_("Saisissez un texte."))
        return typed_text(str(raw)).strip()

    def is_empty(self, value) -> bool:
        from essaim.procedures.conditions import is_empty

        return is_empty(value)

    # ------------------------------------------------------------ output

    def display(self, value, spec) -> str:
        """The answer as a French reader expects it (summary, exports, PDF)."""
        if value is None:
            return ""
        return str(value)

    def widget_value(self, value):
        """What to put back in the input(s) to show a stored `value`."""
        return "" if value is None else value

    # ------------------------------------------------------------ builder

    def param_errors(self, params: dict, options: list) -> list[str]:
        """French errors about a field's settings, for the builder."""
        errors = []
        for name, value in (params or {}).items():
            if name not in self.params:
                errors.append(
                    _("Le réglage « %(name)s » n’existe pas pour ce type de champ.")
                    % {"name": name}
                )
                continue
            kinds, description = self.params[name]
            if value is not None and not isinstance(value, kinds):
                errors.append(
                    _("Réglage « %(name)s » : %(description)s.")
                    % {"name": name, "description": description}
                )
        if self.needs_options and not options:
            errors.append(_("Ajoutez au moins une option de réponse."))
        return errors


class Registry:
    def __init__(self):
        self._kinds: dict[str, FieldKind] = {}

    def register(self, cls):
        self._kinds[cls.type] = cls()
        return cls

    def get(self, field_type) -> FieldKind:
        try:
            return self._kinds[str(field_type)]
        except KeyError:
            raise LookupError(f"unknown field type {field_type!r}") from None

    def types(self) -> list[str]:
        return list(self._kinds)

    def __contains__(self, field_type):
        return str(field_type) in self._kinds


registry = Registry()
register = registry.register

INT = (int,)
NUMBER = (int, float, str)
TEXT = (str,)
BOOL = (bool,)
LIST = (list,)
