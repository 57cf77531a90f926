"""Plain, immutable descriptions of a form (no database access once built).

The engine and the field registry work on these, so that validation and rendering of a
300-field form costs no query; a published version's spec is cached (it never changes): in
the shared cache for other processes, and kept built in this process, because unpickling
300 fields at every call cost more than evaluating them.
"""

import uuid
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache


class Params(dict):
    """A field's settings; an unset one reads as None, so that a template asking for it
    (`f.spec.params.max_length`) gets its answer at once instead of through Django's failed
    lookup (an exception and a `dir()`), which cost milliseconds on a 30-field page."""

    def __missing__(self, key):
        return None


@dataclass(frozen=True)
class FieldSpec:
    key: str
    type: str
    label: str
    help_text: str = ""
    help_more: str = ""
    options: tuple = ()
    required: bool = False
    required_condition: dict | None = None
    condition: dict | None = None
    params: dict = field(default_factory=dict)
    private: bool = False
    children: tuple = ()
    section_index: int = 0

    def option_label(self, value) -> str:
        for option in self.options:
            if option.get("value") == value:
                return option.get("label", value)
        return str(value)

    def option_help(self, value) -> str:
        for option in self.options:
            if option.get("value") == value:
                return option.get("help", "")
        return ""

    @property
    def anchor(self) -> str:
        return f"champ-{self.key}"


@dataclass(frozen=True)
class SectionSpec:
    index: int
    title: str
    description: str = ""
    condition: dict | None = None
    fields: tuple = ()


@dataclass(frozen=True)
class RuleSpec:
    outcome: str
    condition: dict | None
    title: str
    message: str
    link_url: str = ""
    link_label: str = ""
    blocks_submission: bool = False


# Frozen specs built in this process, with their token (immutable, so shared freely); emptied
# when full rather than ordered, so that threads never trip on each other.
_BUILT: dict = {}
_BUILT_MAX = 64


@dataclass(frozen=True)
class FormSpec:
    sections: tuple
    rules: tuple = ()

    @cached_property
    def fields(self) -> tuple:
        """Top-level fields in form order (children stay in their block)."""
        return tuple(f for s in self.sections for f in s.fields)

    @cached_property
    def by_key(self) -> dict:
        found = {}
        for spec in self.fields:
            found[spec.key] = spec
            for child in spec.children:
                found[child.key] = child
        return found

    @classmethod
    def for_version(cls, version) -> "FormSpec":
        """The spec of a `FormVersion`; cached when the version is published (frozen)."""
        if not version.is_frozen:
            return cls.from_version(version)
        cache_key = f"procedures:spec:{version.pk}:{version.published_at.timestamp()}"
        # The shared cache holds a short token beside the spec: the spec built here is used
        # while its token is still the shared one (cleared or rebuilt elsewhere: rebuilt).
        token = cache.get(f"{cache_key}:token")
        built = _BUILT.get(cache_key)
        if built is not None and token is not None and built[0] == token:
            return built[1]
        spec = cache.get(cache_key) if token is not None else None
        if spec is None:
            spec, token = cls.from_version(version), uuid.uuid4().hex
            cache.set_many({cache_key: spec, f"{cache_key}:token": token}, 3600)
        if len(_BUILT) >= _BUILT_MAX:
            _BUILT.clear()
        _BUILT[cache_key] = (token, spec)
        return spec

    @classmethod
    def from_version(cls, version) -> "FormSpec":
        sections = list(version.sections.order_by("position", "pk"))
        index_of = {s.pk: i for i, s in enumerate(sections)}
        rows = list(version.fields.filter(private=False).order_by("position", "pk"))
        children: dict[int, list] = {}
        for row in rows:
            if row.parent_id:
                children.setdefault(row.parent_id, []).append(row)

        def build(row, section_index):
            return FieldSpec(
                key=row.key,
                type=row.type,
                label=row.label,
                help_text=row.help_text,
                help_more=row.help_more,
                options=tuple(row.options or ()),
                required=row.required,
                required_condition=row.required_condition,
                condition=row.condition,
                params=Params(row.params or {}),
                private=row.private,
                children=tuple(build(c, section_index) for c in children.get(row.pk, [])),
                section_index=section_index,
            )

        by_section: dict[int, list] = {s.pk: [] for s in sections}
        for row in rows:
            if not row.parent_id and row.section_id in by_section:
                by_section[row.section_id].append(build(row, index_of[row.section_id]))
        return cls(
            sections=tuple(
                SectionSpec(
                    index=i,
                    title=s.title,
                    description=s.description,
                    condition=s.condition,
                    fields=tuple(by_section[s.pk]),
                )
                for i, s in enumerate(sections)
            ),
            rules=tuple(
                RuleSpec(
                    outcome=r.outcome,
                    condition=r.condition,
                    title=r.title,
                    message=r.message,
                    link_url=r.link_url,
                    link_label=r.link_label,
                    blocks_submission=r.blocks_submission,
                )
                for r in version.eligibility_rules.order_by("position", "pk")
            ),
        )
