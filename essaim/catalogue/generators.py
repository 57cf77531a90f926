"""The catalogue's bulk generators for `essaim generate` (see essaim.core.generators)."""

from essaim.catalogue.generate import generate_initiatives
from essaim.core.generators import register

register(
    "initiatives",
    help="initiatives vraisemblables avec thèmes, porteurs, étapes et indicateurs",
)(generate_initiatives)
