"""CLI command ``zorgnet wat-als``: what changes if actors or mandates go, or records come.

The command builds a :class:`~zorgnet.graph.analyses.scenarios.Scenario` from its
options (and a scenario file given with ``--scenario``), asks
:func:`zorgnet.core.scenarios.scenario_result` and prints the answer as Dutch tables per
gemeente, or with ``--json`` as ``/api/scenario`` answers it. ``--opslaan`` saves the
scenario as a file that ``--scenario`` reads again. Nothing is stored: the scenario is
computed on a copy of the projection.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from zorgnet.api.cli_common import (
    JsonOption,
    StoreOption,
    console,
    errors,
    fail,
    print_report,
    print_table,
    projection,
    projections,
    read_store,
)

if TYPE_CHECKING:
    from zorgnet.graph.analyses.scenarios import GemeenteImpact, Scenario, ScenarioResult
    from zorgnet.graph.contract import TripleStore
    from zorgnet.ontology.exceptions import LoadError

__all__ = ["register", "wat_als"]


def _scenario(
    file: Path | None,
    name: str | None,
    without: list[str],
    without_mandates: list[str],
    with_records: list[Path],
) -> "Scenario":
    """The scenario of the file (if any) with the options added to it."""
    from dataclasses import replace

    from zorgnet.core.scenarios import read_scenario
    from zorgnet.graph.analyses.scenarios import Scenario

    scenario = read_scenario(file) if file is not None else Scenario()
    return replace(
        scenario,
        name=name if name is not None else scenario.name,
        without_actors=tuple(dict.fromkeys((*scenario.without_actors, *without))),
        without_mandates=tuple(dict.fromkeys((*scenario.without_mandates, *without_mandates))),
        with_records=tuple(
            dict.fromkeys((*scenario.with_records, *(str(p.resolve()) for p in with_records)))
        ),
    )


def wat_als(
    zonder: Annotated[
        list[str] | None,
        typer.Option("--zonder", help="Actor (id of naam) die wegvalt; herhaal voor meer actoren."),
    ] = None,
    zonder_bevoegdheid: Annotated[
        list[str] | None,
        typer.Option("--zonder-bevoegdheid", help="Id van een bevoegdheid die vervalt."),
    ] = None,
    met: Annotated[
        list[Path] | None,
        typer.Option(
            "--met", help="YAML-bestand met registraties die erbij komen (het dataformaat)."
        ),
    ] = None,
    naam: Annotated[str | None, typer.Option("--naam", help="Naam van het scenario.")] = None,
    scenario_file: Annotated[
        Path | None, typer.Option("--scenario", help="Lees het scenario uit dit bestand.")
    ] = None,
    opslaan: Annotated[
        Path | None, typer.Option("--opslaan", help="Bewaar het scenario in dit YAML-bestand.")
    ] = None,
    gemeente: Annotated[
        str | None, typer.Option("--gemeente", "-g", help="Toon alleen deze gemeente.")
    ] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Toon wat er verandert als actoren of bevoegdheden wegvallen, of registraties erbij
    komen: per gemeente en soort hulp de routes die verdwijnen, langer worden of een
    andere verwijzer krijgen, hulp die geen wettelijk verwijzer meer bereikt, afgesneden
    actoren, teamleden die vervallen en makelaars die winnen of verliezen, met bronnen.
    Er wordt niets opgeslagen.

    Voorbeeld: zorgnet wat-als --zonder gooise-meren-poh-jeugd --opslaan poh.yaml
    """
    from zorgnet.core.scenarios import scenario_result, write_scenario
    from zorgnet.ontology.exceptions import LoadError, ZorgnetError

    try:
        scenario = _scenario(scenario_file, naam, zonder or [], zonder_bevoegdheid or [], met or [])
    except LoadError as exc:
        _refused(exc)
    if scenario.empty:
        raise fail(
            ZorgnetError(
                "Het scenario verandert niets: geef --zonder, --zonder-bevoegdheid, --met "
                "of --scenario."
            )
        )

    def ask(opened: "TripleStore") -> "ScenarioResult":
        from dataclasses import replace

        from zorgnet.graph.analyses.names import actor_or_type_name

        # An actor may be named by its label too, as on the page ("Expertteam").
        G = projection(opened)
        named = tuple(actor_or_type_name(G, a) for a in scenario.without_actors)
        try:
            return scenario_result(opened, replace(scenario, without_actors=named), projections())
        except LoadError as exc:
            _refused(exc)

    result = read_store(store, ask)
    if opslaan is not None:
        write_scenario(scenario, opslaan)
        errors.print(f"Scenario bewaard in {opslaan}.")
    if as_json:
        import json

        from zorgnet.api.results import as_json as plain

        print(json.dumps(plain(result), ensure_ascii=False, indent=2))
    else:
        _print_result(result, gemeente)


