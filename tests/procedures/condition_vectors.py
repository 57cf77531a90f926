"""The shared test vectors of the condition language (data/condition_vectors.json), read by the
server-side tests and by the browser test, so that both check the same results."""

import json
from pathlib import Path

VECTORS = json.loads((Path(__file__).parent / "data" / "condition_vectors.json").read_text())
FIELDS = VECTORS["fields"]
CASES = VECTORS["cases"]


def flat():
    """(condition text, answers, expected truth value) for every vector."""
    return [
        (vector["condition"], case["answers"], vector["expected"])
        for case in CASES
        for vector in case["vectors"]
    ]
