"""An instructor's saved views of a procedure's table: named filters and sorting, per person."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from essaim.procedures.models import SavedView

# The query-string names the table understands (see instruction_queries.DossierFilters).
KEPT = ("q", "etat", "groupe", "retard", "tri")
MAX_VIEWS = 30


def normalise(query: str) -> str:
    """Only the table's own parameters, in a stable order, without the page number."""
    parsed = QueryDict(query or "")
    return urlencode([(key, parsed.get(key)) for key in KEPT if parsed.get(key)])


def views_of(user, procedure):
    return SavedView.objects.filter(user=user, procedure=procedure).order_by("name")


def save_view(*, user, procedure, name: str, query: str) -> SavedView:
    """Save (or replace, by name) the filters `query` as a view of `user` on `procedure`.

    Side effects: creates or updates one SavedView. Raises ValidationError (French) when the
    name is empty or the person already has MAX_VIEWS views.
    """
    name = " ".join((name or "").split())[:100]
    if not name:
        raise ValidationError(_("Donnez un nom à cette vue, par exemple « En retard, Nord »."))
    existing = views_of(user, procedure)
    if not existing.filter(name=name).exists() and existing.count() >= MAX_VIEWS:
        raise ValidationError(
            _("Vous avez déjà %(n)s vues : supprimez-en une avant d’en enregistrer une autre.")
            % {"n": MAX_VIEWS}
        )
    view, _created = SavedView.objects.update_or_create(
        user=user, procedure=procedure, name=name, defaults={"query": normalise(query)}
    )
    return view
