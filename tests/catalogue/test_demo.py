import pytest

from essaim.accounts import demo as accounts_demo
from essaim.accounts.models import Organisation
from essaim.catalogue import demo
from essaim.catalogue.models import Initiative, LabFigure, LabProfile
from essaim.core.models import Territory
from tests.catalogue.factories import CommuneFactory, DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db

SEED_NAMES = [
    "SDIS 77",
    "TAC",
    "Covidom",
    "indice de réparabilité",
    "Les Assembleurs",
    "Simplificathon",
    "Nord autonomie",
    "#ESSHDF",
    "Citoyens en communs",
    "Crédit-Loisirs",
    "Odéis",
    "Réacteur public",
    "Collèges connectés",
    "Incubateur des territoires",
    "réserve civique",
]
LAB_SLUGS = ["ti-lab", "siilab", "la-fabrique-rh", "la-base", "le-labo", "inso-lab-83",
             "etat-lin", "archipel", "fabrik59", "futurs-publics"]  # fmt: skip


@pytest.fixture
def territories():
    hdf = RegionFactory(code="32", name="Hauts-de-France")
    idf = RegionFactory(code="11", name="Île-de-France")
    nord = DepartmentFactory(code="59", name="Nord", parent=hdf)
    s_et_m = DepartmentFactory(code="77", name="Seine-et-Marne", parent=idf)
    CommuneFactory(code="77288", name="Melun", parent=s_et_m)
    CommuneFactory(code="59009", name="Villeneuve-d’Ascq", parent=nord)
    return hdf


def _load():
    accounts_demo.load()
    return demo.load()


def test_demo_load_names_every_seed_initiative(territories):
    summary = _load()
    published = Initiative.objects.published()
    for name in SEED_NAMES:
        text = " ".join(published.values_list("title", flat=True)) + " ".join(
            published.values_list("pitch", flat=True)
        )
        assert name.lower() in text.lower(), name
    assert "initiatives" in summary


def test_demo_load_keeps_the_facts_of_the_seeds(territories):
    _load()
    sdis = Initiative.objects.get(slug="sdis-77-bilans-de-secours-sur-tablette")
    assert sdis.territory.name == "Melun"
    assert sdis.department.code == "77" and sdis.region.code == "11"
    assert sdis.carriers.get().slug == "sdis-77"
    reparability = Initiative.objects.get(slug="test-indice-de-reparabilite")
    assert reparability.is_national
    assert reparability.indicators.filter(value=140000).exists()
    assert [c.stage for c in reparability.stage_changes.all()] == ["experiment", "scaling"]
    assert reparability.stage == "scaling"
    simplificathon = Initiative.objects.get(slug="faisons-simple-simplificathon-du-nord")
    assert set(simplificathon.indicators.values_list("value", flat=True)) == {8000, 120, 4}
    assert simplificathon.labs.get().slug == "fabrik59"


def test_demo_load_records_lab_figures_and_profiles(territories):
    _load()
    siilab = Organisation.objects.get(slug="siilab")
    assert {int(f.value) for f in siilab.declared_figures.all()} == {650, 50}
    assert siilab.lab_profile.founded_on.year == 2017
    network = LabFigure.objects.filter(organisation__slug="reseau-des-labs-de-l-etat")
    assert sorted(int(f.value) for f in network) == [80, 90, 500]
    assert all(f.declared_on and f.source for f in LabFigure.objects.all())
    assert LabProfile.objects.get(organisation__slug="la-base").founded_on.month == 6
    for slug in LAB_SLUGS:
        assert Organisation.objects.get(slug=slug).kind == "lab"
    # SIILAB leads one initiative and supports several.
    assert siilab.carried_initiatives.count() >= 1
    assert siilab.supported_initiatives.count() >= 3


def test_demo_load_links_replications_to_their_origin(territories):
    _load()
    origin = Initiative.objects.get(slug="repenser-les-maisons-de-services-au-public")
    assert origin.replications.get().region.code == "32"
    assert Initiative.objects.filter(origin__isnull=False).count() >= 2


def test_demo_load_twice_changes_nothing(territories):
    _load()
    before = {i.slug: i.updated_at for i in Initiative.objects.all()}
    counts = (Organisation.objects.count(), LabFigure.objects.count())
    _load()
    after = {i.slug: i.updated_at for i in Initiative.objects.all()}
    assert before == after
    assert counts == (Organisation.objects.count(), LabFigure.objects.count())


def test_demo_load_without_territories_leaves_them_empty():
    assert not Territory.objects.exists()
    _load()
    sdis = Initiative.objects.get(slug="sdis-77-bilans-de-secours-sur-tablette")
    assert sdis.territory is None and not sdis.is_national


def test_demo_load_writes_french_typography(territories):
    _load()
    simplificathon = Initiative.objects.get(slug="faisons-simple-simplificathon-du-nord")
    assert "8\u202f000" in simplificathon.pitch
    assert "«\u00a0Faisons simple\u00a0»" in simplificathon.title
    assert all(len(i.pitch) <= 300 for i in Initiative.objects.all())


def test_demo_initiatives_are_found_by_search(territories):
    _load()
    nord = Initiative.objects.get(slug="nord-autonomie-formulaire-mdph-en-ligne")
    assert "formulaire" in nord.search_document and "mdph" in nord.search_document
    sdis = Initiative.objects.get(slug="sdis-77-bilans-de-secours-sur-tablette")
    assert "dematerialisent" in sdis.search_document
