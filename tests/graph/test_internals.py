"""The private upstream attributes zorgnet relies on still mean what it expects.

:mod:`zorgnet.graph.internals` is the one place that reaches behind networkx's and
oxrdflib's public API. These tests build the same graph through networkx's public API
and through the adapter and compare everything the analyses read, so an upgrade that
renames or reshapes ``G._node``, ``G._succ``, ``G._pred``, ``G._adj`` or
``OxigraphStore._inner`` fails here, not as wrong answers elsewhere.
"""

import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from oxrdflib import OxigraphStore
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.internals import GraphDicts, dicts_of, digraph_of, graph_of, oxigraph_of
from zorgnet.graph.store import Store

NODES = [("a", {"label": "A"}), ("b", {"label": "B"}), ("c", {}), ("alone", {"x": 1})]
# Out of key order, with two keys between one pair and a loop, so that order matters.
EDGES = [
    ("b", "a", "z", {"kind": "verwijst"}),
    ("a", "b", "k2", {"kind": "consulteert"}),
    ("a", "b", "k1", {"kind": "verwijst"}),
    ("c", "a", "ca", {}),
    ("c", "c", "loop", {"kind": "is-onderdeel-van"}),
]


def _public() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_nodes_from(NODES)
    for u, v, key, data in EDGES:
        G.add_edge(u, v, key=key, **data)
    return G


def _through_the_adapter() -> nx.MultiDiGraph:
    """The graph of :func:`_public`, its dictionaries filled by hand."""
    nodes = {n: dict(data) for n, data in NODES}
    succ: dict = {n: {} for n in nodes}
    pred: dict = {n: {} for n in nodes}
    for u, v, key, data in EDGES:
        keys = succ[u].setdefault(v, {})
        pred[v][u] = keys
        keys[key] = dict(data)
    return graph_of(GraphDicts(nodes, succ, pred))


def _views(G: nx.MultiDiGraph) -> dict[str, object]:
    """Everything an analysis may read of *G*, order included."""
    return {
        "nodes": list(G.nodes(data=True)),
        "edges": list(G.edges(keys=True, data=True)),
        "adj": {u: {v: dict(keys) for v, keys in nbrs.items()} for u, nbrs in G.adj.items()},
        "succ": {u: {v: dict(keys) for v, keys in nbrs.items()} for u, nbrs in G.succ.items()},
        "pred": {u: {v: dict(keys) for v, keys in nbrs.items()} for u, nbrs in G.pred.items()},
        "in_edges": list(G.in_edges(keys=True, data=True)),
        "degree": list(G.degree()),
        "in_degree": list(G.in_degree()),
        "number_of_edges": G.number_of_edges(),
        "successors": {n: list(G.successors(n)) for n in G},
        "predecessors": {n: list(G.predecessors(n)) for n in G},
    }


def test_a_graph_built_from_dicts_reads_as_one_built_through_the_public_api() -> None:
    public, adapted = _public(), _through_the_adapter()
    assert _views(adapted) == _views(public)
    assert nx.utils.graphs_equal(adapted, public)


def test_the_dicts_of_a_graph_are_its_own_and_shared_as_networkx_shares_them() -> None:
    G = _public()
    nodes, succ, pred = dicts_of(G)
    # The attributes the adapter reads are there, and are what the public views show.
    for name in ("_node", "_adj", "_succ", "_pred"):
        assert name in vars(G)
    assert G._adj is G._succ
    assert nodes is G._node and succ is G._succ and pred is G._pred
    assert all(nodes[n] is G.nodes[n] for n in G)
    # One key dictionary per pair, held by both ends: what graph_of's callers rely on.
    for u, v, key in G.edges(keys=True):
        assert succ[u][v] is pred[v][u]
        assert succ[u][v][key] is G.edges[u, v, key]
    assert list(succ["a"]["b"]) == ["k2", "k1"]


def test_a_graph_built_from_dicts_shares_them_and_stays_a_working_graph() -> None:
    dicts = dicts_of(_public())
    G = graph_of(dicts)
    assert dicts_of(G) == dicts
    assert all(dicts_of(G)[i] is dicts[i] for i in range(3))
    # The views networkx caches follow the new dictionaries, and later changes keep the
    # two directions in step, as in a graph built edge by edge.
    G = _through_the_adapter()
    assert list(G.adj["a"]) == ["b"]
    G.add_edge("alone", "a", key="new")
    G.remove_edge("a", "b", key="k2")
    public = _public()
    public.add_edge("alone", "a", key="new")
    public.remove_edge("a", "b", key="k2")
    assert _views(G) == _views(public)
    frozen = nx.freeze(_through_the_adapter())
    with pytest.raises(nx.NetworkXError):
        frozen.add_edge("a", "c")


def test_a_route_graph_made_of_dicts_reads_as_one_built_edge_by_edge() -> None:
    # A route question's DiGraph: one attribute dictionary per pair, in both directions.
    public = nx.DiGraph()
    public.add_nodes_from(NODES)
    nodes = {n: dict(data) for n, data in NODES}
    succ: dict = {n: {} for n in nodes}
    pred: dict = {n: {} for n in nodes}
    for u, v, key, data in EDGES:
        public.add_edge(u, v, key=key, **data)
        attrs = {"key": key, **data}
        if v in succ[u]:
            succ[u][v].update(attrs)
        else:
            succ[u][v] = pred[v][u] = attrs
    D = digraph_of(nodes, succ, pred)
    assert list(D.edges(data=True)) == list(public.edges(data=True))
    assert {n: list(D.pred[n]) for n in D} == {n: list(public.pred[n]) for n in public}
    assert nx.shortest_path(D, "c", "b") == nx.shortest_path(public, "c", "b") == ["c", "a", "b"]
    assert D.succ["a"]["b"] is D.pred["b"]["a"]


@pytest.mark.parametrize("on_disk", [False, True], ids=["in memory", "on disk"])
def test_the_oxigraph_store_behind_an_rdflib_graph_is_the_one_it_was_made_with(
    on_disk: bool, tmp_path: Path
) -> None:
    db = ox.Store()
    assert oxigraph_of(OxigraphStore(store=db)) is db
    store = Store(tmp_path / "db") if on_disk else Store()
    store.replace(example_graph())
    graph = store.graph()
    # A projection asks this store itself (graph.terms), not oxrdflib's conversion.
    assert isinstance(graph.store, OxigraphStore)
    inner = oxigraph_of(graph.store)
    in_memory = graph.identifier == DATASET_DEFAULT_GRAPH_ID
    target = ox.DefaultGraph() if in_memory else ox.NamedNode(str(graph.identifier))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    rows = inner.query(count, default_graph=target)
    assert int(next(iter(rows))["n"].value) == len(graph) == len(example_graph())
    # The same triples as rdflib reads through oxrdflib.
    direct = {
        (str(t.subject.value), str(t.predicate.value))
        for t in inner.quads_for_pattern(None, None, None, target)
    }
    through_rdflib = {(str(s), str(p)) for s, p, _ in graph}
    assert direct == through_rdflib


ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("ontology", "loaders", "graph", "formats", "core", "viz", "api", "data")
PRIVATE = re.compile(r"\.(_node|_succ|_pred|_adj|_inner)\b")


def test_nothing_but_the_adapter_reaches_behind_networkx_or_oxrdflib() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != ROOT / "graph" / "internals.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert found == []
