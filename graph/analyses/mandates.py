"""Mandates and escalation: who may decide what, and where stuck cases go."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses._common import active, check_area, edge_applies

__all__ = ["EscalationLadder", "MandateMatrix", "MandateRow", "escalation_ladder",
           "mandate_matrix"]


@dataclass(frozen=True)
class MandateRow:
    """One actor x power x legal basis x scope cell of the bevoegdhedenmatrix."""

    actor: str
    label: str
    power: str
    legal_basis: str | None
    areas: tuple[str, ...]
    domains: tuple[str, ...]
    help_kinds: tuple[str, ...]
    opens_contracted_care: bool
    mandate: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MandateMatrix:
    """The bevoegdhedenmatrix."""

    rows: tuple[MandateRow, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EscalationLadder:
    """The rungs a stuck case climbs in one gemeente, lowest first."""

    gemeente: str
    rungs: tuple[tuple[str, ...], ...]
    steps: tuple[tuple[str, str, str], ...]
    arrangements: tuple[str, ...]
    explanation: str
    sources: tuple[str, ...]


def mandate_matrix(G: nx.MultiDiGraph, *, gemeente: str | None = None) -> MandateMatrix:
    """Who holds which power, on which legal basis, for what scope?

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> [(r.actor, r.power, r.legal_basis) for r in mandate_matrix(example_projection()).rows]
    [('gemeente-hilversum', 'beschikken', 'jeugdwet'), ('huisarts', 'verwijzen', 'jeugdwet'), \
('poh-jeugd', 'verwijzen', 'jeugdwet')]
    """
    check_area(G, gemeente)
    rows = []
    for m in G.graph["mandates"]:
        if m.holder not in G or not active(m.status):
            continue
        if gemeente is not None and not edge_applies(G, {"areas": m.areas}, area=gemeente):
            continue
        for basis in m.legal_bases or (None,):
            rows.append(MandateRow(m.holder, G.nodes[m.holder]["label"], m.power, basis,
                                   m.areas, m.domains, m.help_kinds, m.opens_contracted_care,
                                   m.id, m.sources))
    rows.sort(key=lambda r: (r.actor, r.power, r.legal_basis or ""))
    return MandateMatrix(tuple(rows), tuple(sorted({s for r in rows for s in r.sources})))


def escalation_ladder(G: nx.MultiDiGraph, gemeente: str) -> EscalationLadder:
    """Where does a stuck case go in *gemeente*, step by step?

    The relations of kind ``escaleert`` that hold in the gemeente, ordered into rungs
    (topological generations: who escalates to whom). The arrangements about
    escalation for the gemeente are listed too, also when they say the sources are
    silent.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> escalation_ladder(example_projection(), "hilversum").rungs
    (('buurtteam',), ('doorbraaktafel',))
    """
    check_area(G, gemeente)
    ladder = nx.DiGraph()
    steps = []
    sources: set[str] = set()
    for u, v, key, d in G.edges(keys=True, data=True):
        if d["record"] == "relation" and d["kind"] == "escaleert" and edge_applies(
                G, d, area=gemeente):
            ladder.add_edge(u, v)
            steps.append((u, v, key))
            sources.update(d["sources"])
    arrangements = tuple(a.id for a in G.graph["arrangements"]
                         if a.aspect == "escalatie" and edge_applies(G, {"areas": a.areas},
                                                                     area=gemeente))
    try:
        rungs = tuple(tuple(sorted(g)) for g in nx.topological_generations(ladder))
    except nx.NetworkXUnfeasible:
        # A cycle: report the rungs as they come rather than inventing an order.
        rungs = (tuple(sorted(ladder)),)
    explanation = "" if steps else f"De data noemt geen escalatierelaties die in {gemeente} gelden."
    return EscalationLadder(gemeente, rungs, tuple(sorted(steps)), arrangements, explanation,
                            tuple(sorted(sources)))
