"""The projection after an edit, made from the projection before it.

An edit changes a few records; projecting the whole national network again takes about
20 seconds, and even assembling a new networkx graph from parts takes two. So the new
projection shares everything the edit did not touch with the old one: the node and
adjacency dictionaries of untouched actors are the same objects (both graphs are
frozen, so neither can change them; :mod:`zorgnet.graph.internals` hands them over),
and only the touched actors' entries are made anew, in the order a new projection
would have. A test holds the result to
``project(graph)``, order included, after every kind of edit.

Edges are ordered as :func:`zorgnet.graph.projection.project` adds them: relations by
record id, then memberships by record id, then part-of links by actor and by the
order of the actor's ``part_of``. A networkx adjacency dictionary lists a neighbour where
its first edge was added, and a key dictionary its keys in the order they were added,
so both orders follow from that one ranking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Graph

from zorgnet.graph import projection
from zorgnet.graph.internals import GraphDicts, dicts_of, graph_of
from zorgnet.graph.parts import Parts, membership_edge, part_of_edge, part_of_key
from zorgnet.graph.projected import RecordSummary
from zorgnet.graph.projection import without_gc
from zorgnet.graph.terms import citing, slug

__all__ = ["reproject"]

Edge = tuple[str, str, str, dict[str, Any]]  # from, to, key, attributes
# The record kinds kept in G.graph as tuples: the RecordSummary kind → the key.
_TUPLES = {
    "Mandate": "mandates",
    "Membership": "memberships",
    "Arrangement": "arrangements",
    "Alignment": "alignments",
    "Shortage": "shortages",
    "KnownIssue": "issues",
    "Figure": "figures",
}


@without_gc()
def reproject(G: nx.MultiDiGraph, graph: Graph, subjects: Iterable[str]) -> nx.MultiDiGraph:
    """The projection of *graph*, made from *G* (the projection of an earlier version)
    by projecting again only the records whose triples changed.

    Equal to ``project(graph)``, nodes, edges and their order included, at the cost of
    the changed records: a fraction of a second for an edit of a national network
    instead of twenty seconds.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection of the version *graph* was made from.
    graph : rdflib.Graph
        The new version.
    subjects : iterable of str
        The IRIs of the subjects whose triples changed (``Store.changes_since``).

    Returns
    -------
    networkx.MultiDiGraph
        The new projection, frozen; *G* is left as it was.

    Examples
    --------
    >>> from rdflib import SKOS, Literal
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> from zorgnet.graph.projection import project
    >>> old = example_graph()
    >>> new = old + Graph()
    >>> huisarts = next(s for s in new.subjects() if str(s).endswith("/huisarts"))
    >>> _ = new.set((huisarts, SKOS.prefLabel, Literal("Huisartsenpraktijk", lang="nl")))
    >>> reproject(project(old), new, [str(huisarts)]).nodes["huisarts"]["label"]
    'Huisartsenpraktijk'
    """
    if _has_dangling_records(G):
        # A relation or membership without an edge is not in G: only a new projection
        # knows whether the edit gave it one. (Looked up on the module when called, so
        # that every full projection goes through the one name ``projection.project``.)
        return projection.project(graph)
    changed = set(subjects)
    # A changed citation changes the record citing it.
    changed.update(citing(graph, changed))
    records: dict[str, RecordSummary] = G.graph["records"]
    fresh = Parts()
    fresh.add_records(graph, changed)
    # A record's id is its IRI's last segment: look up the changed ones, not all.
    touched = {i for i in map(slug, changed) if i in records and records[i].iri in changed}
    touched.update(fresh.summaries)
    return _Patch(G, fresh, touched).graph()


def _has_dangling_records(G: nx.MultiDiGraph) -> bool:
    """Whether some relation or membership of *G* has no edge (an end is no actor)."""
    edges = _edge_counts(G)
    expected = (_relation_records(G), len(G.graph["memberships"]))
    return (edges["relation"], edges["membership"]) != expected


def _relation_records(G: nx.MultiDiGraph) -> int:
    """The number of relations of *G*; kept with the projection for the next edit."""
    memo = G.graph["memo"]
    if "relation_records" not in memo:
        memo["relation_records"] = sum(
            1 for r in G.graph["records"].values() if r.kind == "Relation"
        )
    count: int = memo["relation_records"]
    return count


def _edge_counts(G: nx.MultiDiGraph) -> Counter[str]:
    """The number of edges of each record kind; kept with the projection for the next edit."""
    memo = G.graph["memo"]
    if "edge_counts" not in memo:
        memo["edge_counts"] = Counter(record for _, _, record in G.edges(data="record"))
    counts: Counter[str] = memo["edge_counts"]
    return counts


def _edge_index(G: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """Each edge's key → (from, to); kept with the projection for the next edit."""
    memo = G.graph["memo"]
    if "edge_index" not in memo:
        memo["edge_index"] = {k: (u, v) for u, v, k in G.edges(keys=True)}
    index: dict[str, tuple[str, str]] = memo["edge_index"]
    return index


