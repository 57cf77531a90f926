"""Field types of procedures: `registry.get(type)` gives the kind that cleans and shows an
answer. Importing this package registers every type."""

from essaim.procedures.fields import choices, identifiers, places, simple, structure  # noqa: F401
from essaim.procedures.fields.base import FieldError, FieldKind, registry
from essaim.procedures.fields.structure import compute, required_message

__all__ = ["FieldError", "FieldKind", "compute", "registry", "required_message"]
