"""Scenarios on both store backends: records added from a file, checked, never stored."""

from pathlib import Path

import pytest

from zorgnet.core.scenarios import read_scenario, scenario_result, write_scenario
from zorgnet.graph.analyses.scenarios import Scenario
from zorgnet.graph.backends import open_store
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.exceptions import LoadError

NEW_YOUTH_WORK = """\
actors:
  - id: jongerenwerk-huizen-nieuw
    label: jongerenwerk Huizen (nieuw)
    type: welzijnsorganisatie
    scale: lokaal
    area: huizen
    domain: jeugd
    offers: jongerenwerk
    source: "004 §aanpak"
relations:
  - id: scholen-verwijzen-jongerenwerk-huizen-nieuw
    from: scholen
    to: jongerenwerk-huizen-nieuw
    kind: verwijst
    area: huizen
    source: "004 §aanpak"
"""


@pytest.mark.slow
def test_wat_als_er_in_huizen_jongerenwerk_bijkomt_op_elke_opslag(
    any_store: str, shipped: Dataset, tmp_path: Path
) -> None:
    records = tmp_path / "jongerenwerk.yaml"
    records.write_text(NEW_YOUTH_WORK, encoding="utf-8")
    saved = tmp_path / "scenario.yaml"
    write_scenario(Scenario("Jongerenwerk in Huizen", with_records=(str(records),)), saved)
    assert "met:\n- jongerenwerk.yaml" in saved.read_text(encoding="utf-8")
    cache = ProjectionCache()
    with open_store(any_store) as store:
        store.replace(shipped.graph)
        version, triples = store.version, len(store)
        shared = cache.get(store)
        edges = shared.number_of_edges()
        result = scenario_result(store, read_scenario(saved), cache)
        assert (store.version, len(store)) == (version, triples)
        assert cache.get(store) is shared and shared.number_of_edges() == edges
        assert "jongerenwerk-huizen-nieuw" not in shared
    assert result.title == "Jongerenwerk in Huizen: met de registraties uit jongerenwerk.yaml"
    assert result.new_actors == ("jongerenwerk-huizen-nieuw",)
    [link] = result.links
    assert (link.source, link.change, link.sources) == ("scholen", "nieuw", ("004 §aanpak",))
    huizen = next(g for g in result.gemeenten if g.gemeente == "huizen")
    [youth_work] = [c for c in huizen.coverage if c.help_kind == "jongerenwerk"]
    assert (youth_work.before, youth_work.after) == ("onbekend", "aanwezig")
    route = next(c for c in huizen.routes if (c.help_kind, c.start) == ("jongerenwerk", "school"))
    assert route.change == "nieuw"
    assert route.new_relations == ("scholen-verwijzen-jongerenwerk-huizen-nieuw",)


@pytest.mark.slow
def test_een_fout_in_de_registraties_van_een_scenario_noemt_bestand_regel_en_registratie(
    any_store: str, shipped: Dataset, tmp_path: Path
) -> None:
    records = tmp_path / "fout.yaml"
    records.write_text(NEW_YOUTH_WORK.replace("from: scholen", "from: scholen-bestaat-niet"))
    with open_store(any_store) as store:
        store.replace(shipped.graph)
        triples = len(store)
        with pytest.raises(LoadError) as refused:
            scenario_result(store, Scenario(with_records=(str(records),)))
        assert len(store) == triples
    [problem] = refused.value.report.errors
    assert (problem.file, problem.line) == (str(records), 12)
    assert problem.record == "scholen-verwijzen-jongerenwerk-huizen-nieuw"
    assert "scholen-bestaat-niet" in problem.message