class _Patch:
    """*G* with the records *touched* replaced by their parts in *fresh*."""

    def __init__(self, G: nx.MultiDiGraph, fresh: Parts, touched: set[str]) -> None:
        self.G = G
        # The dictionaries of G, shared with the new graph where the edit left them.
        self.old = dicts_of(G)
        self.fresh = fresh
        self.touched = touched
        self.nodes: dict[str, dict[str, Any]] = dict(self.old.nodes)
        for record_id in touched:
            if record_id in fresh.actors:
                self.nodes[record_id] = fresh.actors[record_id]
            else:
                self.nodes.pop(record_id, None)
        added = [i for i in fresh.actors if i not in self.old.nodes]
        if added:
            self.nodes = dict(sorted(self.nodes.items()))
        self._positions: dict[str, int] | None = None
        self.removed: list[tuple[str, str, str]] = []
        self.added: list[Edge] = []
        self._collect_edges(added)

    # -- which edges change --------------------------------------------------------

    def _collect_edges(self, added_actors: list[str]) -> None:
        old, nodes, index = self.old, self.nodes, _edge_index(self.G)
        gone: set[str] = set()
        for record_id in self.touched:
            if record_id in index:  # an old relation or membership edge
                gone.add(record_id)
            if record_id in old.nodes:
                whole_keys = (part_of_key(record_id, w) for w in old.nodes[record_id]["part_of"])
                gone.update(k for k in whole_keys if k in index)
                if record_id not in nodes:  # a deleted actor takes its edges along
                    for adjacency in (old.succ[record_id], old.pred[record_id]):
                        for keys in adjacency.values():
                            gone.update(keys)
        self.removed = [(*index[k], k) for k in gone]
        for record_id, (source, target, attributes) in self.fresh.relations.items():
            if source in nodes and target in nodes:
                self.added.append((source, target, record_id, attributes))
        for record_id, membership in self.fresh.memberships.items():
            if membership.team in nodes and membership.member in nodes:
                self.added.append(
                    (membership.team, membership.member, record_id, membership_edge(membership))
                )
        part_of = set(self.fresh.actors)
        if added_actors:
            # Actors whose whole is new now get their part-of link.
            new = set(added_actors)
            part_of.update(n for n, data in nodes.items() if new & set(data["part_of"]))
        for actor in part_of:
            if actor not in self.fresh.actors:
                self.removed.extend(
                    (actor, w, part_of_key(actor, w))
                    for w in nodes[actor]["part_of"]
                    if part_of_key(actor, w) in index
                )
            data = nodes[actor]
            for whole in data["part_of"]:
                if whole in nodes:
                    self.added.append((actor, whole, part_of_key(actor, whole), part_of_edge(data)))

    # -- the order of a new projection ---------------------------------------------

    def _rank(self, source: str, target: str, key: str, record: str) -> tuple[int, Any, int]:
        if record == "relation":
            return (0, key, 0)
        if record == "membership":
            return (1, key, 0)
        if self._positions is None:
            self._positions = {n: i for i, n in enumerate(self.nodes)}
        return (2, self._positions[source], self.nodes[source]["part_of"].index(target))

    def _first_rank(self, source: str, target: str, keys: dict[str, dict[str, Any]]) -> Any:
        key, attributes = next(iter(keys.items()))
        return self._rank(source, target, key, attributes["record"])

    # -- the new graph ---------------------------------------------------------------

    def graph(self) -> nx.MultiDiGraph:
        G, old_succ = self.G, self.old.succ
        pairs: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        for source, target, key in self.removed:
            pair = (source, target)
            if pair not in pairs:
                pairs[pair] = dict(old_succ[source][target])
            pairs[pair].pop(key, None)
        for source, target, key, attributes in self.added:
            pair = (source, target)
            if pair not in pairs:
                keys = old_succ.get(source, {}).get(target)
                pairs[pair] = dict(keys) if keys is not None else {}
            pairs[pair][key] = attributes
        old_pred = self.old.pred
        if self.nodes.keys() == self.old.nodes.keys():
            succ, pred = dict(old_succ), dict(old_pred)
        else:
            succ = {node: old_succ.get(node, {}) for node in self.nodes}
            pred = {node: old_pred.get(node, {}) for node in self.nodes}
        changed_out: dict[str, dict[str, Any]] = {}
        changed_in: dict[str, dict[str, Any]] = {}
        for (source, target), keys in pairs.items():
            ordered = dict(
                sorted(
                    keys.items(),
                    key=lambda item: self._rank(source, target, item[0], item[1]["record"]),
                )
            )
            if source in self.nodes:
                _put(changed_out, succ, source, target, ordered)
            if target in self.nodes:
                _put(changed_in, pred, target, source, ordered)
        for node, out in changed_out.items():
            succ[node] = dict(
                sorted(out.items(), key=lambda item: self._first_rank(node, item[0], item[1]))
            )
        for node, into in changed_in.items():
            pred[node] = dict(
                sorted(into.items(), key=lambda item: self._first_rank(item[0], node, item[1]))
            )
        new = graph_of(GraphDicts(self.nodes, succ, pred))
        new.graph.update(self._data())
        # What the next edit needs to know of the edges, kept up to date instead of
        # counted again.
        index = dict(_edge_index(G))
        counts = _edge_counts(G).copy()
        for source, target, key in self.removed:
            if index.pop(key, None) is not None:
                counts[old_succ[source][target][key]["record"]] -= 1
        for source, target, key, attributes in self.added:
            index[key] = (source, target)
            counts[attributes["record"]] += 1
        records = G.graph["records"]
        relations = _relation_records(G) + sum(
            (i in self.fresh.relations) - (i in records and records[i].kind == "Relation")
            for i in self.touched
        )
        new.graph["memo"].update(edge_index=index, edge_counts=counts, relation_records=relations)
        return nx.freeze(new)

    def _data(self) -> dict[str, Any]:
        """``G.graph`` with the touched records replaced."""
        G, fresh, touched = self.G, self.fresh, self.touched
        old: dict[str, RecordSummary] = G.graph["records"]
        kinds = {old[i].kind for i in touched if i in old}
        kinds.update(s.kind for s in fresh.summaries.values())
        data: dict[str, Any] = {"areas": G.graph["areas"]}
        if "Area" in kinds:
            merged = {i: a for i, a in G.graph["areas"].items() if i not in touched}
            merged |= fresh.areas
            data["areas"] = dict(sorted(merged.items()))
        for kind, name in _TUPLES.items():
            records = G.graph[name]
            if kind in kinds:
                by_id = {r.id: r for r in records if r.id not in touched} | getattr(fresh, name)
                records = tuple(r for _, r in sorted(by_id.items()))
            data[name] = records
        # Replacing keeps a record's place; only a new id needs the records sorted again.
        summaries = dict(old)
        for record_id in touched:
            if record_id in fresh.summaries:
                summaries[record_id] = fresh.summaries[record_id]
            else:
                del summaries[record_id]
        if any(i not in old for i in fresh.summaries):
            # Sorting nearly sorted pairs is one pass in C.
            summaries = dict(sorted(summaries.items()))
        data["records"] = summaries
        data["memo"] = {}
        return data


def _put(
    changed: dict[str, dict[str, Any]],
    adjacency: dict[str, dict[str, Any]],
    node: str,
    neighbour: str,
    keys: dict[str, dict[str, Any]],
) -> None:
    """Set (or, without *keys*, remove) *neighbour* in a copy of *node*'s *adjacency*."""
    entry = changed.setdefault(node, dict(adjacency[node]))
    if keys:
        entry[neighbour] = keys
    else:
        entry.pop(neighbour, None)
