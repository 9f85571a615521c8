"""Facts: the figures, known issues and shortages the data records about one subject.

The data keeps numbers (figures), contradictions with their readings (known issues) and
shortages beside the actors and areas they concern. These functions gather them for
one actor, team or area, so that a page, an API answer or a CLI table can show them
with the subject instead of counting them only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses._common import check_actor, check_area
from zorgnet.graph.areas import area_ancestors, area_scope
from zorgnet.graph.projected import Figure, Issue, Shortage

__all__ = ["Facts", "actor_facts", "area_facts", "known_issues"]


@dataclass(frozen=True)
class Facts:
    """What the data records about one actor or area beside its own fields.

    Attributes
    ----------
    subject : str
        The actor or area id.
    figures : tuple of Figure
        Numbers about the subject, each with measure, value, unit, year and sources.
    issues : tuple of Issue
        Known contradictions or vague spots about the subject, its records or its
        figures, each with every reading and its sources.
    shortages : tuple of Shortage
        Shortages about the subject (an actor) or holding in it (an area).
    sources : tuple of str
        Every source cited by the facts above.
    """

    subject: str
    figures: tuple[Figure, ...]
    issues: tuple[Issue, ...]
    shortages: tuple[Shortage, ...]
    sources: tuple[str, ...]


def _facts(
    G: nx.MultiDiGraph,
    subject: str,
    figures: Iterable[Figure],
    shortages: Iterable[Shortage],
    related: set[str],
) -> Facts:
    figures = tuple(figures)
    shortages = tuple(shortages)
    # An issue may be about the subject, one of its records, or a figure or shortage
    # found above (a doubtful count, say).
    about = related | {f.id for f in figures} | {s.id for s in shortages}
    issues = tuple(i for i in G.graph["issues"] if about.intersection(i.about))
    sources = {s for record in (*figures, *shortages, *issues) for s in record.sources}
    return Facts(subject, figures, issues, shortages, tuple(sorted(sources)))


def _records_of_actor(G: nx.MultiDiGraph, actor: str) -> set[str]:
    """The ids of *actor* and of the relations, mandates and memberships it takes part in."""
    related = {actor}
    related |= {k for _, _, k in G.out_edges(actor, keys=True)}
    related |= {k for _, _, k in G.in_edges(actor, keys=True)}
    related |= {m.id for m in G.graph["mandates"] if m.holder == actor}
    return related


def actor_facts(G: nx.MultiDiGraph, actor: str) -> Facts:
    """Which figures, known issues and shortages concern *actor*?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    actor : str
        An actor id (a team too: its memberships count as its records).

    Returns
    -------
    Facts
        The figures and shortages about the actor, and the known issues about it, its
        relations, mandates, memberships or those figures.

    Raises
    ------
    UnknownName
        When *actor* is not an actor.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> facts = actor_facts(example_projection(), "buurtteam")
    >>> [(f.measure, f.value, f.as_of) for f in facts.figures]
    [('gezinnen geholpen', '120', 2021)]
    >>> [i.readings for i in facts.issues]
    [('120 gezinnen', '120 kinderen')]
    """
    check_actor(G, actor)
    related = _records_of_actor(G, actor)
    figures = (f for f in G.graph["figures"] if actor in f.about)
    shortages = (s for s in G.graph["shortages"] if actor in s.about)
    return _facts(G, actor, figures, shortages, related)


def area_facts(G: nx.MultiDiGraph, area: str) -> Facts:
    """Which figures, known issues and shortages concern *area*?

    Figures count when they are for the area or one of its parts (a wijk of a
    gemeente); shortages also when they hold for an area that contains it (a shortage
    in the region is one in each of its gemeenten). Known issues count when they are
    about the area, its arrangements, the actors that work in it (not those of the
    whole region), their mandates and team memberships, or the figures and shortages
    found.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    area : str
        An area id, e.g. ``"hilversum"``.

    Returns
    -------
    Facts
        The figures, shortages and known issues of the area.

    Raises
    ------
    UnknownName
        When *area* is not an area.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> facts = area_facts(example_projection(), "hilversum")
    >>> [f.id for f in facts.figures], [s.id for s in facts.shortages]
    (['buurtteam-gezinnen'], ['tekort-crisisplekken'])
    >>> [i.id for i in facts.issues]
    ['kwestie-gezinnen']
    """
    check_area(G, area, "gebied")
    scope = area_scope(G, area)
    # The area and the areas inside it: what is local to it.
    local = {a for a in scope if a == area or area in area_ancestors(G, a)}
    actors = {a for a, d in G.nodes(data=True) if local.intersection(d["areas"])}
    related = set(local) | actors
    related |= {x.id for x in G.graph["arrangements"] if local.intersection(x.areas)}
    related |= {m.id for m in G.graph["mandates"] if m.holder in actors}
    related |= {m.id for m in G.graph["memberships"] if m.team in actors}
    figures = (
        f
        for f in G.graph["figures"]
        if local.intersection(f.areas) or related.intersection(f.about)
    )
    shortages = (
        s
        for s in G.graph["shortages"]
        if scope.intersection(s.areas) or related.intersection(s.about)
    )
    return _facts(G, area, figures, shortages, related)


def known_issues(G: nx.MultiDiGraph) -> tuple[Issue, ...]:
    """Every known contradiction or vague spot in the sources, with its readings.

    The loader lists these as warnings while it loads; this gives them back from the
    store at any time.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> [(i.label, i.sources) for i in known_issues(example_projection())]
    [('Telling onduidelijk', ('003 §4',))]
    """
    return tuple(G.graph["issues"])
