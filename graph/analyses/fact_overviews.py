"""The known issues and the figures of the whole network, per gemeente.

:mod:`~zorgnet.graph.analyses.facts` gathers what the data records about one actor or
area; these overviews list every known issue (with each of its readings) and every
figure, with the names of what they are about, and narrow them to one gemeente:

- a known issue concerns a gemeente when it is among that gemeente's facts
  (:func:`~zorgnet.graph.analyses.facts.area_facts`), as on its sociale kaart;
- a figure holds in a gemeente when it is for the gemeente, a part of it, or an area
  that contains it (the region's figures hold in each of its gemeenten). Figures are
  grouped by the area they are for, the gemeente first; a gemeente without figures of
  its own is *silent*: its figures are unknown ("onbekend").
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses._common import check_area, memo
from zorgnet.graph.analyses._labels import area_labels
from zorgnet.graph.analyses.facts import area_facts
from zorgnet.graph.analyses.search import normalize
from zorgnet.graph.analyses.sources import record_reference
from zorgnet.graph.analyses.texts import TextPart
from zorgnet.graph.areas import area_ancestors
from zorgnet.graph.projected import Figure

__all__ = [
    "FigureEntry",
    "FigureGroup",
    "FigureOverview",
    "IssueEntry",
    "IssueOverview",
    "figure_overview",
    "issue_overview",
    "value_with_unit",
]

# The singular of the units the data counts in, for a figure of 1 ("1 medewerker"); a
# unit not here (procent, jaar, euro, fte, uur ...) reads the same for 1 and more.
_SINGULAR = {
    "basisscholen": "basisschool",
    "huisartsen": "huisarts",
    "huisartsenpraktijken": "huisartsenpraktijk",
    "inschrijvingen": "inschrijving",
    "jeugdconsulenten": "jeugdconsulent",
    "kinderen": "kind",
    "knelpunten": "knelpunt",
    "medewerkers": "medewerker",
    "personen": "persoon",
    "teams": "team",
    "weken": "week",
}

# The order of the groups of figures that are not for one gemeente: smallest area first.
_AREA_TYPE_ORDER = ("wijk", "gemeente", "cluster", "regio", "bovenregionaal", "land")


@dataclass(frozen=True)
class IssueEntry:
    """A known issue with every reading, what it is about and where it plays, by name
    (``about_links``: what it is about, each by label with its page)."""

    id: str
    label: str
    description: str
    readings: tuple[str, ...]
    about: tuple[str, ...]
    about_labels: tuple[str, ...]
    about_links: tuple[TextPart, ...]
    gemeenten: tuple[str, ...]
    gemeente_labels: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class IssueOverview:
    """The known issues of the network, or of one gemeente (``gemeente``), by label."""

    gemeente: str | None
    label: str
    issues: tuple[IssueEntry, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FigureEntry:
    """A figure with the names of the records and areas it is about (``about_links``:
    each by label with its page)."""

    id: str
    measure: str
    value: str
    unit: str | None
    as_of: int | None
    about: tuple[str, ...]
    about_labels: tuple[str, ...]
    about_links: tuple[TextPart, ...]
    areas: tuple[str, ...]
    area_labels: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FigureGroup:
    """The figures for one area (``area`` None: those that name no area).

    ``silent`` says that the sources give no figure for it: its figures are unknown.
    """

    area: str | None
    label: str
    figures: tuple[FigureEntry, ...]

    @property
    def silent(self) -> bool:
        """Whether the sources give no figure for this area."""
        return not self.figures


@dataclass(frozen=True)
class FigureOverview:
    """The figures of the network or of one gemeente, grouped by the area they are for.

    Without a gemeente: every gemeente (silent ones too), then every other area with
    figures. With one: the gemeente, then each area containing it that has figures,
    nearest first.
    """

    gemeente: str | None
    label: str
    groups: tuple[FigureGroup, ...]
    sources: tuple[str, ...]

    @property
    def figures(self) -> tuple[FigureEntry, ...]:
        """Every figure of the overview, each once, in the order of the groups."""
        found: dict[str, FigureEntry] = {}
        for group in self.groups:
            for figure in group.figures:
                found.setdefault(figure.id, figure)
        return tuple(found.values())


def value_with_unit(value: str, unit: str | None) -> str:
    """A figure as a reader reads it: a decimal comma, and the unit in the singular
    for one ("1 medewerker", not "1 medewerkers").

    Examples
    --------
    >>> value_with_unit("1", "medewerkers"), value_with_unit("12", "medewerkers")
    ('1 medewerker', '12 medewerkers')
    >>> value_with_unit("1", "personen (ondergrens)"), value_with_unit("2.5", "uur per week")
    ('1 persoon (ondergrens)', '2,5 uur per week')
    >>> value_with_unit("75", None)
    '75'
    """
    shown = value.replace(".", ",")
    if not unit:
        return shown
    if value in ("1", "1.0"):
        first, _, rest = unit.partition(" ")
        unit = " ".join(w for w in (_SINGULAR.get(first, first), rest) if w)
    return f"{shown} {unit}"


def _record_link(G: nx.MultiDiGraph, record: str) -> TextPart:
    """*record* by its label with its page; an id that names no record stays as it is."""
    reference = record_reference(G, record)
    if reference is None:
        return TextPart(record)
    return TextPart(reference.label, reference.page)


def _record_links(G: nx.MultiDiGraph, records: tuple[str, ...]) -> tuple[TextPart, ...]:
    return tuple(_record_link(G, r) for r in records)


def _gemeenten(G: nx.MultiDiGraph) -> list[str]:
    areas = G.graph["areas"].values()
    return [a.id for a in sorted(areas, key=lambda a: a.label.casefold()) if a.type == "gemeente"]


def _issue_gemeenten(G: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    """Issue id → the gemeenten whose facts name it; kept per projection."""

    def compute() -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for gemeente in _gemeenten(G):
            for issue in area_facts(G, gemeente).issues:
                found.setdefault(issue.id, []).append(gemeente)
        return {issue: tuple(places) for issue, places in found.items()}

    return memo(G, ("fact-overviews", "issue-gemeenten"), compute)


def issue_overview(G: nx.MultiDiGraph, *, gemeente: str | None = None) -> IssueOverview:
    """Which contradictions and vague spots do the sources have, and what are the readings?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        Only the issues about this area: those on its sociale kaart
        (:func:`~zorgnet.graph.analyses.facts.area_facts`).

    Returns
    -------
    IssueOverview
        Every known issue (of the gemeente), by label, each with all its readings, the
        names of the records it is about, the gemeenten where it plays, and sources.

    Raises
    ------
    UnknownName
        If *gemeente* is no area of *G*.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> [(i.label, i.readings, i.about_labels) for i in issue_overview(G).issues]
    [('Telling onduidelijk', ('120 gezinnen', '120 kinderen'), ('gezinnen geholpen',))]
    >>> issue_overview(G, gemeente="huizen").issues
    ()
    """
    check_area(G, gemeente, "gebied")
    places = _issue_gemeenten(G)
    wanted = None if gemeente is None else {i.id for i in area_facts(G, gemeente).issues}
    areas = G.graph["areas"]
    entries = [
        IssueEntry(
            issue.id,
            issue.label,
            issue.description,
            issue.readings,
            issue.about,
            tuple(link.text for link in _record_links(G, issue.about)),
            _record_links(G, issue.about),
            places.get(issue.id, ()),
            tuple(areas[g].label for g in places.get(issue.id, ())),
            issue.sources,
        )
        for issue in G.graph["issues"]
        if wanted is None or issue.id in wanted
    ]
    # By name as a reader looks it up: a leading quote or capital does not count.
    entries.sort(key=lambda i: (normalize(i.label), i.id))
    label = areas[gemeente].label if gemeente else "Gooi en Vechtstreek en verder"
    sources = tuple(sorted({s for i in entries for s in i.sources}))
    return IssueOverview(gemeente, label, tuple(entries), sources)


def _figure_entry(G: nx.MultiDiGraph, figure: Figure) -> FigureEntry:
    return FigureEntry(
        figure.id,
        figure.measure,
        figure.value,
        figure.unit,
        figure.as_of,
        figure.about,
        tuple(link.text for link in _record_links(G, figure.about)),
        _record_links(G, figure.about),
        figure.areas,
        area_labels(G, figure.areas),
        figure.sources,
    )


def _inside(G: nx.MultiDiGraph, area: str) -> set[str]:
    """*area* and the areas inside it (its wijken)."""
    return {a for a in G.graph["areas"] if a == area or area in area_ancestors(G, a)}


def _outward(G: nx.MultiDiGraph, area: str) -> list[str]:
    """The areas containing *area*, nearest first (its cluster, region, province, land)."""
    areas = G.graph["areas"]
    order, todo = [], list(areas[area].part_of)
    while todo:
        current = todo.pop(0)
        if current in areas and current not in order:
            order.append(current)
            todo.extend(areas[current].part_of)
    return order


def figure_overview(G: nx.MultiDiGraph, *, gemeente: str | None = None) -> FigureOverview:
    """Which figures do the sources give, per gemeente, with their year and source?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        Only the figures that hold there: for the gemeente or a part of it, and for
        the areas that contain it.

    Returns
    -------
    FigureOverview
        The figures grouped by the area they are for (see the class); a group without
        figures is silent, its figures unknown.

    Raises
    ------
    UnknownName
        If *gemeente* is no area of *G*.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> overview = figure_overview(G)
    >>> [(g.label, [f.measure for f in g.figures]) for g in overview.groups]
    [('Hilversum', ['gezinnen geholpen']), ('Huizen', [])]
    >>> [(g.label, g.silent) for g in figure_overview(G, gemeente="huizen").groups]
    [('Huizen', True)]
    """
    check_area(G, gemeente, "gebied")
    areas = G.graph["areas"]
    entries = [_figure_entry(G, f) for f in G.graph["figures"]]
    if gemeente is None:
        named = {a for f in entries for a in f.areas if a in areas}
        others = sorted(
            named - set(_gemeenten(G)),
            key=lambda a: (_type_rank(areas[a].type), areas[a].label.casefold()),
        )
        groups = [_group(G, g, entries, {g}) for g in _gemeenten(G)]
        groups += [_group(G, a, entries, {a}) for a in others]
        unplaced = tuple(f for f in entries if not set(f.areas) & set(areas))
        if unplaced:
            groups.append(FigureGroup(None, "zonder gebied", unplaced))
    else:
        groups = [_group(G, gemeente, entries, _inside(G, gemeente))]
        for outer in _outward(G, gemeente):
            group = _group(G, outer, entries, {outer})
            if group.figures:
                groups.append(group)
    label = areas[gemeente].label if gemeente else "Gooi en Vechtstreek en verder"
    sources = tuple(sorted({s for g in groups for f in g.figures for s in f.sources}))
    return FigureOverview(gemeente, label, tuple(groups), sources)


def _type_rank(area_type: str | None) -> int:
    if area_type in _AREA_TYPE_ORDER:
        return _AREA_TYPE_ORDER.index(area_type)
    return len(_AREA_TYPE_ORDER)


def _group(
    G: nx.MultiDiGraph, area: str, entries: list[FigureEntry], places: set[str]
) -> FigureGroup:
    figures = tuple(f for f in entries if places.intersection(f.areas))
    figures = tuple(sorted(figures, key=lambda f: (f.measure.casefold(), f.as_of or 0, f.id)))
    return FigureGroup(area, G.graph["areas"][area].label, figures)