def _refused(exc: "LoadError") -> NoReturn:
    """Print the report of a refused scenario or met file; exit 1 (the data has errors)."""
    print_report(exc.report)  # type: ignore[arg-type]
    errors.print("Het scenario is niet berekend: verbeter eerst de fouten hierboven.")
    raise typer.Exit(1)


def _cited(sources: tuple[str, ...]) -> str:
    return "; ".join(sources)


def _print_result(result: "ScenarioResult", gemeente: str | None) -> None:
    console.print(f"Wat als: {result.title}")
    removed = [*result.removed_actors, *result.removed_mandates, *result.added]
    print_table(
        "Wat het scenario verandert",
        ["registratie", "wat", "biedt volgens de bronnen", "bron"],
        [[r.label, r.kind, _offers(r.help_labels), _cited(r.sources)] for r in removed],
    )
    for label, count, places in result.route_totals:
        console.print(
            f"{count} {'route' if count == 1 else 'routes'}: {label} (in {places} gemeente(n))"
        )
    for help_label, places in result.unreached_help:
        console.print(
            f"Geen wettelijk verwijzer bereikt nog {help_label} in {', '.join(places)} "
            "(de hulp is er nog, de route met een verwijzer niet)."
        )
    if result.links:
        print_table(
            "Verbindingen die vervallen of erbij komen",
            ["van", "relatie", "naar", "verandering", "bron"],
            [
                [c.source_label, c.kind_label, c.target_label, c.change, _cited(c.sources)]
                for c in result.links
            ],
        )
    shown = [g for g in result.gemeenten if gemeente in (None, g.gemeente)]
    quiet = [g.label for g in shown if not g.changed]
    for impact in shown:
        if impact.changed:
            _print_gemeente(impact)
    if quiet:
        console.print("Geen gevolgen in: " + ", ".join(quiet) + ".")
    if not shown:
        console.print("Het scenario raakt geen gemeente" + (f" {gemeente}." if gemeente else "."))


def _offers(help_labels: tuple[str, ...] | None) -> str:
    if help_labels is None:
        return "-"
    return ", ".join(help_labels) or "onbekend (de bronnen noemen geen soort hulp)"


def _print_gemeente(g: "GemeenteImpact") -> None:
    console.rule(g.label)
    if g.routes:
        print_table(
            f"Routes in {g.label}",
            ["soort hulp", "begin bij", "verandering", "voor", "na", "bron"],
            [
                [c.help_label, c.start_label, c.change_label, c.before, c.after, _cited(c.sources)]
                for c in g.routes
            ],
        )
    if g.unreached:
        print_table(
            f"Hulp met verwijzing in {g.label}",
            ["soort hulp", "verandering", "aanbieders", "bron"],
            [
                [c.help_label, c.change_label, c.provider_labels, _cited(c.sources)]
                for c in g.unreached
            ],
        )
    if g.coverage:
        print_table(
            f"Dekking in {g.label}",
            ["soort hulp", "voor", "na", "bron"],
            [[c.help_label, c.before_label, c.after_label, _cited(c.sources)] for c in g.coverage],
        )
    if g.framework:
        print_table(
            f"VNG-basisfuncties en proposities in {g.label}",
            ["begrip", "vervalt", "komt erbij", "daarna nog", "bron"],
            [
                [c.concept_label, c.lost, c.gained, len(c.after) or "niemand", _cited(c.sources)]
                for c in g.framework
            ],
        )
    if g.cut_off:
        print_table(
            f"Afgesneden actoren in {g.label}",
            ["actor", "bron"],
            [[c.label, _cited(c.sources)] for c in g.cut_off],
        )
    if g.memberships:
        print_table(
            f"Teamnetwerken in {g.label}",
            ["team", "lid", "plaats", "verandering", "bron"],
            [
                [
                    c.team_label,
                    c.member_label,
                    c.status_label + (" (gepland)" if c.record_status == "gepland" else ""),
                    c.change,
                    _cited(c.sources),
                ]
                for c in g.memberships
            ],
        )
    if g.brokers:
        print_table(
            f"Makelaars in {g.label}",
            ["actor", "verandering", "tussenpositie voor", "na", "bron"],
            [
                [
                    c.label,
                    c.change,
                    f"{c.betweenness_before:.3f}".replace(".", ","),
                    f"{c.betweenness_after:.3f}".replace(".", ","),
                    _cited(c.sources),
                ]
                for c in g.brokers
            ],
        )


def register(app: typer.Typer) -> None:
    """Add ``zorgnet wat-als`` to *app*."""
    app.command("wat-als")(wat_als)
