"""CLI commands for the analyses (route, gaps, overlaps, team, brokers, mandates, diff).

Each command reads its arguments, opens the store to read, takes the projection
through the front door (:func:`zorgnet.core.projection`) and calls one analysis of
:mod:`zorgnet.graph.analyses` on it; then it prints the result as Dutch tables, or with
``--json`` as the web app answers it (:func:`zorgnet.api.results.as_json`). The store,
networkx and the analyses are imported when a command runs, so that ``zorgnet --help``
starts fast.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from zorgnet.api.cli_common import (
    JsonOption,
    StoreOption,
    console,
    print_table,
    projection,
    read_store,
    say,
)

if TYPE_CHECKING:
    import networkx as nx

    from zorgnet.graph.analyses.brokers import BrokerReport
    from zorgnet.graph.analyses.gaps import CoverageCell, GapReport
    from zorgnet.graph.analyses.mandates import EscalationLadder, MandateMatrix, Rung
    from zorgnet.graph.analyses.membership import TeamComparison, TeamNetwork
    from zorgnet.graph.analyses.overlaps import Overlaps
    from zorgnet.graph.analyses.routes import RouteResult
    from zorgnet.graph.analyses.snapshots import Change, Diff
    from zorgnet.graph.contract import TripleStore

__all__ = ["brokers", "diff", "gaps", "mandates", "overlaps", "register", "route", "team"]

T = TypeVar("T")
#: A column of a table: its header, and what it shows of one item.
Column = tuple[str, Callable[[T], object]]

GemeenteOption = Annotated[
    str | None, typer.Option("--gemeente", "-g", help="Gebied-id, bijvoorbeeld huizen.")
]
SourceArgument = Annotated[
    str, typer.Argument(help="Ingang: actor-id of soort actor (huisarts, school, inwoner).")
]
TeamArgument = Annotated[
    str | None, typer.Argument(help="Id van het lokale team; leeg = vergelijking.")
]
LadderOption = Annotated[bool, typer.Option("--escalatie", help="Toon de escalatieladder.")]


def _run(
    store: str | None, analysis: "Callable[[nx.MultiDiGraph], T]"
) -> "tuple[nx.MultiDiGraph, T]":
    """The projection of the store, and *analysis* of it."""

    def read(opened: "TripleStore") -> "tuple[nx.MultiDiGraph, T]":
        G = projection(opened)
        return G, analysis(G)

    return read_store(store, read)


def _show(
    G: "nx.MultiDiGraph",
    result: T,
    as_json: bool,
    print_tables: "Callable[[nx.MultiDiGraph, T], None]",
) -> None:
    """Print *result* as JSON, or as Dutch tables with *print_tables*."""
    if as_json:
        import json

        from zorgnet.api.results import as_json as plain

        print(json.dumps(plain(result), ensure_ascii=False, indent=2))
    else:
        print_tables(G, result)


def _table(
    title: str, columns: Sequence[Column[T]], items: Iterable[T], *, numbered: str | None = None
) -> None:
    """A Dutch table of *items*, one row each, a column per header and value; with
    *numbered*, a first column of that name counts the rows from 1."""
    headers = [header for header, _ in columns]
    rows = [[show(item) for _, show in columns] for item in items]
    if numbered is not None:
        headers = [numbered, *headers]
        rows = [[str(number), *row] for number, row in enumerate(rows, start=1)]
    print_table(title, headers, rows)


def concept_label(concept_class: str, notation: str | None) -> str:
    """The Dutch label of a vocabulary value; imported when asked (rdflib loads slowly)."""
    from zorgnet.ontology.vocabulary import concept_label as label

    return label(concept_class, notation)


def _labels(G: "nx.MultiDiGraph", actors: tuple[str, ...] | list[str]) -> list[str]:
    return [G.nodes[a]["label"] if a in G else a for a in actors]


def route(
    source: SourceArgument,
    help_kind: Annotated[str, typer.Argument(help="Soort hulp, bijvoorbeeld jeugd-ggz.")],
    gemeente: GemeenteOption = None,
    domain: Annotated[str | None, typer.Option("--domein", help="Bijvoorbeeld jeugd.")] = None,
    level: Annotated[str | None, typer.Option("--niveau", help="licht, midden, zwaar.")] = None,
    k: Annotated[int, typer.Option("-k", help="Aantal routes.")] = 5,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Toon de beste verwijsroutes van een ingang naar een soort hulp.

    Voorbeeld: zorgnet route huisarts jeugd-ggz --gemeente huizen
    """
    from zorgnet.graph.analyses.routes import referral_routes

    G, result = _run(
        store,
        lambda G: referral_routes(
            G, source, help_kind, gemeente=gemeente, domain=domain, level=level, k=k
        ),
    )
    _show(G, result, as_json, _print_routes)


