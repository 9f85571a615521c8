"""GraphML and GEXF as networkx and igraph read them back: the same actors and ties with
their attributes, every relation and membership record's IRI on its edge, and none of
zorgnet's internal edge keys."""

import io
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest

from zorgnet.formats.network import network, network_text
from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import Dataset

FORMATS = ("graphml", "gexf")
READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.fixture(scope="module")
def G(shipped: Dataset) -> nx.MultiDiGraph:
    return network(shipped.graph)


@pytest.fixture(scope="module")
def exported(G: nx.MultiDiGraph) -> dict[str, str]:
    return {fmt: network_text(G, fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def record_iris(shipped: Dataset) -> set[str]:
    """The IRI of every relation and membership record in the projection."""
    G = project(shipped.graph)
    return {d["iri"] for *_, d in G.edges(data=True) if d["record"] in ("relation", "membership")}


def _edge_data(back: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [d for *_, d in back.edges(data=True)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_networkx_reads_back_every_record_iri_and_no_internal_key(
    fmt: str, exported: dict[str, str], record_iris: set[str], G: nx.MultiDiGraph
) -> None:
    back = READERS[fmt](io.BytesIO(exported[fmt].encode("utf-8")))
    edges = _edge_data(back)
    iris = [d["iri"] for d in edges if d["record"] in ("relation", "membership")]
    assert len(iris) == len(set(iris)) and set(iris) == record_iris
    part_of = [d for d in edges if d["kind"] == "is-onderdeel-van" and d["record"] == "relation"]
    assert len(part_of) == 11  # the relation records of kind 'is onderdeel van'
    assert all("networkx_key" not in d for d in edges)
    assert all("/" not in key for *_, key in back.edges(keys=True))
    assert "networkx_key" not in exported[fmt] and "/is-onderdeel-van/" not in exported[fmt]
    # One edge per tie: a part-of tie that a relation record states is that record's edge.
    ties = [(u, v) for u, v, d in back.edges(data=True) if d["kind"] == "is-onderdeel-van"]
    assert len(ties) == len(set(ties))
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    for node, data in G.nodes(data=True):
        for key in ("label", "type", "scale", "color", "areas", "offers", "iri"):
            assert back.nodes[node][key] == data[key], (node, key)


def test_igraph_reads_the_graphml_with_every_record_iri(
    exported: dict[str, str], record_iris: set[str], tmp_path: Path
) -> None:
    path = tmp_path / "zorgnet.graphml"
    path.write_text(exported["graphml"], encoding="utf-8")
    graph = igraph.Graph.Read_GraphML(str(path))
    assert "networkx_key" not in graph.es.attributes()
    records = [e["iri"] for e in graph.es if e["record"] in ("relation", "membership")]
    assert set(records) == record_iris
    assert {"label", "kind", "color", "sources"} <= set(graph.es.attributes())
    assert {"label", "type", "color", "iri"} <= set(graph.vs.attributes())
    huisarts = graph.vs.find(id="huisarts")
    assert huisarts["label"] == "huisarts"
