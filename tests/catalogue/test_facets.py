import pytest
from django.http import QueryDict

from essaim.catalogue.facets import compute_facets, territory_counts
from essaim.catalogue.filters import Filters
from essaim.catalogue.queries import search_initiatives
from essaim.catalogue.services import set_origin
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _count(filters):
    return search_initiatives(filters).count()


def assert_counts_lead_to_results(filters):
    """Each facet option's count is the number of results it leads to.

    With nothing selected in the facet, that is the option's own link; with a selection, it is
    the option chosen as the facet's only value (standard faceting).
    """
    for facet in compute_facets(filters):
        for option in facet.options:
            if option.selected:
                continue
            if facet.selected_count:
                target = filters.without(facet.attr).toggled(facet.attr, option.value)
            else:
                target = Filters.from_querydict(QueryDict(option.querystring.lstrip("?")))
            assert _count(target) == option.count, (facet.attr, option.value)


def test_facet_counts_equal_results_they_lead_to(nord_autonomie, sdis_77, editor):
    InitiativeFactory(title="Une idée", stage="idea", beneficiaries=["companies"])
    replication = InitiativeFactory(title="Nord autonomie ailleurs", stage="idea")
    set_origin(replication, origin=nord_autonomie, by=editor)
    assert_counts_lead_to_results(Filters())
    assert_counts_lead_to_results(Filters(q="formulaire"))
    assert_counts_lead_to_results(Filters(stages=("experiment",), themes=("sante",)))


def test_facet_counts_leave_out_their_own_filter(nord_autonomie, sdis_77):
    facets = {f.attr: f for f in compute_facets(Filters(themes=("handicap",)))}
    themes = {o.value: o.count for o in facets["themes"].options}
    # The theme facet still offers the other themes, counted without the theme filter…
    assert themes["sante"] == 1 and themes["handicap"] == 1
    # …while the other facets count only the initiatives about handicap.
    regions = {o.value: o.count for o in facets["regions"].options}
    assert regions == {"32": 1}


def test_facet_counts_never_count_drafts(nord_autonomie):
    InitiativeFactory(title="Brouillon", draft=True, beneficiaries=["citizens"])
    facets = {f.attr: f for f in compute_facets(Filters())}
    assert {o.value: o.count for o in facets["beneficiaries"].options} == {
        "citizens": 1,
        "agents": 1,
    }


def test_facet_spread_counts_initiatives_taken_up_elsewhere(nord_autonomie, sdis_77, editor):
    set_origin(InitiativeFactory(), origin=nord_autonomie, by=editor)
    set_origin(InitiativeFactory(draft=True), origin=sdis_77, by=editor)  # a draft: not yet
    facets = {f.attr: f for f in compute_facets(Filters())}
    assert [(o.value, o.count) for o in facets["spread"].options] == [("1", 1)]
    assert [i.title for i in search_initiatives(Filters(spread=True))] == ["Nord autonomie"]


def test_facet_unknown_selected_value_stays_visible_at_zero(nord_autonomie):
    facets = {f.attr: f for f in compute_facets(Filters(themes=("inconnu",)))}
    assert [(o.value, o.count, o.selected) for o in facets["themes"].options][-1] == (
        "inconnu",
        0,
        True,
    )


def test_territory_counts_ignore_the_territory_filters(nord_autonomie, sdis_77):
    InitiativeFactory(title="Nationale")
    counts = territory_counts(Filters(regions=("32",)))
    assert counts == {
        "regions": {"32": 1, "11": 1},
        "departments": {"59": 1, "77": 1},
        "national": 1,
    }


def test_facet_counts_agree_with_results_with_and_without_a_text_query(
    nord_autonomie, sdis_77, editor
):
    """The in-memory counting (text query) and the SQL counting agree with the results."""
    from essaim.catalogue.models import Theme
    from tests.catalogue.factories import LabFactory

    lab = LabFactory(name="Ti Lab")
    themes = list(Theme.objects.all()[:4])
    for n in range(12):
        initiative = InitiativeFactory(
            title=f"Guichet numérique {n}",
            stage=["idea", "prototype", "scaling"][n % 3],
            territory=[nord_autonomie.territory, sdis_77.territory, None][n % 3],
            themes=themes[n % 4 : n % 4 + 2],
            labs=[lab] if n % 2 else [],
            carriers=list(nord_autonomie.carriers.all()) if n % 5 == 0 else [],
            beneficiaries=[["citizens"], ["agents", "companies"], []][n % 3],
        )
        if n % 4 == 0:
            set_origin(InitiativeFactory(title=f"Reprise {n}"), origin=initiative, by=editor)
    for q in ["", "guichet"]:
        for extra in [
            {},
            {"stages": ("idea", "scaling")},
            {"themes": (themes[0].slug,), "regions": ("32",), "labs": (lab.slug,)},
            {"beneficiaries": ("citizens", "inconnu"), "spread": True},
            {"departments": ("77",), "carrier_kinds": ("local_authority",)},
        ]:
            assert_counts_lead_to_results(Filters(q=q, **extra))
