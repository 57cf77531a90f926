"""Demonstration synthesis: the DINUM call for ideas, computed, validated and published."""

from essaim.accounts.models import Organisation, User
from essaim.participation.demo import DINUM_SLUG
from essaim.participation.models import Campaign
from essaim.synthesis import services
from essaim.synthesis.enums import Publication, Source, Status
from essaim.synthesis.models import Synthesis
from essaim.synthesis.runs import run

TITLE = "Synthèse de l’appel à idées « À quelles données publiques rêvez-vous d’avoir accès ? »"
METHOD_NOTE = (
    "Synthèse de démonstration. Les propositions publiées de l’appel à idées ont été "
    "regroupées en thèmes par le moteur de synthèse de la plateforme (mots lemmatisés, sans "
    "modèle distant), puis relues par l’équipe : chaque thème garde ses contributions, les "
    "contributions isolées restent visibles parmi les « non classées »."
)
VALIDATOR = "admin@essaim.example"


def load() -> str:
    """Create, compute and publish the synthesis of the DINUM call for ideas (once).

    Side effects: saves one Synthesis with its contributions; runs the engine inline.
    """
    campaign = Campaign.objects.filter(slug=DINUM_SLUG).first()
    organisation = Organisation.objects.filter(slug="dinum").first()
    if campaign is None or organisation is None:
        return "consultation de la DINUM absente : rien chargé"
    synthesis = Synthesis.objects.filter(campaign=campaign, title=TITLE).first()
    if synthesis is None:
        synthesis = Synthesis.objects.create(
            title=TITLE,
            organisation=organisation,
            source=Source.CAMPAIGN,
            campaign=campaign,
            status=Status.QUEUED,
        )
        run(synthesis.pk)
        synthesis.refresh_from_db()
    if synthesis.status == Status.DONE and synthesis.publication == Publication.DRAFT:
        validator = User.objects.filter(email=VALIDATOR).first()
        services.set_publication(
            synthesis, by=validator, to=Publication.VALIDATED, method_note=METHOD_NOTE
        )
        services.set_publication(synthesis, by=validator, to=Publication.PUBLISHED)
    return (
        f"synthèse publiée de l’appel à idées de la DINUM ({synthesis.items.count()} "
        f"contributions, {len(synthesis.themes)} thèmes)"
    )
