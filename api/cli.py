"""The ``zorgnet`` command: a thin shell over the library, with Dutch messages.

Exit codes follow pySHACL (see :mod:`zorgnet.api.cli_common`): 0 = in orde, 1 = de data
heeft fouten, 2 = zorgnet kon zijn werk niet doen.
"""

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zorgnet.api.cli_common import (
    JsonOption,
    StoreOption,
    commit,
    console,
    errors,
    fail,
    open_cli_store,
    plain,
    print_report,
    read_store,
    say,
)

# The commands here and in the command modules import their heavy modules (rdflib,
# networkx, the store, pydantic, rich tables, the loaders and analyses) when they run, so
# that ``zorgnet --help`` starts fast; tests/api/test_cli_start.py guards it.
if TYPE_CHECKING:
    from zorgnet.graph.summary import Summary
    from zorgnet.loaders.dataset import Dataset

__all__ = ["app"]

app = typer.Typer(
    help=(
        "zorgnet: de sociale kaart van jeugdhulp en ondersteuning in Gooi en Vechtstreek "
        "als kennisgraaf."
    ),
    no_args_is_help=True,
    add_completion=False,
)
DataOption = Annotated[
    Path | None,
    typer.Argument(
        help="Map met databestanden, of één bestand (standaard: de meegeleverde dataset)."
    ),
]


def _read(path: Path | None) -> "Dataset":
    from rich.progress import Progress

    from zorgnet.api.settings import get_settings
    from zorgnet.loaders.dataset import read_dataset

    target = path or get_settings().data
    with Progress(console=errors, transient=True) as progress:
        task = progress.add_task("Bestanden lezen", total=None)

        def advance(name: str, done: int, total: int) -> None:
            progress.update(task, total=total, completed=done, description=f"Lezen: {plain(name)}")

        return read_dataset(target, progress=advance)


def _print_summary(summary: "Summary") -> None:
    from rich.table import Table

    table = Table(title="Registraties", show_edge=False)
    table.add_column("soort")
    table.add_column("aantal", justify="right")
    for key, count in summary.records.items():
        table.add_row(key, str(count))
    table.add_row("triples", str(summary.triples))
    console.print(table)
    areas = Table(title="Actoren per gebied", show_edge=False)
    areas.add_column("gebied")
    areas.add_column("actoren", justify="right")
    for area, count in summary.actors_per_area.items():
        areas.add_row(area, str(count))
    console.print(areas)


@app.command()
def check(path: DataOption = None, as_json: JsonOption = False) -> None:
    """Controleer databestanden zonder iets op te slaan.

    Meldt elke fout met bestand, regel, veld en een hint, en de bekende kwesties in de
    bronnen als waarschuwing. Voorbeeld: zorgnet check data/gooi-en-vechtstreek
    """
    dataset = _read(path)
    if as_json:
        print(
            json.dumps([p.as_dict() for p in dataset.report.problems], ensure_ascii=False, indent=2)
        )
    else:
        print_report(dataset.report)
        state = "in orde" if dataset.report.ok else "NIET in orde"
        console.print(
            f"{dataset.record_count} registraties in {len(dataset.files)} bestanden: {state} "
            f"({len(dataset.report.errors)} fouten, {len(dataset.report.warnings)} waarschuwingen)."
        )
    raise typer.Exit(0 if dataset.report.ok else 1)


@app.command()
def load(
    path: DataOption = None,
    store: StoreOption = None,
    add: Annotated[
        bool, typer.Option("--add", help="Voeg toe aan de huidige data in plaats van te vervangen.")
    ] = False,
    vervang: Annotated[
        bool,
        typer.Option(
            "--vervang",
            help=(
                "Alleen met --add: een registratie waarvan de id al in de opslag staat, "
                "vervangt de opgeslagen registratie in zijn geheel (zonder --vervang wordt "
                "zo'n registratie geweigerd)."
            ),
        ),
    ] = False,
) -> None:
    """Laad databestanden in de opslag: alles of niets.

    Eerst wordt alles gecontroleerd; alleen als er geen fouten zijn, wordt de data in één
    keer vastgelegd. Met --add komt de data erbij; een id die al in de opslag staat, is
    dan een fout, tenzij --vervang: dan vervangt de nieuwe registratie de opgeslagen
    registratie in zijn geheel. Voorbeelden: zorgnet load data/gooi-en-vechtstreek;
    zorgnet load nieuw.yaml --add --vervang
    """
    from zorgnet.api.settings import get_settings
    from zorgnet.loaders.dataset import read_dataset
    from zorgnet.ontology.exceptions import ZorgnetError

    if vervang and not add:
        say(
            "--vervang hoort bij --add: zonder --add vervangt de data al alles wat in de "
            "opslag staat. Bedoelt u: zorgnet load PAD --add --vervang?"
        )
        raise typer.Exit(2)
    try:
        with open_cli_store(store) as target:
            # The stored data is read through a view, never named here: a view keeps the
            # database open, and a failed command's traceback would keep its locals.
            dataset = (
                read_dataset(path or get_settings().data, base=target.graph())
                if add
                else _read(path)
            )
            count = commit(target, dataset, add=add, replace=vervang)
            loaded = (
                f"Geladen: {dataset.record_count} registraties{_replaced(dataset)} "
                f"({count} triples) "
                f"uit {len(dataset.files)} bestanden in {target.location}."
            )
    except ZorgnetError as exc:
        raise fail(exc) from exc
    console.print(loaded)


def _replaced(dataset: "Dataset") -> str:
    """The words for the records a load replaced, if any."""
    return f", waarvan {len(dataset.existing)} vervangen," if dataset.existing else ""


