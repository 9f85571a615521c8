"""CLI commands for the analyses (route, gaps, overlaps, team, brokers, mandates, diff).

Each command opens the store, takes the cached projection and calls one analysis
function; it prints a Dutch table, or the result as JSON with ``--json``. The store, the
projection (networkx) and the analyses are imported when a command runs, so that
``zorgnet --help`` starts fast.
"""

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zorgnet.api.cli_common import (
    JsonOption,
    StoreOption,
    console,
    print_table,
    read_store,
    say,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["register"]

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


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in ("actors", "voorveld", "gate_open", "legal_referrer", "types"):
            if hasattr(type(value), name) and isinstance(getattr(type(value), name), property):
                out[name] = _plain(getattr(value, name))
        return out
    if isinstance(value, dict):
        return {
            "|".join(k) if isinstance(k, tuple) else str(k): _plain(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _run(store: Path | None, analysis: Callable[["nx.MultiDiGraph"], Any]) -> Any:
    from zorgnet.graph.projection_cache import projection_for

    return read_store(store, lambda opened: analysis(projection_for(opened)))


def _emit_json(result: Any) -> None:
    print(json.dumps(_plain(result), ensure_ascii=False, indent=2))


def concept_label(concept_class: str, notation: str | None) -> str:
    """The Dutch label of a vocabulary value; imported when asked (rdflib loads slowly)."""
    from zorgnet.ontology.vocabulary import concept_label as label

    return label(concept_class, notation)


def _labels(G: "nx.MultiDiGraph", actors: tuple[str, ...] | list[str]) -> list[str]:
    return [G.nodes[a]["label"] if a in G else a for a in actors]


def _step_kind(kind: str | None, practice: bool) -> str:
    if kind is None:
        return "ingang"
    text = {"meldt-zich": "gaat er zelf heen", "namens": "beslist namens"}.get(
        kind, concept_label("RelationKind", kind)
    )
    return f"{text} (praktijk)" if practice else text


def _evidence(G: "nx.MultiDiGraph", cells: list[Any], state: str) -> list[str]:
    """The records behind a gemeente's state for one help kind, by name."""
    if state == "tekort":
        shortages = {s.id: s.label for s in G.graph["shortages"]}
        return sorted({shortages.get(i, i) for c in cells for i in c.shortages})
    field = {"aanwezig": "providers", "alleen-pilot": "pilots", "afwezig": "absences"}
    if state in field:
        return sorted({n for c in cells for n in _labels(G, getattr(c, field[state]))})
    unconfirmed = sorted({n for c in cells for n in _labels(G, c.unconfirmed)})
    return [f"misschien: {', '.join(unconfirmed)}"] if unconfirmed else ["de bronnen zwijgen"]


def _cut_off(actors: tuple[str, ...]) -> str:
    shown = ", ".join(actors[:3])
    return f"{len(actors)}: {shown}, ..." if len(actors) > 3 else f"{len(actors)}: {shown}"


def register(app: typer.Typer) -> None:
    """Add the analysis commands to *app*."""

    @app.command()
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
            lambda G: (
                G,
                referral_routes(
                    G, source, help_kind, gemeente=gemeente, domain=domain, level=level, k=k
                ),
            ),
        )
        if as_json:
            _emit_json(result)
            return
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
            print_table(
                f"Route {number} (kosten {r.cost:g}; {gate})",
                ["stap", "actor", "hoe", "bevoegdheden", "bronnen"],
                [
                    [
                        str(i),
                        s.label,
                        _step_kind(s.kind, s.reported_practice),
                        tuple(concept_label("Power", m.power) for m in s.mandates),
                        s.sources,
                    ]
                    for i, s in enumerate(r.steps, start=1)
                ],
            )
            console.print(r.explanation)
        if result.explanation:
            console.print(result.explanation)

    @app.command()
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
        from zorgnet.graph.analyses.gaps import (
            coverage,
            dead_ends,
            framework_coverage,
            referrer_reach,
        )

        gemeenten = [gemeente] if gemeente else None
        G, *result = _run(
            store,
            lambda G: (
                G,
                coverage(G, gemeenten=gemeenten, help_kinds=[help_kind] if help_kind else None),
                dead_ends(G),
                referrer_reach(G, gemeente) if gemeente else None,
                framework_coverage(G, gemeenten=gemeenten),
            ),
        )
        if as_json:
            _emit_json(
                {
                    "dekking": result[0],
                    "doodlopend": result[1],
                    "buiten_bereik_verwijzers": result[2],
                    "vng_kaders": result[3],
                }
            )
            return
        if result[2] is not None and result[2].unreached:
            print_table(
                "Geïndiceerde hulp die geen wettelijk verwijzer bereikt",
                ["soort hulp", "aanbieders"],
                [
                    [concept_label("HelpKind", k), _labels(G, v)]
                    for k, v in result[2].unreached.items()
                ],
            )
        states = result[0].states()
        by_key: dict[tuple[str, str], list[Any]] = {}
        for cell in result[0].cells:
            by_key.setdefault((cell.gemeente, cell.help_kind), []).append(cell)
        print_table(
            "Hulp per gemeente: aanwezig, tekort, alleen pilot, afwezig of onbekend",
            ["gemeente", "soort hulp", "toestand", "wie of wat", "bronnen"],
            [
                [
                    G.graph["areas"][g].label,
                    concept_label("HelpKind", h),
                    state,
                    _evidence(G, by_key[(g, h)], state),
                    sorted({s for c in by_key[(g, h)] for s in c.sources}),
                ]
                for (g, h), state in states.items()
            ],
        )
        print_table(
            "VNG-basisfuncties en -proposities waarvoor de bronnen niemand noemen",
            ["gemeente", "begrip"],
            [
                [G.graph["areas"][c.gemeente].label, concept_label("FrameworkConcept", c.concept)]
                for c in result[3].undescribed()
            ],
        )
        ends = result[1]
        for title, actors in (
            ("Zorgactoren die geen route bereikt", ends.unreachable),
            ("Zorgactoren waar een verwijzing stopt", ends.dead_ends),
        ):
            console.print(f"{title}: {len(actors)}")
            for actor in actors:
                console.print(f"- {ends.reasons[actor]}")

    @app.command()
    def overlaps(store: StoreOption = None, as_json: JsonOption = False) -> None:
        """Toon bevoegdheden en hulp die in hetzelfde gebied bij meerdere actoren liggen,
        per soort overlap: echte overlap eerst, daarna wat zo bedoeld of geregeld is.

        Voorbeeld: zorgnet overlaps --json
        """
        from zorgnet.graph.analyses.overlaps import overlaps as find

        result = _run(store, find)
        if as_json:
            _emit_json(result)
            return
        if not result.overlaps:
            console.print("Geen overlap: elke bevoegdheid en hulp ligt per gebied bij één actor.")
            return
        for kind in result.kinds:
            found = result.of_kind(kind.kind)
            if not found:
                continue
            print_table(
                f"Overlap: {kind.label} ({kind.count})",
                ["wat", "naam", "gebied", "domein", "actoren"],
                [
                    [o.what_label, o.name_label, o.area_label, o.domain_labels, o.actor_labels]
                    for o in found
                ],
            )
            for o in found:
                console.print(f"{o.name_label} in {o.area_label}: {o.explanation}")
                for e in o.evidence:
                    console.print(f"  - {e.text} [bron: {'; '.join(e.sources)}]")
            console.print()

    @app.command()
    def team(
        name: TeamArgument = None,
        store: StoreOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Toon het netwerk van een lokaal team (kern, verbonden, buiten) of vergelijk gemeenten.

        Voorbeeld: zorgnet team buurtteams-hilversum
        """
        from zorgnet.graph.analyses.membership import compare_teams, team_network

        if name is None:
            G, comparison = _run(store, lambda G: (G, compare_teams(G)))
            if as_json:
                _emit_json(comparison)
                return
            print_table(
                "Lokaal team per gemeente, volgens de bronnen",
                ["gemeente", "lokaal team", "wat de bronnen zeggen", "netwerk", "bronnen"],
                [
                    [
                        G.graph["areas"][g.gemeente].label,
                        concept_label("Status", g.local_team),
                        g.description,
                        _labels(G, g.teams) or "nee",
                        g.sources,
                    ]
                    for g in comparison.gemeenten
                ],
            )
            print_table(
                "Soorten partners per gebied",
                ["gebied", "soorten partners"],
                [[a, t] for a, t in comparison.partner_types.items()],
            )
            print_table(
                "Gelijkenis (Jaccard)",
                ["gebied", "gebied", "gelijkenis"],
                [[a, b, f"{s:.2f}"] for (a, b), s in comparison.similarity.items()],
            )
            return
        net = _run(store, lambda G: team_network(G, name))
        if as_json:
            _emit_json(net)
            return
        print_table(
            f"Netwerk van {net.label}",
            ["kern", "verbonden", "buiten"],
            [[net.kern, net.verbonden, net.buiten]],
        )

    @app.command()
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

        report = _run(store, lambda G: find(G, top=top, region=regio))
        if as_json:
            _emit_json(report)
            return
        print_table(
            "Makelaars",
            [
                "actor",
                "schaal",
                "tussenliggendheid",
                "graad",
                "beperking",
                "snijpunt: valt weg",
                "rollen (Gould-Fernandez)",
            ],
            [
                [
                    r.label,
                    r.scale,
                    f"{r.betweenness:.3f}",
                    r.degree,
                    "" if r.constraint is None else f"{r.constraint:.2f}",
                    _cut_off(r.cut_off) if r.articulation_point else "",
                    tuple(f"{k} {v}" for k, v in r.roles.items() if v),
                ]
                for r in report.rows
            ],
        )
        console.print("Bruggen: " + "; ".join(f"{a} – {b}" for a, b in report.bridges))
        if report.sampled:
            console.print(
                f"Tussenliggendheid is geschat uit een steekproef van {report.samples} van de "
                f"{report.actors} actoren (seed {report.seed}): een benadering, geen exacte waarde."
            )

    @app.command()
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

        if ladder:
            if gemeente is None:
                say("geef --gemeente bij --escalatie")
                raise typer.Exit(2)
            result = _run(store, lambda G: escalation_ladder(G, gemeente))
            if as_json:
                _emit_json(result)
                return
            _print_ladder(result)
            return
        matrix = _run(store, lambda G: mandate_matrix(G, gemeente=gemeente))
        if as_json:
            _emit_json(matrix)
            return
        print_table(
            "Bevoegdhedenmatrix" + (f" voor {gemeente}" if gemeente else ""),
            [
                "actor",
                "bevoegdheid",
                "grondslag",
                "gebied",
                "domein",
                "opent gecontracteerde zorg",
                "bronnen",
            ],
            [
                [
                    r.label,
                    r.power_label,
                    r.legal_basis_label,
                    r.area_labels or "waar de actor werkt",
                    r.domain_labels,
                    "ja" if r.opens_contracted_care else "nee",
                    r.sources,
                ]
                for r in matrix.rows
            ],
        )

    @app.command()
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

        result = _run(store, lambda G: compare(G, year_from, year_to))
        if as_json:
            _emit_json(result)
            return
        _print_diff(result, year_from, year_to)


def _print_ladder(result: Any) -> None:
    """The escalation ladder as Dutch tables: the rungs, why each is on the ladder, and
    what the arrangements for the gemeente say."""
    if result.rungs:
        print_table(
            f"Escalatieladder {result.label} (laag naar hoog)",
            [
                "trede",
                "actor",
                "schaal",
                "status",
                "bevoegdheid (grondslag)",
                "wie schaalt op",
                "op de ladder door",
            ],
            [
                [
                    str(r.level),
                    r.label
                    + (
                        f" (onderdeel van {', '.join(r.part_of_labels)})"
                        if r.part_of_labels
                        else ""
                    ),
                    r.scale_label,
                    r.status_label,
                    tuple(
                        f"{m.power_label} ({', '.join(m.legal_basis_labels)})" for m in r.mandates
                    )
                    or "geen bevoegdheid vastgelegd",
                    r.escalated_from_labels,
                    tuple(dict.fromkeys(b.label for b in r.basis)),
                ]
                for r in result.rungs
            ],
        )
        rows = []
        for r in result.rungs:
            said: dict[str, list[str]] = {}
            for b in r.basis:
                if b.kind != "inrichting":  # printed once below, with the arrangement
                    said.setdefault(b.text, []).extend(b.sources)
            if said:
                rows.append(
                    [
                        r.label,
                        "\n".join(said),
                        tuple(dict.fromkeys(s for sources in said.values() for s in sources)),
                    ]
                )
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


def _print_diff(result: Any, year_from: int, year_to: int) -> None:
    """The diff as Dutch tables: new, changed (both states), unknown and ended records."""
    if not result.changes:
        console.print(f"Geen verschil: de data beschrijft niets uit {year_from + 1}-{year_to}.")
        return
    span = f"{year_from} → {year_to}"
    new = [c for c in result.changes if c.change == "nieuw"]
    if new:
        print_table(
            f"Nieuw {span} ({len(new)})",
            ["soort", "naam", "id", "peiljaar", "toestand", "bronnen"],
            [
                [
                    c.record.kind_label,
                    c.record.label,
                    c.record.id,
                    c.record.as_of,
                    c.record.status_label,
                    c.record.sources,
                ]
                for c in new
            ],
        )
    for change, title in (
        ("gewijzigd", "Gewijzigd"),
        ("onbekend", "Niet te zeggen of het veranderde (de bronnen zwijgen over een van beide)"),
    ):
        linked = [c for c in result.changes if c.change == change]
        if not linked:
            continue
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
        print_table(
            f"{title} {span} ({len(linked)})",
            ["", "naam", "peiljaar", "toestand", "toelichting", "bronnen"],
            rows,
        )
    ended = [c for c in result.changes if c.change == "beeindigd"]
    if ended:
        print_table(
            f"Beëindigd {span} ({len(ended)})",
            ["soort", "naam", "id", "peiljaar", "toelichting", "bronnen"],
            [
                [
                    c.record.kind_label,
                    c.record.label,
                    c.record.id,
                    c.record.as_of,
                    c.record.description,
                    c.record.sources,
                ]
                for c in ended
            ],
        )
