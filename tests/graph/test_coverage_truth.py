"""The gaps analysis reproduces the coverage truth table derived by hand from the seeds
(tests/graph/fixtures/coverage-truth.yaml): for every gemeente and kind of help, the
state the seeds give, with the line references that give it."""

from pathlib import Path

import pytest
import yaml

from zorgnet.graph.analyses.gaps import STATES, coverage

TRUTH = yaml.safe_load((Path(__file__).parent / "fixtures" / "coverage-truth.yaml").read_text())
CELLS = [
    (gemeente, help_kind, cell)
    for gemeente, kinds in TRUTH["gemeenten"].items()
    for help_kind, cell in kinds.items()
]


@pytest.fixture(scope="module")
def states(region) -> dict[tuple[str, str], str]:
    """The gaps analysis's state per gemeente and help kind, on the shipped data."""
    return coverage(region).states()


def test_the_truth_table_covers_every_gemeente_and_help_kind(states) -> None:
    assert {(g, h) for g, h, _ in CELLS} == set(states)
    assert all(cell["state"] in STATES and cell["sources"] for _, _, cell in CELLS)


@pytest.mark.parametrize(
    ("gemeente", "help_kind", "cell"), CELLS, ids=[f"{g}-{h}" for g, h, _ in CELLS]
)
def test_the_gaps_analysis_gives_the_state_of_the_seeds(states, gemeente, help_kind, cell) -> None:
    assert states[(gemeente, help_kind)] == cell["state"], cell["why"]