@app.command()
def info(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Toon wat de opslag bevat: aantallen per soort en per gebied.

    Voorbeeld: zorgnet info --json
    """
    from zorgnet.graph.summary import summarize

    summary = read_store(store, lambda opened: summarize(opened.graph()))
    if as_json:
        print(json.dumps(summary.__dict__, ensure_ascii=False, indent=2))
    else:
        _print_summary(summary)


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="turtle, ntriples, jsonld, hsds, fhir, xlsx, graphml of gexf"
        ),
    ] = "turtle",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Bestand (standaard: scherm).")
    ] = None,
    store: StoreOption = None,
    gemeente: Annotated[
        str | None,
        typer.Option("--gemeente", help="Alleen het netwerk van dit gebied (graphml, gexf)."),
    ] = None,
    team: Annotated[
        str | None,
        typer.Option("--team", help="Alleen dit team en zijn netwerk (graphml, gexf)."),
    ] = None,
    with_schema: Annotated[
        bool,
        typer.Option(
            "--met-ontologie",
            help="Ook de ontologie en de SKOS-vocabulaires (turtle, ntriples, jsonld).",
        ),
    ] = False,
) -> None:
    """Exporteer de data in de opslag: Turtle, N-Triples, JSON-LD, HSDS, FHIR, Excel,
    GraphML of GEXF.

    Voorbeelden: zorgnet export --format jsonld -o sociale-kaart.jsonld;
    zorgnet export --format ntriples --met-ontologie -o zorgnet.nt;
    zorgnet export --format gexf --gemeente hilversum -o hilversum.gexf
    """
    from zorgnet.formats import EXPORT_FORMATS, export_bytes

    if fmt not in EXPORT_FORMATS:
        say(f"onbekend formaat {fmt!r}; kies uit: {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)
    if (gemeente or team) and fmt not in ("graphml", "gexf"):
        say("--gemeente en --team gelden alleen voor graphml en gexf")
        raise typer.Exit(2)
    if with_schema and fmt not in ("turtle", "ntriples", "jsonld"):
        say("--met-ontologie geldt alleen voor turtle, ntriples en jsonld")
        raise typer.Exit(2)
    if fmt == "xlsx" and output is None:
        say("een Excel-werkboek gaat naar een bestand: geef -o")
        raise typer.Exit(2)
    data = read_store(
        store,
        lambda opened: export_bytes(
            opened.graph(), fmt, gemeente=gemeente, team=team, schema=with_schema
        ),
    )
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        output.write_bytes(data)
        console.print(f"Geschreven: {output}")


@app.command()
def start(
    store: StoreOption = None,
    no_server: Annotated[
        bool, typer.Option("--zonder-server", help="Alleen laden en samenvatten, niet serveren.")
    ] = False,
) -> None:
    """Laad de meegeleverde dataset, controleer hem, toon wat erin staat en start de webapp.

    De webapp draait op http://127.0.0.1:8000/ (zie zorgnet serve). Voorbeeld: zorgnet start
    """
    from zorgnet.api.settings import Settings
    from zorgnet.core.loading import store_dataset
    from zorgnet.graph.summary import summarize
    from zorgnet.ontology.exceptions import ZorgnetError

    dataset = _read(None)
    print_report(dataset.report)
    if not dataset.report.ok:
        raise typer.Exit(1)
    try:
        with open_cli_store(store) as target:
            store_dataset(target, dataset)
            summary = summarize(target.graph())
    except ZorgnetError as exc:
        raise fail(exc) from exc
    console.print(
        f"De dataset Gooi en Vechtstreek is geladen in {target.location} "
        f"({dataset.record_count} registraties, {len(dataset.report.warnings)} bekende kwesties)."
    )
    _print_summary(summary)
    if not no_server:
        from zorgnet.api.serve_commands import serve_app

        try:
            settings = Settings.read(store=store)
        except ZorgnetError as exc:
            raise fail(exc) from exc
        serve_app(settings)


@app.command()
def bronnen(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Toon per brondocument en paragraaf hoeveel registraties ernaar verwijzen.

    Paragrafen waar niets naar verwijst staan apart, zodat zichtbaar is wat de data
    (nog) niet dekt. Voorbeeld: zorgnet bronnen --json
    """
    from rich.table import Table

    from zorgnet.graph.coverage import source_coverage

    coverage = read_store(store, lambda opened: source_coverage(opened.graph()))
    if as_json:
        rows = [s.__dict__ for s in coverage.sections]
        print(
            json.dumps(
                {"paragrafen": rows, "niet_geciteerd": [s.__dict__ for s in coverage.uncited]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    table = Table(title="Bronnen en hoe vaak ze geciteerd worden", show_edge=False)
    for column in ("document", "paragraaf", "titel", "registraties"):
        table.add_column(column, justify="right" if column == "registraties" else "left")
    for s in coverage.sections:
        table.add_row(s.document, s.section, s.title, str(s.records))
    console.print(table)
    if coverage.uncited:
        console.print(
            "Niet geciteerd: " + ", ".join(f"{s.document} §{s.section}" for s in coverage.uncited)
        )


def _register_commands() -> None:
    from zorgnet.api import (
        analysis_commands,
        interop_commands,
        map_commands,
        record_commands,
        report_commands,
        scale_commands,
        scenario_commands,
        serve_commands,
    )

    for module in (
        record_commands,
        analysis_commands,
        map_commands,
        serve_commands,
        interop_commands,
        scale_commands,
        report_commands,
        scenario_commands,
    ):
        module.register(app)


_register_commands()
