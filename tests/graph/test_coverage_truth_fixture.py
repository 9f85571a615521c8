"""The coverage truth table (fixtures/coverage-truth.yaml) is complete and cites the seeds:
every gemeente times every help kind, one allowed state, lines that exist in the seed."""

import re
from pathlib import Path

import yaml

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders.sources import read_register
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

TRUTH = Path(__file__).parent / "fixtures" / "coverage-truth.yaml"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
GEMEENTEN = {"hilversum", "gooise-meren", "wijdemeren", "huizen", "blaricum", "eemnes", "laren"}
STATES = {"aanwezig", "alleen-pilot", "tekort", "afwezig", "onbekend"}


def _cells() -> dict[str, dict[str, dict]]:
    return yaml.safe_load(TRUTH.read_text(encoding="utf-8"))["gemeenten"]


def test_does_the_truth_table_have_a_cell_for_every_gemeente_and_help_kind() -> None:
    cells = _cells()
    assert set(cells) == GEMEENTEN
    for gemeente, row in cells.items():
        assert set(row) == set(vocabulary().notations(ZN.HelpKind)), gemeente
        for help_kind, cell in row.items():
            assert cell["state"] in STATES, (gemeente, help_kind)
            assert cell["why"].endswith("."), (gemeente, help_kind)


def test_does_every_cell_cite_lines_that_exist_in_the_seeds() -> None:
    register, _ = read_register(SHIPPED_DATASET / "bronnen.yaml")
    lengths = {
        seed: len((SEEDS / name).read_text(encoding="utf-8").splitlines())
        for seed, name in register.files.items()
    }
    for gemeente, row in _cells().items():
        for help_kind, cell in row.items():
            assert cell["sources"], (gemeente, help_kind)
            for source in cell["sources"]:
                m = re.fullmatch(r"(\d{3}) regel (\d+)(?:-(\d+))?", source)
                assert m, source
                first, last = int(m.group(2)), int(m.group(3) or m.group(2))
                assert 1 <= first <= last <= lengths[m.group(1)], source


def test_which_cells_are_absent_according_to_the_seeds() -> None:
    """Issue 17: "afwezig" only where a seed says the help is absent; none does."""
    states = {cell["state"] for row in _cells().values() for cell in row.values()}
    assert "afwezig" not in states
