import csv
from pathlib import Path

import pytest

from essaim.synthesis.engine import Contribution

DATA = Path(__file__).parent / "data"


def load_sample() -> list[Contribution]:
    with (DATA / "contributions_fr.csv").open(encoding="utf-8", newline="") as source:
        return [
            Contribution(id=r["id"], text=r["text"], date=r["date"], territory=r["territory"])
            for r in csv.DictReader(source)
        ]


@pytest.fixture(scope="session")
def sample() -> list[Contribution]:
    return load_sample()
