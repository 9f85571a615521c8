"""Who's in, who's out: local teams' networks by membership status, compared."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from zorgnet.graph.analyses._common import check_actor, memo
from zorgnet.graph.analyses.facts import Facts, actor_facts

__all__ = ["TeamComparison", "TeamNetwork", "compare_teams", "team_network"]

_STATUSES = ("kern", "verbonden", "buiten")


@dataclass(frozen=True)
class TeamNetwork:
    """A local team's partners by membership status (kern / verbonden / buiten)."""

    team: str
    label: str
    kern: tuple[str, ...]
    verbonden: tuple[str, ...]
    buiten: tuple[str, ...]
    sources: tuple[str, ...]
    facts: Facts


@dataclass(frozen=True)
class TeamComparison:
    """Partner types per gemeente (kern and verbonden) and their Jaccard similarity."""

    partner_types: dict[str, tuple[str, ...]]
    similarity: dict[tuple[str, str], float]
    sources: tuple[str, ...]


def team_network(G: nx.MultiDiGraph, team: str) -> TeamNetwork:
    """Who is in the network of *team*, who is connected, who stays outside?

    The result also carries the figures, known issues and shortages about the team
    and its memberships (:func:`~zorgnet.graph.analyses.facts.actor_facts`).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> net = team_network(example_projection(), "buurtteam")
    >>> net.kern, net.verbonden, net.buiten
    (('poh-jeugd',), ('huisarts',), ('school',))
    >>> [f.measure for f in net.facts.figures]
    ['gezinnen geholpen']
    """
    check_actor(G, team)
    members: dict[str, list[str]] = defaultdict(list)
    sources: set[str] = set()
    for m in G.graph["memberships"]:
        if m.team == team:
            members[m.membership_status].append(m.member)
            sources.update(m.sources)
    return TeamNetwork(
        team,
        G.nodes[team]["label"],
        *(tuple(sorted(members[s])) for s in _STATUSES),
        tuple(sorted(sources)),
        actor_facts(G, team),
    )


def compare_teams(G: nx.MultiDiGraph) -> TeamComparison:
    """Which kinds of partner does each gemeente's local team work with, and how alike?

    Teams are grouped by their area; the similarity of two areas is the Jaccard index
    of the actor types in their kern and verbonden networks.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> compare_teams(example_projection()).partner_types
    {'hilversum-oost': ('huisarts', 'poh-jeugd')}
    """

    def compute() -> TeamComparison:
        types: dict[str, set[str]] = defaultdict(set)
        sources: set[str] = set()
        for m in G.graph["memberships"]:
            if m.team not in G or m.member not in G or m.membership_status == "buiten":
                continue
            for area in G.nodes[m.team]["areas"] or ("?",):
                types[area].add(G.nodes[m.member]["type"] or "?")
            sources.update(m.sources)
        # Thousands of wijken share a handful of partner mixes: compute each Jaccard
        # index once per pair of distinct mixes, not once per pair of areas.
        areas = sorted(types)
        distinct = sorted({frozenset(found) for found in types.values()}, key=sorted)
        mix = {area: distinct.index(frozenset(types[area])) for area in areas}
        jaccard = [[len(x & y) / len(x | y) if x | y else 0.0 for y in distinct] for x in distinct]
        similarity = {(a, b): jaccard[mix[a]][mix[b]] for a, b in combinations(areas, 2)}
        return TeamComparison(
            {a: tuple(sorted(t)) for a, t in sorted(types.items())},
            similarity,
            tuple(sorted(sources)),
        )

    return memo(G, "compare_teams", compute)
