"""CLI commands for the analyses (route, gaps, overlaps, team, brokers, mandates, diff).

Each command opens the store, takes the cached projection and calls one analysis
function; it prints a Dutch table, or the result as JSON with ``--json``.
"""

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import networkx as nx
import typer

from zorgnet.api.cli_common import (
    JsonOption,
    StoreOption,
    console,
    print_table,
    read_store,
    say,
)
from zorgnet.graph.projection import projection_for

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


def _run(store: Path | None, analysis: Callable[[nx.MultiDiGraph], Any]) -> Any:
    return read_store(store, lambda opened: analysis(projection_for(opened)))


def _emit_json(result: Any) -> None:
    print(json.dumps(_plain(result), ensure_ascii=False, indent=2))


def concept_label(concept_class: str, notation: str | None) -> str:
    """The Dutch label of a vocabulary notation (the notation itself if unknown)."""
    from zorgnet.ontology.namespace import ZN
    from zorgnet.ontology.vocabulary import vocabulary

    if notation is None:
        return ""
    vocab = vocabulary()
    concept = vocab.concept(ZN[concept_class], notation)
    return vocab.label(concept) if concept is not None else notation


def _labels(G: nx.MultiDiGraph, actors: tuple[str, ...] | list[str]) -> list[str]:
    return [G.nodes[a]["label"] if a in G else a for a in actors]


def _step_kind(kind: str | None, practice: bool) -> str:
    if kind is None:
        return "ingang"
    text = {"meldt-zich": "gaat er zelf heen", "namens": "beslist namens"}.get(
        kind, concept_label("RelationKind", kind)
    )
    return f"{text} (praktijk)" if practice else text


def _evidence(G: nx.MultiDiGraph, cells: list[Any], state: str) -> list[str]:
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
        """Toon bevoegdheden en hulp die in hetzelfde gebied bij meerdere actoren liggen.

        Voorbeeld: zorgnet overlaps --json
        """
        from zorgnet.graph.analyses.overlaps import overlaps as find

        result = _run(store, find)
        if as_json:
            _emit_json(result)
            return
        print_table(
            "Overlap",
            ["wat", "naam", "gebied", "domein", "actoren", "bronnen"],
            [[o.what, o.name, o.area, o.domain, o.actors, o.sources] for o in result.overlaps],
        )

    @app.command()
    def team(
        name: TeamArgument = None,
        store: StoreOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Toon het netwerk van een lokaal team (kern, verbonden, buiten) of vergelijk gemeenten.

        Voorbeeld: zorgnet team hilversum-buurtteam-oost
        """
        from zorgnet.graph.analyses.membership import compare_teams, team_network

        if name is None:
            comparison = _run(store, compare_teams)
            if as_json:
                _emit_json(comparison)
                return
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
            print_table(
                f"Escalatieladder {gemeente}",
                ["trede", "actoren"],
                [[str(i), rung] for i, rung in enumerate(result.rungs, start=1)],
            )
            if result.explanation:
                console.print(result.explanation)
            return
        matrix = _run(store, lambda G: mandate_matrix(G, gemeente=gemeente))
        if as_json:
            _emit_json(matrix)
            return
        print_table(
            "Bevoegdhedenmatrix",
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
                    r.power,
                    r.legal_basis,
                    r.areas,
                    r.domains,
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
        """Toon wat er tussen twee peiljaren is bijgekomen of beëindigd.

        Voorbeeld: zorgnet diff 2021 2025
        """
        from zorgnet.graph.analyses.snapshots import diff as compare

        result = _run(store, lambda G: compare(G, year_from, year_to))
        if as_json:
            _emit_json(result)
            return
        print_table(
            f"Verschil {year_from} → {year_to}",
            ["wijziging", "soort", "id", "naam", "peiljaar"],
            [["nieuw", r.kind, r.id, r.label, r.as_of] for r in result.added]
            + [["beëindigd", r.kind, r.id, r.label, r.as_of] for r in result.removed],
        )
