"""Base form shared by every app: DSFR rendering without django-dsfr's transitional warnings."""

from dsfr.forms import DsfrBaseForm


class DsfrForm(DsfrBaseForm):
    """Use instead of `DsfrBaseForm` (also as a mixin before `forms.ModelForm`).

    django-dsfr 3.x warns on every render about its coming "mark optional fields" default,
    which our `filterwarnings = error` turns into a failure; the markup is unchanged.
    """

    def get_context(self) -> dict:
        context = super(DsfrBaseForm, self).get_context()
        context.setdefault("DSFR_MARK_OPTIONAL_FIELDS", False)
        return context
