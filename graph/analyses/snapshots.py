"""Snapshots: how the network changed between two years (``zn:asOf``).

Each record describes the situation of one year. Between two years a record is

``nieuw``
    when its year falls in the interval and no earlier record describes the same
    arrangement;
``gewijzigd``
    when an earlier record does: an arrangement (``zn:Arrangement``) of the same aspect
    for the same area, or for an area that contains it (the region's arrangement of
    2021 is what a gemeente's arrangement of 2024 follows up). The data has no explicit
    succession between records; the area and aspect are what links them;
``onbekend``
    when an earlier record describes the same arrangement, but one of the two says the
    sources are silent (status ``onbekend``): whether it changed, nobody can tell;
``beeindigd``
    only when the record itself says so (status ``beeindigd``). A record that says
    something is absent (``afwezig``) describes a situation, not an ending.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses._common import memo
from zorgnet.graph.analyses._labels import (
    actor_label,
    area_labels,
    class_label,
    concept_label,
)
from zorgnet.graph.analyses.fact_overviews import value_with_unit
from zorgnet.graph.projected import Arrangement, RecordSummary

__all__ = ["CHANGES", "Change", "Diff", "RecordState", "diff", "diff_projections"]

#: What can happen to a record between two years, with the Dutch labels.
CHANGES = {
    "nieuw": "nieuw",
    "gewijzigd": "gewijzigd",
    "onbekend": "niet te zeggen (de bronnen zwijgen over een van beide jaren)",
    "beeindigd": "beëindigd",
    "verwijderd": "niet meer genoemd in de bronnen",
}


@dataclass(frozen=True)
class RecordState:
    """A record as a comparison shows it: what it is, its year and status, what it says."""

    id: str
    kind: str
    kind_label: str
    label: str
    as_of: int | None
    status: str | None
    status_label: str
    description: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One record that is new, changed or ended; ``before`` is the earlier record of the
    same arrangement (or the same record in an earlier load), ``link`` says how the two
    are linked."""

    change: str
    change_label: str
    record: RecordState
    before: RecordState | None
    link: str


@dataclass(frozen=True)
class Diff:
    """Records added, removed and changed between two states of the network.

    ``added``, ``removed``, ``changed`` and ``unknown`` (linked, but one state says the
    sources are silent) hold the record summaries; ``changes`` the same in the order
    new, changed, unknown, ended (or, between two loads, removed), with Dutch labels,
    descriptions and sources of both states.
    """

    before: str
    after: str
    added: tuple[RecordSummary, ...]
    removed: tuple[RecordSummary, ...]
    changed: tuple[tuple[RecordSummary, RecordSummary], ...]
    changes: tuple[Change, ...]
    sources: tuple[str, ...]
    unknown: tuple[tuple[RecordSummary, RecordSummary], ...] = ()


