"""The actor network as GraphML or GEXF, for Gephi, Cytoscape and networkx.

Built from :func:`zorgnet.graph.projection.project`: one node per actor, one edge per
relation, membership and part-of tie. Nodes carry their Dutch ``label``, ``type``,
``scale`` and a ``color`` (the map's colour of the actor type); edges their ``kind``,
``label``, ``color`` and ``iri``: the IRI of the record that states them (the relation
or membership; for a part-of tie, the actor whose ``part_of`` names the whole). A part-of
tie that a relation record also states is one edge, the relation's, so that a tool that
merges parallel edges of one kind (Gephi) cannot drop the relation's IRI. Edges are
numbered ``e0``, ``e1``, ...: zorgnet's own edge keys stay out of both files. List
attributes are written as ``"a; b"`` text because neither format has lists. GEXF also
gets the colours as ``viz:color`` so Gephi shows them.

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
from networkx.readwrite.gexf import GEXFWriter
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
_PART_OF = "is-onderdeel-van"


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
    related = {(u, v) for u, v, d in G.edges(data=True) if _relation_part_of(d)}
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: e[2])
    for source, target, _, data in edges:
        if source not in keep or target not in keep:
            continue
        if data["record"] == "part-of" and (source, target) in related:
            continue  # the relation record states the same tie, with its own IRI
        attributes = {name: _plain(data.get(name)) for name in _EDGE_KEYS}
        attributes["label"] = value_label("RelationKind", data.get("kind"))
        attributes["color"] = str(edge_style(data.get("kind"))["color"])
        out.add_edge(source, target, key=f"e{out.number_of_edges()}", **attributes)
    return out


def _relation_part_of(data: dict[str, Any]) -> bool:
    return data["kind"] == _PART_OF and data["record"] == "relation"


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


class _GexfWriter(GEXFWriter):
    """networkx's GEXF writer without its ``networkx_key`` edge attribute.

    networkx writes a multigraph's edge keys as an extra attribute, which other tools
    show as data; the edge's GEXF ``id`` (here its key, ``e0``, ...) already names it.
    """

    def add_attributes(self, node_or_edge, xml_obj, data, default):  # type: ignore[no-untyped-def]
        if node_or_edge == "edge":
            data = {k: v for k, v in data.items() if k != "key"}
        return super().add_attributes(node_or_edge, xml_obj, data, default)


def network_text(G: nx.MultiDiGraph, fmt: str) -> str:
    """*G* (from :func:`network`) as GraphML or GEXF text."""
    buffer = BytesIO()
    if fmt == "graphml":
        nx.write_graphml(G, buffer, encoding="utf-8")
    elif fmt == "gexf":
        H = G.copy()
        for _, data in H.nodes(data=True):
            data["viz"] = {"color": {**_rgb(data["color"]), "a": 1.0}}
        for _, _, key, data in H.edges(keys=True, data=True):
            data["viz"] = {"color": {**_rgb(data["color"]), "a": 1.0}}
            data["id"] = key
        writer = _GexfWriter(encoding="utf-8")
        writer.add_graph(H)
        writer.write(buffer)
    else:
        raise ValueError(f"unknown network format {fmt!r}")
    return buffer.getvalue().decode("utf-8")