def gaps(
    gemeente: GemeenteOption = None,
    help_kind: Annotated[str | None, typer.Option("--hulp", help="Alleen deze hulp.")] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Toon per gemeente en soort hulp of die er is, tekortschiet, alleen als pilot
    bestaat, afwezig is of onbekend (met bronnen), en welke zorgactoren geen route
    bereikt.

    Voorbeeld: zorgnet gaps --gemeente huizen --hulp jeugd-ggz
    """
    from zorgnet.graph.analyses.gaps import gap_report

    G, report = _run(store, lambda G: gap_report(G, gemeente=gemeente, help_kind=help_kind))
    _show(G, report, as_json, _print_gaps)


def overlaps(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Toon bevoegdheden en hulp die in hetzelfde gebied bij meerdere actoren liggen,
    per soort overlap: echte overlap eerst, daarna wat zo bedoeld of geregeld is.

    Voorbeeld: zorgnet overlaps --json
    """
    from zorgnet.graph.analyses.overlaps import overlaps as find

    G, result = _run(store, find)
    _show(G, result, as_json, _print_overlaps)


def team(name: TeamArgument = None, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Toon het netwerk van een lokaal team (kern, verbonden, buiten) of vergelijk gemeenten.

    Voorbeeld: zorgnet team buurtteams-hilversum
    """
    from zorgnet.graph.analyses.membership import compare_teams, team_network

    if name is None:
        G, comparison = _run(store, compare_teams)
        _show(G, comparison, as_json, _print_team_comparison)
    else:
        G, network = _run(store, lambda G: team_network(G, name))
        _show(G, network, as_json, _print_team)


def brokers(
    top: Annotated[int, typer.Option("--top", help="Aantal actoren.")] = 15,
    regio: Annotated[
        str | None,
        typer.Option(
            "--regio", help="Alleen de actoren die in dit gebied gelden (exact per regio)."
        ),
    ] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Toon makelaars en kwetsbare plekken: centraliteit, snijpunten, bruggen, rollen.

    Voorbeeld: zorgnet brokers --top 10 --regio gooi-en-vechtstreek
    """
    from zorgnet.graph.analyses.brokers import brokers as find

    G, report = _run(store, lambda G: find(G, top=top, region=regio))
    _show(G, report, as_json, _print_brokers)


def mandates(
    gemeente: GemeenteOption = None,
    ladder: LadderOption = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Toon de bevoegdhedenmatrix, of de escalatieladder van een gemeente.

    Voorbeeld: zorgnet mandates --gemeente hilversum --escalatie
    """
    from zorgnet.graph.analyses.mandates import escalation_ladder, mandate_matrix

    if not ladder:
        G, matrix = _run(store, lambda G: mandate_matrix(G, gemeente=gemeente))
        _show(G, matrix, as_json, lambda G, matrix: _print_matrix(matrix, gemeente))
    elif gemeente is None:
        say("geef --gemeente bij --escalatie")
        raise typer.Exit(2)
    else:
        G, rungs = _run(store, lambda G: escalation_ladder(G, gemeente))
        _show(G, rungs, as_json, _print_ladder)


def diff(
    year_from: Annotated[int, typer.Argument(help="Eerste peiljaar, bijvoorbeeld 2021.")],
    year_to: Annotated[int, typer.Argument(help="Tweede peiljaar, bijvoorbeeld 2025.")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Toon wat er tussen twee peiljaren nieuw is, gewijzigd of beëindigd.

    Voorbeeld: zorgnet diff 2021 2025
    """
    from zorgnet.graph.analyses.snapshots import diff as compare

    G, result = _run(store, lambda G: compare(G, year_from, year_to))
    _show(G, result, as_json, lambda G, result: _print_diff(result, year_from, year_to))


def register(app: typer.Typer) -> None:
    """Add the analysis commands to *app*, each named after its function."""
    for command in (route, gaps, overlaps, team, brokers, mandates, diff):
        app.command()(command)


# The tables of each command's result.


def _step_kind(kind: str | None, practice: bool) -> str:
    if kind is None:
        return "ingang"
    text = {"meldt-zich": "gaat er zelf heen", "namens": "beslist namens"}.get(
        kind, concept_label("RelationKind", kind)
    )
    return f"{text} (praktijk)" if practice else text


def _print_routes(G: "nx.MultiDiGraph", result: "RouteResult") -> None:
    if not result.routes:
        console.print(f"Geen route: {result.explanation}")
        return
    for number, r in enumerate(result.routes, start=1):
        gate = (
            "zonder verwijzing (voorveld)"
            if r.voorveld
            else f"toegang geopend door {G.nodes[r.referrer]['label']}"
            if r.referrer
            else "verwijzing nodig, maar geen wettelijk verwijzer op de route"
        )
        _table(
            f"Route {number} (kosten {r.cost:g}; {gate})",
            [
                ("actor", lambda s: s.label),
                ("hoe", lambda s: _step_kind(s.kind, s.reported_practice)),
                (
                    "bevoegdheden",
                    lambda s: tuple(concept_label("Power", m.power) for m in s.mandates),
                ),
                ("bronnen", lambda s: s.sources),
            ],
            r.steps,
            numbered="stap",
        )
        console.print(r.explanation)
    if result.explanation:
        console.print(result.explanation)


def _evidence(G: "nx.MultiDiGraph", cells: "list[CoverageCell]", state: str) -> list[str]:
    """The records behind a gemeente's state for one help kind, by name."""
    if state == "tekort":
        shortages = {s.id: s.label for s in G.graph["shortages"]}
        return sorted({shortages.get(i, i) for c in cells for i in c.shortages})
    field = {"aanwezig": "providers", "alleen-pilot": "pilots", "afwezig": "absences"}
    if state in field:
        return sorted({n for c in cells for n in _labels(G, getattr(c, field[state]))})
    unconfirmed = sorted({n for c in cells for n in _labels(G, c.unconfirmed)})
    return [f"misschien: {', '.join(unconfirmed)}"] if unconfirmed else ["de bronnen zwijgen"]


def _print_gaps(G: "nx.MultiDiGraph", report: "GapReport") -> None:
    reach = report.referrer_reach
    if reach is not None and reach.unreached:
        _table(
            "Geïndiceerde hulp die geen wettelijk verwijzer bereikt",
            [
                ("soort hulp", lambda kind: concept_label("HelpKind", kind)),
                ("aanbieders", lambda kind: _labels(G, reach.unreached[kind])),
            ],
            reach.unreached,
        )
    areas = G.graph["areas"]
    by_key: dict[tuple[str, str], list[CoverageCell]] = {}
    for cell in report.coverage.cells:
        by_key.setdefault((cell.gemeente, cell.help_kind), []).append(cell)
    print_table(
        "Hulp per gemeente: aanwezig, tekort, alleen pilot, afwezig of onbekend",
        ["gemeente", "soort hulp", "toestand", "wie of wat", "bronnen"],
        [
            [
                areas[g].label,
                concept_label("HelpKind", h),
                state,
                _evidence(G, by_key[(g, h)], state),
                sorted({s for c in by_key[(g, h)] for s in c.sources}),
            ]
            for (g, h), state in report.coverage.states().items()
        ],
    )
    _table(
        "VNG-basisfuncties en -proposities waarvoor de bronnen niemand noemen",
        [
            ("gemeente", lambda c: areas[c.gemeente].label),
            ("begrip", lambda c: concept_label("FrameworkConcept", c.concept)),
        ],
        report.framework.undescribed(),
    )
    ends = report.dead_ends
    for title, actors in (
        ("Zorgactoren die geen route bereikt", ends.unreachable),
        ("Zorgactoren waar een verwijzing stopt", ends.dead_ends),
    ):
        console.print(f"{title}: {len(actors)}")
        for actor in actors:
            console.print(f"- {ends.reasons[actor]}")


def _print_overlaps(G: "nx.MultiDiGraph", result: "Overlaps") -> None:
    if not result.overlaps:
        console.print("Geen overlap: elke bevoegdheid en hulp ligt per gebied bij één actor.")
        return
    for kind in result.kinds:
        found = result.of_kind(kind.kind)
        if not found:
            continue
        _table(
            f"Overlap: {kind.label} ({kind.count})",
            [
                ("wat", lambda o: o.what_label),
                ("naam", lambda o: o.name_label),
                ("gebied", lambda o: o.area_label),
                ("domein", lambda o: o.domain_labels),
                ("actoren", lambda o: o.actor_labels),
            ],
            found,
        )
        for o in found:
            console.print(f"{o.name_label} in {o.area_label}: {o.explanation}")
            for e in o.evidence:
                console.print(f"  - {e.text} [bron: {'; '.join(e.sources)}]")
        console.print()


def _print_team_comparison(G: "nx.MultiDiGraph", comparison: "TeamComparison") -> None:
    _table(
        "Lokaal team per gemeente, volgens de bronnen",
        [
            ("gemeente", lambda g: G.graph["areas"][g.gemeente].label),
            ("lokaal team", lambda g: concept_label("Status", g.local_team)),
            ("wat de bronnen zeggen", lambda g: g.description),
            ("netwerk", lambda g: _labels(G, g.teams) or "nee"),
            ("bronnen", lambda g: g.sources),
        ],
        comparison.gemeenten,
    )
    print_table(
        "Soorten partners per gebied",
        ["gebied", "soorten partners"],
        [[area, types] for area, types in comparison.partner_types.items()],
    )
    print_table(
        "Gelijkenis (Jaccard)",
        ["gebied", "gebied", "gelijkenis"],
        [[a, b, f"{s:.2f}"] for (a, b), s in comparison.similarity.items()],
    )


def _print_team(G: "nx.MultiDiGraph", network: "TeamNetwork") -> None:
    _table(
        f"Netwerk van {network.label}",
        [
            ("kern", lambda n: n.kern),
            ("verbonden", lambda n: n.verbonden),
            ("buiten", lambda n: n.buiten),
        ],
        [network],
    )


def _cut_off(actors: tuple[str, ...]) -> str:
    shown = ", ".join(actors[:3])
    return f"{len(actors)}: {shown}, ..." if len(actors) > 3 else f"{len(actors)}: {shown}"


def _print_brokers(G: "nx.MultiDiGraph", report: "BrokerReport") -> None:
    _table(
        "Makelaars",
        [
            ("actor", lambda r: r.label),
            ("schaal", lambda r: r.scale),
            ("tussenliggendheid", lambda r: f"{r.betweenness:.3f}"),
            ("graad", lambda r: r.degree),
            ("beperking", lambda r: "" if r.constraint is None else f"{r.constraint:.2f}"),
            ("snijpunt: valt weg", lambda r: _cut_off(r.cut_off) if r.articulation_point else ""),
            (
                "rollen (Gould-Fernandez)",
                lambda r: tuple(f"{k} {v}" for k, v in r.roles.items() if v),
            ),
        ],
        report.rows,
    )
    console.print("Bruggen: " + "; ".join(f"{a} – {b}" for a, b in report.bridges))
    if report.sampled:
        console.print(
            f"Tussenliggendheid is geschat uit een steekproef van {report.samples} van de "
            f"{report.actors} actoren (seed {report.seed}): een benadering, geen exacte waarde."
        )


def _print_matrix(matrix: "MandateMatrix", gemeente: str | None) -> None:
    _table(
        "Bevoegdhedenmatrix" + (f" voor {gemeente}" if gemeente else ""),
        [
            ("actor", lambda r: r.label),
            ("bevoegdheid", lambda r: r.power_label),
            ("grondslag", lambda r: r.legal_basis_label),
            ("gebied", lambda r: r.area_labels or "waar de actor werkt"),
            ("domein", lambda r: r.domain_labels),
            ("opent gecontracteerde zorg", lambda r: "ja" if r.opens_contracted_care else "nee"),
            ("bronnen", lambda r: r.sources),
        ],
        matrix.rows,
    )


def _said(rung: "Rung") -> dict[str, list[str]]:
    """What the sources say about a rung, each text with its sources; the arrangements'
    texts are left out, printed once with the arrangement."""
    said: dict[str, list[str]] = {}
    for b in rung.basis:
        if b.kind != "inrichting":
            said.setdefault(b.text, []).extend(b.sources)
    return said


def _print_ladder(G: "nx.MultiDiGraph", result: "EscalationLadder") -> None:
    """The escalation ladder as Dutch tables: the rungs, why each is on the ladder, and
    what the arrangements for the gemeente say."""
    if result.rungs:
        _table(
            f"Escalatieladder {result.label} (laag naar hoog)",
            [
                ("trede", lambda r: str(r.level)),
                (
                    "actor",
                    lambda r: (
                        r.label
                        + (
                            f" (onderdeel van {', '.join(r.part_of_labels)})"
                            if r.part_of_labels
                            else ""
                        )
                    ),
                ),
                ("schaal", lambda r: r.scale_label),
                ("status", lambda r: r.status_label),
                (
                    "bevoegdheid (grondslag)",
                    lambda r: (
                        tuple(
                            f"{m.power_label} ({', '.join(m.legal_basis_labels)})"
                            for m in r.mandates
                        )
                        or "geen bevoegdheid vastgelegd"
                    ),
                ),
                ("wie schaalt op", lambda r: r.escalated_from_labels),
                ("op de ladder door", lambda r: tuple(dict.fromkeys(b.label for b in r.basis))),
            ],
            result.rungs,
        )
        rows = []
        for r in result.rungs:
            said = _said(r)
            if said:
                sources = tuple(dict.fromkeys(s for texts in said.values() for s in texts))
                rows.append([r.label, "\n".join(said), sources])
        print_table("Wat de bronnen zeggen over elke trede", ["actor", "tekst", "bronnen"], rows)
    if result.arrangement_notes:
        console.print(f"Wat de inrichting voor {result.label} zegt over escalatie:")
        for n in result.arrangement_notes:
            year = f", {n.as_of}" if n.as_of else ""
            console.print(
                f"- {', '.join(n.area_labels)} ({n.status_label}{year}): {n.description} "
                f"[bron: {'; '.join(n.sources)}]"
            )
    for line in result.missing:
        console.print(line)
    if result.explanation:
        console.print(result.explanation)


# The columns of a new and of an ended record in the diff, apart from the last two.
_RECORD: list[Column["Change"]] = [
    ("soort", lambda c: c.record.kind_label),
    ("naam", lambda c: c.record.label),
    ("id", lambda c: c.record.id),
    ("peiljaar", lambda c: c.record.as_of),
]


def _print_diff(result: "Diff", year_from: int, year_to: int) -> None:
    """The diff as Dutch tables: new, changed (both states), unknown and ended records."""
    if not result.changes:
        console.print(f"Geen verschil: de data beschrijft niets uit {year_from + 1}-{year_to}.")
        return
    span = f"{year_from} → {year_to}"
    new = [c for c in result.changes if c.change == "nieuw"]
    if new:
        _table(
            f"Nieuw {span} ({len(new)})",
            [
                *_RECORD,
                ("toestand", lambda c: c.record.status_label),
                ("bronnen", lambda c: c.record.sources),
            ],
            new,
        )
    for change, title in (
        ("gewijzigd", "Gewijzigd"),
        ("onbekend", "Niet te zeggen of het veranderde (de bronnen zwijgen over een van beide)"),
    ):
        linked = [c for c in result.changes if c.change == change]
        if linked:
            _print_linked(f"{title} {span} ({len(linked)})", linked)
    ended = [c for c in result.changes if c.change == "beeindigd"]
    if ended:
        _table(
            f"Beëindigd {span} ({len(ended)})",
            [
                *_RECORD,
                ("toelichting", lambda c: c.record.description),
                ("bronnen", lambda c: c.record.sources),
            ],
            ended,
        )


def _print_linked(title: str, linked: "list[Change]") -> None:
    """Changes with both states, the earlier above the later, and how they are linked."""
    rows = []
    for c in linked:
        for when, state in (("eerder", c.before), ("later", c.record)):
            rows.append(
                [
                    when,
                    state.label,
                    state.as_of,
                    state.status_label,
                    state.description,
                    state.sources,
                ]
            )
        rows.append(["", f"gekoppeld: {c.link}", "", "", "", ""])
    print_table(title, ["", "naam", "peiljaar", "toestand", "toelichting", "bronnen"], rows)
