"""The actor network as GraphML or GEXF, for Gephi, Cytoscape and networkx.

Built from :func:`zorgnet.graph.projection.project`: one node per actor, one edge per
relation, membership and part-of tie. Nodes carry their Dutch ``label``, ``type``,
``scale`` and a ``color`` (the map's colour of the actor type); edges their ``kind``,
``label`` and ``color``. List attributes are written as ``"a; b"`` text because neither
format has lists. GEXF also gets the colours as ``viz:color`` so Gephi shows them.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> G = network(example_graph())
>>> G.nodes["huisarts"]["label"], G.nodes["huisarts"]["color"].startswith("#")
('huisarts', True)
"""

import difflib
from io import BytesIO
from typing import Any

import networkx as nx
from rdflib import Graph

from zorgnet.graph.areas import area_scope
from zorgnet.graph.projection import project
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.vocabulary import MEMBERSHIP_KIND, value_label
from zorgnet.viz.styles import actor_colour, edge_style

__all__ = ["network", "network_text"]
_NODE_KEYS = (
    "iri",
    "label",
    "type",
    "actor_class",
    "scale",
    "areas",
    "domains",
    "levels",
    "access",
    "offers",
    "status",
    "as_of",
    "sources",
)
_EDGE_KEYS = ("iri", "kind", "record", "membership_status", "status", "as_of", "sources")


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in sorted(value, key=str))
    # One type per attribute: GraphML declares a type per key, and a missing value is "".
    return "" if value is None else str(value)


def _selection(G: nx.MultiDiGraph, gemeente: str | None, team: str | None) -> set[str]:
    nodes = set(G)
    if gemeente is not None:
        if gemeente not in G.graph["areas"]:
            areas = list(G.graph["areas"])
            raise UnknownName("gebied", gemeente, difflib.get_close_matches(gemeente, areas))
        scope = area_scope(G, gemeente)
        nodes = {n for n in nodes if scope & set(G.nodes[n]["areas"])}
    if team is not None:
        if team not in G:
            raise UnknownName("team", team, difflib.get_close_matches(team, list(G)))
        members = {
            v for _, v, data in G.out_edges(team, data=True) if data["kind"] == MEMBERSHIP_KIND
        }
        nodes &= {team, *members}
    return nodes


def network(
    graph: Graph, *, gemeente: str | None = None, team: str | None = None
) -> nx.MultiDiGraph:
    """The actor network of *graph* with plain, export-ready attributes.

    Parameters
    ----------
    graph : Graph
        The store's data.
    gemeente : str, optional
        Keep only actors working in this area (or an area containing it or inside it).
    team : str, optional
        Keep only this team and the members of its network.

    Returns
    -------
    networkx.MultiDiGraph
        Node and edge attributes are strings, numbers or booleans only.

    Raises
    ------
    UnknownName
        For an area or team that is not in the data.
    """
    G = project(graph)
    keep = _selection(G, gemeente, team)
    out = nx.MultiDiGraph(name="zorgnet")
    for node in sorted(keep):
        data = G.nodes[node]
        attributes = {key: _plain(data.get(key)) for key in _NODE_KEYS}
        attributes["type_label"] = value_label("ActorType", data.get("type"))
        attributes["color"] = actor_colour(data.get("type"))
        out.add_node(node, **attributes)
    for source, target, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[2]):
        if source in keep and target in keep:
            attributes = {name: _plain(data.get(name)) for name in _EDGE_KEYS}
            attributes["label"] = value_label("RelationKind", data.get("kind"))
            attributes["color"] = str(edge_style(data.get("kind"))["color"])
            out.add_edge(source, target, key=key, **attributes)
    return out


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def network_text(G: nx.MultiDiGraph, fmt: str) -> str:
    """*G* (from :func:`network`) as GraphML or GEXF text."""
    buffer = BytesIO()
    if fmt == "graphml":
        nx.write_graphml(G, buffer, encoding="utf-8")
    elif fmt == "gexf":
        H = G.copy()
        for _, data in H.nodes(data=True):
            data["viz"] = {"color": {**_rgb(data["color"]), "a": 1.0}}
        for _, _, data in H.edges(data=True):
            data["viz"] = {"color": {**_rgb(data["color"]), "a": 1.0}}
        nx.write_gexf(H, buffer, encoding="utf-8")
    else:
        raise ValueError(f"unknown network format {fmt!r}")
    return buffer.getvalue().decode("utf-8")
