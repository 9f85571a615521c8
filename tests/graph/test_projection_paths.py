"""The projection reads a store through pyoxigraph and a plain graph through rdflib: same result."""

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from zorgnet.graph.projection import project
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.namespace import ZN


def _everything(G: nx.MultiDiGraph) -> tuple[object, ...]:
    records = {k: v for k, v in G.graph.items() if k != "memo"}
    return (
        sorted(G.nodes(data=True)),
        sorted((u, v, k, sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True)),
        records,
    )


def test_the_projection_of_the_stored_shipped_data_equals_that_of_the_data_read(
    shipped: Dataset,
) -> None:
    store = Store()
    store.replace(shipped.graph)
    from_store = project(store.graph())
    from_rdflib = project(shipped.graph)
    assert from_store.number_of_nodes() > 100
    assert _everything(from_store) == _everything(from_rdflib)


def test_a_dutch_label_wins_over_other_languages_on_either_path() -> None:
    actor = URIRef("https://w3id.org/zorgnet/id/actor/wijkteam")
    data = Graph()
    for triple in [
        (actor, RDF.type, ZN.Record),
        (actor, RDF.type, ZN.Actor),
        (actor, SKOS.prefLabel, Literal("district team", lang="en")),
        (actor, SKOS.prefLabel, Literal("wijkteam", lang="nl")),
        (actor, ZN.asOf, Literal("2024")),
    ]:
        data.add(triple)
    store = Store()
    store.replace(data)
    for G in (project(data), project(store.graph())):
        assert G.nodes["wijkteam"]["label"] == "wijkteam"
        assert G.nodes["wijkteam"]["as_of"] == 2024
        assert G.graph["records"]["wijkteam"].label == "wijkteam"
