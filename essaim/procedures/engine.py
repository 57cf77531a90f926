"""What a form shows, requires and concludes for a set of answers. No database access of its
own (territory and dossier-link fields look their references up when validating).

One pass in form order: a condition sees only the answers of fields placed before it that
are visible; computed values are computed where they stand; hidden answers are kept in the
dossier but play no part (neither in conditions nor in completeness).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from essaim.procedures import conditions
from essaim.procedures.enums import EligibilityOutcome, FieldType
from essaim.procedures.fields import FieldError, compute, registry, required_message


@dataclass(frozen=True)
class Problem:
    """A missing or invalid answer, for the summary before submission."""

    key: str
    label: str
    message: str
    section_index: int

    @property
    def anchor(self) -> str:
        return f"champ-{self.key.split('.')[0]}"


@dataclass
class Evaluation:
    values: dict = field(default_factory=dict)
    visible_sections: list = field(default_factory=list)
    visible_keys: set = field(default_factory=set)
    required_keys: set = field(default_factory=set)
    errors: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    eligibility: list = field(default_factory=list)
    documents_needed: list = field(default_factory=list)

    def visible(self, key) -> bool:
        return key in self.visible_keys

    def required(self, key) -> bool:
        return key in self.required_keys

    @property
    def ineligible(self) -> list:
        return [r for r in self.eligibility if r.outcome == EligibilityOutcome.INELIGIBLE]

    @property
    def entitled(self) -> list:
        return [r for r in self.eligibility if r.outcome == EligibilityOutcome.ENTITLED]

    @property
    def blocking_rules(self) -> list:
        return [r for r in self.eligibility if r.blocks_submission]

    @property
    def is_complete(self) -> bool:
        return not self.problems and not self.blocking_rules

    def next_section(self, index: int) -> int | None:
        later = [i for i in self.visible_sections if i > index]
        return later[0] if later else None

    def previous_section(self, index: int) -> int | None:
        earlier = [i for i in self.visible_sections if i < index]
        return earlier[-1] if earlier else None


def _clean(kind, spec, raw, values):
    if spec.type == FieldType.REPEATABLE:
        return kind.clean_rows(raw, spec, values)
    return kind.clean(raw, spec)


def evaluate(form, answers: dict, *, invalid_inputs=None, validate=True, today=None):
    """Evaluate `answers` (a dossier's stored answers) against `form` (a `FormSpec`).

    `invalid_inputs` ({key: {"message": …}}) are inputs that failed validation when saved:
    they count as errors. With `validate=False` stored answers are trusted (rendering); with
    True (submission, summary) each is cleaned again, which is authoritative."""
    invalid_inputs = invalid_inputs or {}
    result = Evaluation()
    values = result.values
    for section in form.sections:
        if not conditions.evaluate(section.condition, values):
            continue
        result.visible_sections.append(section.index)
        for spec in section.fields:
            if not conditions.evaluate(spec.condition, values):
                continue
            result.visible_keys.add(spec.key)
            kind = registry.get(spec.type)
            if spec.type == FieldType.COMPUTED:
                value = compute(spec.params.get("formula"), values, today=today)
                if value is not None:
                    values[spec.key] = value
                continue
            if not kind.is_input:
                continue
            _answer(result, kind, spec, answers.get(spec.key), invalid_inputs, validate)
    for rule in form.rules:
        keys = conditions.referenced_keys(rule.condition)
        answered = all(k in values for k in keys if rule_needs_answer(rule.condition, k))
        if answered and conditions.evaluate(rule.condition, values):
            result.eligibility.append(rule)
    return result


def rule_needs_answer(condition, key) -> bool:
    """A rule speaks once the fields it compares are answered ("is empty" needs no answer)."""
    return not _only_emptiness(condition, key)


def _only_emptiness(condition, key) -> bool:
    if not condition:
        return False
    for combinator in ("all", "any"):
        if combinator in condition:
            return all(_only_emptiness(c, key) for c in condition[combinator])
    if "not" in condition:
        return _only_emptiness(condition["not"], key)
    return condition.get("field") != key or condition.get("op") in {"empty", "filled"}


def _answer(result, kind, spec, raw, invalid_inputs, validate):
    values, key = result.values, spec.key
    value, message = raw, None
    if key in invalid_inputs:
        stored = invalid_inputs[key]
        message = stored.get("message") or _("Cette réponse n’est pas valide : corrigez-la.")
        for row_key, row_message in (stored.get("row_errors") or {}).items():
            _problem(result, spec, f"{key}.{row_key}", row_message)
        value = None
    elif validate:
        try:
            value = _clean(kind, spec, raw, values)
        except FieldError as error:
            message, value = error.message, None
            for row_key, row_message in error.row_errors.items():
                _problem(result, spec, f"{key}.{row_key}", row_message)
    # « Obligatoire seulement si » alone makes the field required when it holds (the builder's
    # badge says « Obligatoire sous condition »), ticked box or not.
    if spec.required_condition is not None:
        required = conditions.evaluate(spec.required_condition, values)
    else:
        required = spec.required
    if required:
        result.required_keys.add(key)
    if spec.type == FieldType.ATTACHMENT:
        result.documents_needed.append(spec)
    if message is None and required and kind.is_empty(value):
        message = required_message(spec)
    if message is not None:
        result.errors[key] = message
        _problem(result, spec, key, message)
    if not kind.is_empty(value):
        values[key] = value


def _problem(result, spec, key, message):
    label = spec.label
    if "." in key:
        _block, row, child = key.split(".", 2)
        child_spec = next((c for c in spec.children if c.key == child), None)
        label = _("%(block)s, ligne %(row)s : %(label)s") % {
            "block": spec.label,
            "row": int(row) + 1,
            "label": child_spec.label if child_spec else child,
        }
        result.errors[key] = message
    result.problems.append(Problem(key, label, message, spec.section_index))
