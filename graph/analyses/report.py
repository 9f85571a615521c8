"""The regional picture as a report ("de foto"): the analyses of a gemeente, or of every
gemeente side by side, gathered for one document with a bibliography of the seeds.

Seed 002 is such a picture, written by hand; :func:`gemeente_report` and
:func:`regional_report` make it from the data. Each chapter is a gemeente's sociale
kaart (:func:`~zorgnet.graph.analyses.social_map.social_map`: its local set-up per
aspect), the VNG basisfuncties and proposities it fills and by whom
(:func:`~zorgnet.graph.analyses.gaps.framework_coverage`), its gaps with their reasons
(:func:`~zorgnet.graph.analyses.gaps.gap_signals`), its escalation ladder
(:func:`~zorgnet.graph.analyses.mandates.escalation_ladder`), and its known issues and
figures (:mod:`~zorgnet.graph.analyses.fact_overviews`). The regional report puts the
gemeenten side by side first (:func:`comparison`: aspects, basisfuncties and
proposities, and gaps by gemeente, ``onbekend`` where the seeds are silent) and gives
the issues and figures once for the whole region.

Every fact keeps its citations; :func:`bibliography` lists each document cited with
the sections cited, from the register of source documents in the store's data.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph, example_projection
>>> report = gemeente_report(example_projection(), example_graph(), "hilversum")
>>> report.title, [c.label for c in report.chapters]
('De foto van Hilversum', ['Hilversum'])
>>> report.chapters[0].framework[0].scheme_label
'basisfunctie'
>>> [entry.document for entry in report.bibliography]
['002', '003']
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx
from rdflib import SKOS, Graph

from zorgnet.graph.analyses._labels import actor_label
from zorgnet.graph.analyses.fact_overviews import (
    FigureOverview,
    IssueOverview,
    figure_overview,
    issue_overview,
)
from zorgnet.graph.analyses.gaps import (
    STATE_MEANINGS,
    GapSignals,
    framework_coverage,
    gap_signals,
)
from zorgnet.graph.analyses.mandates import EscalationLadder, escalation_ladder
from zorgnet.graph.analyses.social_map import SocialMap, social_map
from zorgnet.graph.analyses.sources import source_documents
from zorgnet.loaders.sources import parse_citation
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label, vocabulary

__all__ = [
    "BibliographyEntry",
    "CitedSection",
    "Comparison",
    "ComparisonCell",
    "ComparisonRow",
    "FrameworkRow",
    "GemeenteChapter",
    "Report",
    "bibliography",
    "comparison",
    "gemeente_report",
    "regional_report",
]

#: What a comparison cell says where the seeds are silent.
UNKNOWN = "onbekend"


@dataclass(frozen=True)
class FrameworkRow:
    """One VNG basisfunctie or propositie in one gemeente: filled in (``ingevuld``) by
    whom, or ``onbekend`` when the seeds name no one (``niet-beschreven``)."""

    concept: str
    label: str
    scheme_label: str
    state: str
    state_label: str
    serving_labels: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class GemeenteChapter:
    """What the report says about one gemeente.

    ``issues`` and ``figures`` are None in a regional report, which gives them once for
    the whole region instead of in every chapter.
    """

    gemeente: str
    label: str
    social_map: SocialMap
    framework: tuple[FrameworkRow, ...]
    gaps: GapSignals
    ladder: EscalationLadder
    issues: IssueOverview | None
    figures: FigureOverview | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ComparisonCell:
    """What one row says about one gemeente; ``known`` is False where the seeds are
    silent (``text`` is then ``onbekend``)."""

    gemeente: str
    text: str
    known: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ComparisonRow:
    """One aspect, framework concept or gap state, with a cell per gemeente."""

    key: str
    label: str
    cells: tuple[ComparisonCell, ...]


@dataclass(frozen=True)
class Comparison:
    """The gemeenten side by side.

    Attributes
    ----------
    gemeenten, gemeente_labels : tuple of str
        The columns, by name.
    aspects : tuple of ComparisonRow
        Per aspect of the local set-up, the state of each gemeente's own arrangement.
    framework : tuple of ComparisonRow
        Per VNG basisfunctie and propositie, who fills it in each gemeente.
    gaps : tuple of ComparisonRow
        Per state of a gap (``tekort`` ... ``onbekend``), how many kinds of help are in
        it in each gemeente.
    sources : tuple of str
        Every citation in the cells.
    """

    gemeenten: tuple[str, ...]
    gemeente_labels: tuple[str, ...]
    aspects: tuple[ComparisonRow, ...]
    framework: tuple[ComparisonRow, ...]
    gaps: tuple[ComparisonRow, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CitedSection:
    """A section of a source document that the report cites, with its title."""

    number: str
    title: str


@dataclass(frozen=True)
class BibliographyEntry:
    """A source document the report cites: its number, title, seed file, year, and the
    sections cited (in the register's order; a section the register does not list
    comes last, without a title)."""

    document: str
    title: str
    file: str
    as_of: int | None
    sections: tuple[CitedSection, ...]


@dataclass(frozen=True)
class Report:
    """A report on one gemeente (``gemeente``) or the region (``gemeente`` None).

    ``comparison`` is set in the regional report only; ``issues`` and ``figures`` are
    the whole region's there and the gemeente's in a gemeente's report. ``sources``
    are every citation of the report, ``bibliography`` their documents.
    ``data_version`` names the data the report was made from (the store's version);
    ``scenario`` the scenario it shows, "" for the data as it is. ``shared_gaps`` (the
    regional report only) are the gaps that hold alike in every gemeente, the care
    without a route and the pilots, given once instead of in every chapter.
    """

    title: str
    gemeente: str | None
    label: str
    made_on: datetime.date
    data_version: str
    chapters: tuple[GemeenteChapter, ...]
    comparison: Comparison | None
    issues: IssueOverview
    figures: FigureOverview
    bibliography: tuple[BibliographyEntry, ...]
    sources: tuple[str, ...]
    scenario: str = ""
    shared_gaps: GapSignals | None = None


def _schemes() -> dict[str, str]:
    """Each VNG framework concept's scheme as a Dutch noun: basisfunctie or propositie."""
    vocab = vocabulary()
    found = {}
    for notation in vocab.notations(ZN.FrameworkConcept):
        concept = vocab.concept(ZN.FrameworkConcept, notation)
        for scheme in vocab.graph.objects(concept, SKOS.inScheme):
            if str(scheme).endswith("/basisfuncties"):
                found[notation] = "basisfunctie"
            elif str(scheme).endswith("/proposities"):
                found[notation] = "propositie"
    return found


def _serving_label(G: nx.MultiDiGraph, record: str) -> str:
    """An actor by its label; a local arrangement by its aspect and area."""
    if record in G:
        return actor_label(G, record)
    for arrangement in G.graph["arrangements"]:
        if arrangement.id == record:
            areas = ", ".join(
                G.graph["areas"][a].label for a in arrangement.areas if a in G.graph["areas"]
            )
            return f"lokale inrichting: {concept_label('Aspect', arrangement.aspect)} ({areas})"
    return record


def _framework_rows(G: nx.MultiDiGraph, gemeente: str) -> tuple[FrameworkRow, ...]:
    schemes = _schemes()
    cells = framework_coverage(G, gemeenten=[gemeente]).cells
    rows = [
        FrameworkRow(
            cell.concept,
            concept_label("FrameworkConcept", cell.concept),
            schemes.get(cell.concept, ""),
            cell.state,
            "ingevuld" if cell.state == "ingevuld" else UNKNOWN,
            tuple(sorted((_serving_label(G, s) for s in cell.serving), key=str.casefold)),
            cell.sources,
        )
        for cell in cells
    ]
    # The three basisfuncties first, then the five proposities, as VNG lists them.
    return tuple(sorted(rows, key=lambda r: (r.scheme_label != "basisfunctie", r.label)))


def _chapter(G: nx.MultiDiGraph, gemeente: str, *, with_facts: bool) -> GemeenteChapter:
    kaart = social_map(G, gemeente)
    framework = _framework_rows(G, gemeente)
    gaps = gap_signals(G, gemeente=gemeente)
    ladder = escalation_ladder(G, gemeente)
    issues = issue_overview(G, gemeente=gemeente) if with_facts else None
    figures = figure_overview(G, gemeente=gemeente) if with_facts else None
    chapter = GemeenteChapter(
        gemeente, kaart.label, kaart, framework, gaps, ladder, issues, figures, ()
    )
    return replace(chapter, sources=_chapter_sources(chapter))


def _chapter_sources(chapter: GemeenteChapter) -> tuple[str, ...]:
    """What *chapter* cites where it shows it (the bibliography lists no more)."""
    gaps, ladder = chapter.gaps, chapter.ladder
    found = {
        *(s for a in chapter.social_map.arrangements for s in a.sources),
        *(s for row in chapter.framework for s in row.sources),
        *(s for x in (*gaps.signals, *gaps.actor_gaps, *gaps.reach_gaps) for s in x.sources),
        *(s for p in gaps.pilots for s in p.sources),
        *(s for rung in ladder.rungs for s in rung.sources),
        *(s for rung in ladder.rungs for m in rung.mandates for s in m.sources),
        *(chapter.issues.sources if chapter.issues else ()),
        *(chapter.figures.sources if chapter.figures else ()),
    }
    return tuple(sorted(found))


def _without_shared(chapter: GemeenteChapter, shared: GapSignals) -> GemeenteChapter:
    """*chapter* without the gaps the regional report gives once for the whole region
    (*shared*): the signals that hold alike in every gemeente, the care without a route
    and the pilots."""
    everywhere = {(s.help_kind, s.state) for s in shared.signals}
    gaps = replace(
        chapter.gaps,
        signals=tuple(s for s in chapter.gaps.signals if (s.help_kind, s.state) not in everywhere),
        actor_gaps=(),
        pilots=(),
    )
    chapter = replace(chapter, gaps=gaps)
    return replace(chapter, sources=_chapter_sources(chapter))


def _shared_gaps(G: nx.MultiDiGraph) -> GapSignals:
    """The gaps of the whole region: the signals that hold alike in every gemeente (one
    signal for the region, :func:`~zorgnet.graph.analyses.gaps.gap_signals`), the care
    without a route or where a referral stops, and every pilot."""
    every = gap_signals(G)
    return replace(every, signals=tuple(s for s in every.signals if s.gemeenten))


def _gemeenten(G: nx.MultiDiGraph) -> list[str]:
    areas = G.graph["areas"].values()
    return [a.id for a in sorted(areas, key=lambda a: a.label) if a.type == "gemeente"]


def _aspect_rows(chapters: Iterable[GemeenteChapter]) -> tuple[ComparisonRow, ...]:
    """Per aspect, each gemeente's own arrangement; a silent one with what the region
    agreed for it, when it did."""
    chapters = list(chapters)
    aspects: dict[str, str] = {}
    for chapter in chapters:
        for a in chapter.social_map.arrangements:
            aspects.setdefault(a.aspect, a.aspect_label)
    rows = []
    for aspect, label in sorted(aspects.items(), key=lambda item: item[1].casefold()):
        cells = []
        for chapter in chapters:
            found = [a for a in chapter.social_map.arrangements if a.aspect == aspect]
            own = [a for a in found if not a.enclosing and a.status != UNKNOWN]
            regional = [a for a in found if a.enclosing]
            if own:
                text = "; ".join(
                    a.status_label + (f": {', '.join(a.about_labels)}" if a.about_labels else "")
                    for a in own
                )
                sources = tuple(s for a in own for s in a.sources)
            elif regional:
                text = f"{UNKNOWN} (regionaal: {regional[0].status_label})"
                sources = tuple(s for a in (*found,) for s in a.sources)
            else:
                text, sources = UNKNOWN, tuple(s for a in found for s in a.sources)
            cells.append(
                ComparisonCell(chapter.gemeente, text, bool(own), tuple(dict.fromkeys(sources)))
            )
        rows.append(ComparisonRow(aspect, label, tuple(cells)))
    return tuple(rows)


def _framework_compared(chapters: Iterable[GemeenteChapter]) -> tuple[ComparisonRow, ...]:
    chapters = list(chapters)
    if not chapters:
        return ()
    rows = []
    for i, first in enumerate(chapters[0].framework):
        cells = []
        for chapter in chapters:
            row = chapter.framework[i]
            known = row.state == "ingevuld"
            text = ", ".join(row.serving_labels) if known else UNKNOWN
            cells.append(ComparisonCell(chapter.gemeente, text, known, row.sources))
        rows.append(
            ComparisonRow(first.concept, f"{first.label} ({first.scheme_label})", tuple(cells))
        )
    return tuple(rows)


_NO_REFERRER = "met verwijzing, maar geen wettelijk verwijzer bereikt ze"


def _help_count(gemeente: str, items: list) -> ComparisonCell:
    """How many kinds of help *items* (signals or reach gaps) name, with their sources."""
    count = len({i.help_kind for i in items})
    word = "soort hulp" if count == 1 else "soorten hulp"
    sources = tuple(dict.fromkeys(src for i in items for src in i.sources))
    return ComparisonCell(gemeente, f"{count} {word}", True, sources)


def _gaps_compared(chapters: Iterable[GemeenteChapter]) -> tuple[ComparisonRow, ...]:
    chapters = list(chapters)
    rows = [
        ComparisonRow(
            state,
            label,
            tuple(
                _help_count(c.gemeente, [s for s in c.gaps.signals if s.state == state])
                for c in chapters
            ),
        )
        for state, (label, _) in STATE_MEANINGS.items()
        if state != "aanwezig"
    ]
    # Help that is there, but that no legal referrer reaches: its state says "tekort" or
    # "aanwezig", so it is counted apart.
    reach = tuple(_help_count(c.gemeente, list(c.gaps.reach_gaps)) for c in chapters)
    rows.append(ComparisonRow("geen-verwijzer", _NO_REFERRER, reach))
    return tuple(rows)


def comparison(G: nx.MultiDiGraph, chapters: Iterable[GemeenteChapter] | None = None) -> Comparison:
    """The gemeenten side by side: aspects, VNG basisfuncties and proposities, and gaps.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    chapters : iterable of GemeenteChapter, optional
        The chapters already made for the gemeenten (the regional report's); default
        one per gemeente of *G*.

    Returns
    -------
    Comparison
        A row per aspect, concept and gap state, a cell per gemeente; ``onbekend`` where
        the seeds are silent about the gemeente itself (with what the region agreed,
        when it did).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> table = comparison(example_projection())
    >>> table.gemeente_labels
    ('Hilversum', 'Huizen')
    >>> [(c.gemeente, c.text) for c in table.aspects[-1].cells]
    [('hilversum', 'bestaand: buurtteam'), ('huizen', 'onbekend')]
    """
    chapters = (
        list(chapters)
        if chapters is not None
        else [_chapter(G, g, with_facts=False) for g in _gemeenten(G)]
    )
    aspects = _aspect_rows(chapters)
    framework = _framework_compared(chapters)
    gaps = _gaps_compared(chapters)
    sources = {
        s for rows in (aspects, framework, gaps) for r in rows for c in r.cells for s in c.sources
    }
    return Comparison(
        tuple(c.gemeente for c in chapters),
        tuple(c.label for c in chapters),
        aspects,
        framework,
        gaps,
        tuple(sorted(sources)),
    )


def bibliography(
    G: nx.MultiDiGraph, graph: Graph, citations: Iterable[str]
) -> tuple[BibliographyEntry, ...]:
    """The source documents *citations* cite, each with the sections cited.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    graph : rdflib.Graph
        The data *G* was projected from, with its register of source documents.
    citations : iterable of str
        Citations as the records write them (``"003 §4, afspraak 2"``).

    Returns
    -------
    tuple of BibliographyEntry
        In document order; a document missing from the register keeps its number as
        its title.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph, example_projection
    >>> [(e.document, [s.number for s in e.sections])
    ...  for e in bibliography(example_projection(), example_graph(), ["003 §4, afspraak 2"])]
    [('003', ['4'])]
    """
    cited: dict[str, set[str]] = {}
    for citation in citations:
        parsed = parse_citation(citation)
        if parsed is not None:
            cited.setdefault(parsed.seed, set()).add(parsed.section)
    documents = {d.id: d for d in source_documents(G, graph)}
    entries = []
    for number in sorted(cited):
        document = documents.get(number)
        listed = document.sections if document else ()
        sections = [CitedSection(s.number, s.title) for s in listed if s.number in cited[number]]
        named = {s.number for s in sections}
        sections += [CitedSection(s, "") for s in sorted(cited[number] - named)]
        entries.append(
            BibliographyEntry(
                number,
                document.title if document else number,
                document.file if document else "",
                document.as_of if document else None,
                tuple(sections),
            )
        )
    return tuple(entries)


def _report(
    G: nx.MultiDiGraph,
    graph: Graph,
    title: str,
    gemeente: str | None,
    label: str,
    chapters: tuple[GemeenteChapter, ...],
    found: Comparison | None,
    *,
    made_on: datetime.date | None,
    data_version: str,
    scenario: str,
    shared_gaps: GapSignals | None = None,
) -> Report:
    issues = issue_overview(G, gemeente=gemeente)
    figures = figure_overview(G, gemeente=gemeente)
    sources = sorted(
        {
            *(s for c in chapters for s in c.sources),
            *(found.sources if found else ()),
            *(shared_gaps.sources if shared_gaps else ()),
            *issues.sources,
            *figures.sources,
        }
    )
    return Report(
        title,
        gemeente,
        label,
        made_on or datetime.date.today(),
        data_version,
        chapters,
        found,
        issues,
        figures,
        bibliography(G, graph, sources),
        tuple(sources),
        scenario,
        shared_gaps,
    )


def gemeente_report(
    G: nx.MultiDiGraph,
    graph: Graph,
    gemeente: str,
    *,
    made_on: datetime.date | None = None,
    data_version: str = "",
    scenario: str = "",
) -> Report:
    """The picture of one gemeente, for a document to hand out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection (of the data, or of a scenario).
    graph : rdflib.Graph
        The data with its register of source documents, for the bibliography.
    gemeente : str
        An area id of type gemeente.
    made_on : datetime.date, optional
        The date on the cover; default today.
    data_version : str
        What data the report is made from, for the cover.
    scenario : str
        The name of the scenario *G* shows, "" for the data as it is.

    Returns
    -------
    Report
        One chapter, the gemeente's known issues and figures, the bibliography.

    Raises
    ------
    UnknownName
        If *gemeente* is no gemeente of *G* (another area, such as the region or the
        country, has a report of its own or none); the closest gemeenten suggested.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph, example_projection
    >>> report = gemeente_report(example_projection(), example_graph(), "huizen")
    >>> report.comparison is None, report.chapters[0].issues is not None
    (True, True)
    >>> gemeente_report(example_projection(), example_graph(), "hilversun")
    Traceback (most recent call last):
    ...
    zorgnet.ontology.exceptions.UnknownName: Onbekende gemeente: 'hilversun'. Bedoelde u: hilversum?
    """
    _check_gemeente(G, gemeente)
    chapter = _chapter(G, gemeente, with_facts=True)
    title = f"De foto van {chapter.label}"
    if scenario:
        title = f"Scenario '{scenario}': de foto van {chapter.label}"
    return _report(
        G,
        graph,
        title,
        gemeente,
        chapter.label,
        (chapter,),
        None,
        made_on=made_on,
        data_version=data_version,
        scenario=scenario,
    )


def _check_gemeente(G: nx.MultiDiGraph, gemeente: str) -> None:
    area = G.graph["areas"].get(gemeente)
    if area is None or area.type != "gemeente":
        ids = sorted(a.id for a in G.graph["areas"].values() if a.type == "gemeente")
        raise UnknownName(
            "gemeente", gemeente, difflib.get_close_matches(gemeente, ids, n=3, cutoff=0.5)
        )


def regional_report(
    G: nx.MultiDiGraph,
    graph: Graph,
    *,
    made_on: datetime.date | None = None,
    data_version: str = "",
    scenario: str = "",
) -> Report:
    """The picture of the region: the gemeenten side by side, then a chapter each.

    Parameters are those of :func:`gemeente_report`, without the gemeente.

    Returns
    -------
    Report
        The :func:`comparison`, a chapter per gemeente, and once for the whole region:
        the gaps that hold alike in every gemeente, the care without a route, the pilots,
        the known issues and the figures (which the chapters leave out).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph, example_projection
    >>> report = regional_report(example_projection(), example_graph())
    >>> report.title, [c.label for c in report.chapters]
    ('De foto van de regio', ['Hilversum', 'Huizen'])
    >>> report.chapters[0].issues is None and len(report.issues.issues) > 0
    True
    >>> [s.help_kind for s in report.shared_gaps.signals]
    ['crisishulp']
    >>> [s.help_kind for s in report.chapters[1].gaps.signals if s.help_kind == "crisishulp"]
    []
    """
    chapters = tuple(_chapter(G, g, with_facts=False) for g in _gemeenten(G))
    # Compared with every gap counted; the chapters then leave out the shared ones.
    side_by_side = comparison(G, chapters)
    shared = _shared_gaps(G)
    title = f"Scenario '{scenario}': de foto van de regio" if scenario else "De foto van de regio"
    return _report(
        G,
        graph,
        title,
        None,
        "de regio",
        tuple(_without_shared(c, shared) for c in chapters),
        side_by_side,
        made_on=made_on,
        data_version=data_version,
        scenario=scenario,
        shared_gaps=shared,
    )
