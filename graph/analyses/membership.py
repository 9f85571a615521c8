"""Who's in, who's out: local teams' networks by membership status, compared."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from zorgnet.graph.analyses._common import check_actor, memo
from zorgnet.graph.analyses._index import served_areas
from zorgnet.graph.analyses.facts import Facts, actor_facts
from zorgnet.graph.areas import area_scope

__all__ = ["GemeenteTeams", "TeamComparison", "TeamNetwork", "compare_teams", "team_network"]

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
class GemeenteTeams:
    """What the seeds say about one gemeente's local team, and whose network is known.

    ``local_team`` is the status of the gemeente's ``lokaal-team`` arrangement
    (``bestaand``, ``in-ontwikkeling``, ``afwezig`` where the gemeente has no team in
    the VNG sense, ``onbekend``), ``description`` what the seeds say, ``teams`` the
    teams or tables whose network (kern / verbonden / buiten) the data describes there.
    """

    gemeente: str
    local_team: str
    description: str
    teams: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TeamComparison:
    """Partner types per gemeente (kern and verbonden) and their Jaccard similarity,
    and per gemeente what the seeds say about its local team.

    ``similarity`` is keyed by a pair of areas; in JSON, where a key is text, it is a
    list of ``{"a": …, "b": …, "similarity": …}``. (A dict of plain tuples, not a tuple
    of objects: the country has a million pairs, and plain tuples of text cost the
    garbage collector nothing.)
    """

    partner_types: dict[str, tuple[str, ...]]
    similarity: dict[tuple[str, str], float] = field(
        metadata={"json_items": ("a", "b", "similarity")}
    )
    sources: tuple[str, ...]
    gemeenten: tuple[GemeenteTeams, ...] = ()


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
    of the actor types in their kern and verbonden networks. Every gemeente is listed
    in ``gemeenten`` with what the seeds say about its local team, also where it has
    none in the VNG sense or its network is not described.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> compare_teams(example_projection()).partner_types
    {'hilversum-oost': ('huisarts', 'poh-jeugd')}
    >>> [(g.gemeente, g.local_team, g.teams) for g in compare_teams(example_projection()).gemeenten]
    [('hilversum', 'onbekend', ('buurtteam',)), ('huizen', 'onbekend', ())]
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
        per_gemeente = _gemeente_teams(G)
        sources.update(s for g in per_gemeente for s in g.sources)
        return TeamComparison(
            {a: tuple(sorted(t)) for a, t in sorted(types.items())},
            similarity,
            tuple(sorted(sources)),
            per_gemeente,
        )

    return memo(G, "compare_teams", compute)


def _gemeente_teams(G: nx.MultiDiGraph) -> tuple[GemeenteTeams, ...]:
    teams = {m.team for m in G.graph["memberships"] if m.team in G}
    found = []
    for gemeente in sorted(a.id for a in G.graph["areas"].values() if a.type == "gemeente"):
        scope = area_scope(G, gemeente)
        # The newest arrangement about the local team that holds for the gemeente (its
        # own, else its cluster's).
        arrangements = sorted(
            (
                a
                for a in G.graph["arrangements"]
                if a.aspect == "lokaal-team" and gemeente_or_cluster(G, gemeente, a.areas)
            ),
            key=lambda a: (gemeente in a.areas, a.as_of or 0),
        )
        latest = arrangements[-1] if arrangements else None
        here = tuple(
            sorted(t for t in teams if scope.intersection(served_areas(G, t)) and _local(G, t))
        )
        found.append(
            GemeenteTeams(
                gemeente,
                (latest.status or "onbekend") if latest else "onbekend",
                latest.description if latest else "De bronnen zeggen niets over een lokaal team.",
                here,
                tuple(sorted(latest.sources)) if latest else (),
            )
        )
    return tuple(found)


def gemeente_or_cluster(G: nx.MultiDiGraph, gemeente: str, areas: tuple[str, ...]) -> bool:
    """Whether *areas* name the gemeente itself or a cluster it belongs to (not the region)."""
    known = G.graph["areas"]
    return gemeente in areas or any(
        a in known and known[a].type == "cluster" and a in area_scope(G, gemeente) for a in areas
    )


def _local(G: nx.MultiDiGraph, team: str) -> bool:
    return G.nodes[team]["scale"] in ("lokaal", None)