def _texts(G: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """Record id → (Dutch label, description) for the records that are not areas."""

    def compute() -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        for actor, d in G.nodes(data=True):
            found[actor] = (d["label"], d.get("description", ""))
        for u, v, key, d in G.edges(keys=True, data=True):
            if d["record"] == "relation":
                kind = concept_label("RelationKind", d["kind"])
                found[key] = (
                    f"{actor_label(G, u)} {kind} {actor_label(G, v)}",
                    d.get("description", ""),
                )
        for m in G.graph["mandates"]:
            found[m.id] = (
                f"{actor_label(G, m.holder)}: {concept_label('Power', m.power)}",
                m.description,
            )
        for ms in G.graph["memberships"]:
            found[ms.id] = (
                f"{actor_label(G, ms.member)} in {actor_label(G, ms.team)} "
                f"({concept_label('MembershipStatus', ms.membership_status)})",
                ms.description,
            )
        for a in G.graph["arrangements"]:
            found[a.id] = (_arrangement_label(G, a), a.description)
        for s in G.graph["shortages"]:
            found[s.id] = (s.label or s.id, s.description)
        for i in G.graph["issues"]:
            found[i.id] = (i.label or i.id, i.description)
        for f in G.graph["figures"]:
            found[f.id] = (f.measure or f.id, value_with_unit(f.value, f.unit))
        return found

    return memo(G, ("snapshots", "texts"), compute)


def _arrangement_label(G: nx.MultiDiGraph, a: Arrangement) -> str:
    where = ", ".join(area_labels(G, a.areas)) or "alle gebieden"
    return f"{concept_label('Aspect', a.aspect)} in {where}"


def _state(G: nx.MultiDiGraph, r: RecordSummary) -> RecordState:
    label, description = _texts(G).get(r.id, (r.label, ""))
    return RecordState(
        r.id,
        r.kind,
        class_label(r.kind) if r.kind != "Record" else "registratie",
        label,
        r.as_of,
        r.status,
        concept_label("Status", r.status),
        description,
        r.sources,
    )


def _ancestors(G: nx.MultiDiGraph, area: str) -> list[str]:
    """*area*, then the areas containing it, nearest first."""
    areas = G.graph["areas"]
    found = [area]
    for current in found:
        for parent in areas[current].part_of if current in areas else ():
            if parent not in found:
                found.append(parent)
    return found


def _distance(G: nx.MultiDiGraph, earlier: Arrangement, later: Arrangement) -> int | None:
    """How far up from *later*'s areas *earlier*'s areas are (0: the same), or None
    when *earlier* does not cover every area of *later*."""
    if not earlier.areas:
        return 0 if not later.areas else len(G.graph["areas"])
    if not later.areas:
        return None
    worst = 0
    for area in later.areas:
        up = _ancestors(G, area)
        found = [up.index(a) for a in earlier.areas if a in up]
        if not found:
            return None
        worst = max(worst, min(found))
    return worst


def _predecessor(G: nx.MultiDiGraph, later: Arrangement) -> tuple[Arrangement, str] | None:
    """The arrangement *later* follows up, and how they are linked (Dutch)."""
    best: tuple[int, int, str] | None = None
    found = None
    for earlier in G.graph["arrangements"]:
        if (
            earlier.id == later.id
            or earlier.aspect != later.aspect
            or earlier.as_of is None
            or later.as_of is None
            or earlier.as_of >= later.as_of
        ):
            continue
        distance = _distance(G, earlier, later)
        if distance is None:
            continue
        rank = (distance, -earlier.as_of, earlier.id)
        if best is None or rank < best:
            best, found = rank, earlier
    if found is None or best is None:
        return None
    aspect = concept_label("Aspect", later.aspect)
    if best[0] == 0:
        return found, f"zelfde gebied en aspect ({aspect})"
    wider = ", ".join(area_labels(G, found.areas)) or "alle gebieden"
    return (
        found,
        f"zelfde aspect ({aspect}); {wider} omvat {', '.join(area_labels(G, later.areas))}",
    )


def diff(G: nx.MultiDiGraph, year_from: int, year_to: int) -> Diff:
    """What was added, changed or ended between *year_from* and *year_to*?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    year_from, year_to : int
        The two situation years; the records of the years after *year_from* up to and
        including *year_to* are compared with what came before them.

    Returns
    -------
    Diff
        ``added`` (nieuw), ``changed`` as (earlier, later) pairs (gewijzigd) and
        ``removed`` (beëindigd: status ``beeindigd``), and ``changes`` with both
        states' descriptions and sources (see the module docstring).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> result = diff(example_projection(), 2021, 2025)
    >>> [r.id for r in result.added], [r.id for r in result.removed]
    (['poh-draagt-over-buurtteam'], ['hilversum-poh-pilot'])
    >>> [(old.id, new.id) for old, new in result.changed]
    [('hilversum-escalatie-2021', 'hilversum-escalatie')]
    >>> change = result.changes[1]
    >>> change.change_label, change.record.label, change.link
    ('gewijzigd', 'escalatie van vastgelopen casussen in Hilversum', \
'zelfde gebied en aspect (escalatie van vastgelopen casussen)')
    >>> change.before.description, change.record.description
    ('Vastgelopen casussen gaan naar de doorbraaktafel.', \
'Vastgelopen casussen gaan ook naar de doorbraakregisseur.')
    """
    records: dict[str, RecordSummary] = G.graph["records"]
    arrangements = {a.id: a for a in G.graph["arrangements"]}
    window = sorted(
        (r for r in records.values() if r.as_of is not None and year_from < r.as_of <= year_to),
        key=lambda r: r.id,
    )
    added, removed, changed, unknown = [], [], [], []
    new, ended, linked, silent = [], [], [], []
    for r in window:
        found = _predecessor(G, arrangements[r.id]) if r.id in arrangements else None
        before = records.get(found[0].id) if found else None
        link = found[1] if found else ""
        if r.status == "beeindigd":
            removed.append(r)
            ended.append(_change(G, "beeindigd", r, before, link))
        elif before is not None and "onbekend" in (before.status, r.status):
            unknown.append((before, r))
            silent.append(_change(G, "onbekend", r, before, link))
        elif before is not None:
            changed.append((before, r))
            linked.append(_change(G, "gewijzigd", r, before, link))
        else:
            added.append(r)
            new.append(_change(G, "nieuw", r, None, ""))
    return Diff(
        str(year_from),
        str(year_to),
        tuple(added),
        tuple(removed),
        tuple(changed),
        (*new, *linked, *silent, *ended),
        _sources(new, linked, silent, ended),
        tuple(unknown),
    )


def _change(
    G: nx.MultiDiGraph,
    change: str,
    record: RecordSummary,
    before: RecordSummary | None,
    link: str,
    G_before: nx.MultiDiGraph | None = None,
) -> Change:
    return Change(
        change,
        CHANGES[change],
        _state(G, record),
        None if before is None else _state(G_before if G_before is not None else G, before),
        link,
    )


def _sources(*groups: list[Change]) -> tuple[str, ...]:
    found: set[str] = set()
    for group in groups:
        for c in group:
            found.update(c.record.sources)
            if c.before is not None:
                found.update(c.before.sources)
    return tuple(sorted(found))


def diff_projections(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> Diff:
    """What differs between two projections (e.g. two loads of the data)?

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        The two projections.

    Returns
    -------
    Diff
        Records only in *after* (nieuw), only in *before* (verwijderd: gone from the
        data, which says nothing about an ending), and in both with other triples or
        another year (gewijzigd).

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
    changed = tuple(
        (old[i], new[i])
        for i in sorted(set(old) & set(new))
        if (old[i].fingerprint, old[i].as_of) != (new[i].fingerprint, new[i].as_of)
    )
    changes = (
        [_change(after, "nieuw", r, None, "") for r in added],
        [_change(after, "gewijzigd", n, o, "zelfde record", before) for o, n in changed],
        [_change(before, "verwijderd", r, None, "") for r in removed],
    )
    return Diff(
        "voor",
        "na",
        added,
        removed,
        changed,
        tuple(c for group in changes for c in group),
        _sources(*changes),
    )
