"""The front door: what the CLI and the web app do, a Python user does with
``zorgnet.core`` in a few lines (that the packages import one way is tests/test_layers.py)."""

from pathlib import Path

import pytest

from zorgnet import core
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.ontology.exceptions import LoadError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_kan_een_python_gebruiker_laden_en_een_route_vragen(tmp_path: Path) -> None:
    with core.open_store(tmp_path / "store") as store:
        dataset = core.load(store, core.SHIPPED_DATASET)
        G = core.projection(store)
        route = referral_routes(G, "huisarts", "jeugd-ggz", gemeente="huizen").routes[0]
    assert dataset.record_count > 600
    assert route.referrer == "huisarts"
    assert "[bron:" in route.explanation


@pytest.mark.slow
def test_bad_data_is_refused_by_the_front_door_and_nothing_changes(tmp_path: Path) -> None:
    broken = tmp_path / "data"
    broken.mkdir()
    (broken / "bronnen.yaml").write_text(
        (ROOT / "tests" / "loaders" / "fixture-bronnen.yaml").read_text()
    )
    (broken / "kapot.yaml").write_text("actors:\n  - id: x\n    label: X\n")
    with core.open_store(tmp_path / "store") as store:
        core.load(store, core.SHIPPED_DATASET)
        before = len(store)
        with pytest.raises(LoadError) as refused:
            core.load(store, broken, add=True)
        assert len(store) == before
    assert not refused.value.report.ok
