"""Free names for new rows: a slug or an identifier, numbered when the plain one is taken."""

from collections.abc import Callable

from django.utils.text import slugify


def numbered(base: str, is_taken: Callable[[str], bool], *, separator: str = "-") -> str:
    """`base`, else `base-2`, `base-3`… the first that `is_taken` does not refuse."""
    candidate, n = base, 1
    while is_taken(candidate):
        n += 1
        candidate = f"{base}{separator}{n}"
    return candidate


def unique_slug(rows, text: str, *, fallback: str, reserved=frozenset(), length=200) -> str:
    """A slug made from `text`, free among `rows` (a queryset, or a model's manager) and
    never one of the `reserved` URL words (« carte » becomes « carte-2 »)."""
    base = slugify(text)[:length].strip("-") or fallback
    return numbered(base, lambda slug: slug in reserved or rows.filter(slug=slug).exists())
