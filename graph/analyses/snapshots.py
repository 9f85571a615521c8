"""Snapshots: how the network changed between two years (``zn:asOf``)."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.projection import RecordSummary

__all__ = ["Diff", "diff", "diff_projections"]

_GONE = frozenset({"beeindigd", "afwezig"})


@dataclass(frozen=True)
class Diff:
    """Records added, removed and changed between two states of the network."""

    before: str
    after: str
    added: tuple[RecordSummary, ...]
    removed: tuple[RecordSummary, ...]
    changed: tuple[tuple[RecordSummary, RecordSummary], ...]
    sources: tuple[str, ...]


def _sources(*groups: tuple[RecordSummary, ...]) -> tuple[str, ...]:
    return tuple(sorted({s for group in groups for r in group for s in r.sources}))


def diff(G: nx.MultiDiGraph, year_from: int, year_to: int) -> Diff:
    """What was added or ended between *year_from* and *year_to*?

    A record is added when its situation year (``asOf``) falls in the interval
    (year_from, year_to]; removed when it is also marked ended or absent.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> [r.id for r in diff(example_projection(), 2021, 2025).added]
    ['poh-draagt-over-buurtteam']
    """
    records: dict[str, RecordSummary] = G.graph["records"]
    window = [r for r in records.values()
              if r.as_of is not None and year_from < r.as_of <= year_to]
    removed = tuple(sorted((r for r in window if r.status in _GONE), key=lambda r: r.id))
    added = tuple(sorted((r for r in window if r.status not in _GONE), key=lambda r: r.id))
    return Diff(str(year_from), str(year_to), added, removed, (), _sources(added, removed))


def diff_projections(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> Diff:
    """What differs between two projections (e.g. two loads of the data)?

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> diff_projections(G, G).changed
    ()
    """
    old: dict[str, RecordSummary] = before.graph["records"]
    new: dict[str, RecordSummary] = after.graph["records"]
    added = tuple(new[i] for i in sorted(set(new) - set(old)))
    removed = tuple(old[i] for i in sorted(set(old) - set(new)))
    changed = tuple((old[i], new[i]) for i in sorted(set(old) & set(new))
                    if (old[i].fingerprint, old[i].as_of) != (new[i].fingerprint, new[i].as_of))
    return Diff("voor", "na", added, removed, changed,
                _sources(added, removed, tuple(n for _, n in changed)))
