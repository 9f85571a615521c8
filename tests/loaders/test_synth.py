"""A synthetic national network: deterministic, marked as synthetic, and valid zorgnet data."""

from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import Dataset, read_dataset
from zorgnet.loaders.synth import SEED_DOCUMENT, synthesize

runner = CliRunner()


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    result = runner.invoke(app, ["synth", "--gemeenten", "20", "--seed", "1", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def synth_data(synth_dir: Path) -> Dataset:
    return read_dataset(synth_dir)


@pytest.fixture(scope="module")
def synth_projection(synth_data: Dataset) -> nx.MultiDiGraph:
    return project(synth_data.graph)


@pytest.mark.slow
def test_the_same_seed_gives_the_same_network_and_another_seed_another() -> None:
    assert synthesize(gemeenten=4, seed=7).files == synthesize(gemeenten=4, seed=7).files
    assert synthesize(gemeenten=4, seed=7).files != synthesize(gemeenten=4, seed=8).files


@pytest.mark.slow
def test_synth_writes_the_data_format_with_a_register_that_says_synthetic(synth_dir: Path) -> None:
    names = {p.name for p in synth_dir.iterdir()}
    assert {"bronnen.yaml", "gebieden.yaml", "landelijk.yaml"} <= names
    assert sum(name.startswith("regio-") for name in names) == 2
    register = (synth_dir / "bronnen.yaml").read_text(encoding="utf-8")
    assert f"id: '{SEED_DOCUMENT}'" in register or f'id: "{SEED_DOCUMENT}"' in register
    assert "SYNTHETISCH" in register


@pytest.mark.slow
def test_the_synthetic_network_passes_the_check(synth_data: Dataset) -> None:
    assert synth_data.report.ok, synth_data.report.errors[:5]
    assert synth_data.report.warnings == []


@pytest.mark.slow
def test_every_gemeente_has_local_teams_providers_and_legal_referrers(
    synth_projection: nx.MultiDiGraph,
) -> None:
    G = synth_projection
    kinds = {data["type"] for _, data in G.nodes(data=True)}
    assert {"gemeente", "buurtteam", "huisarts", "school", "jeugdhulpaanbieder"} <= kinds
    gemeenten = [a for a in G.graph["areas"].values() if a.type == "gemeente"]
    assert len(gemeenten) == 20
    assert len(G.graph["memberships"]) > 0
    assert {m.power for m in G.graph["mandates"]} >= {"verwijzen", "indiceren", "beschikken"}
    # Proportions of the shipped region: well over a hundred actors per gemeente.
    assert G.number_of_nodes() / len(gemeenten) > 100
    assert nx.number_weakly_connected_components(G) == 1


@pytest.mark.slow
def test_a_gp_in_a_synthetic_gemeente_has_a_route_to_youth_mental_health(
    synth_projection: nx.MultiDiGraph,
) -> None:
    result = referral_routes(synth_projection, "g001-huisarts-1", "jeugd-ggz", gemeente="g001", k=3)
    assert result.routes
