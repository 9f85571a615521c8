"""CLI commands: ``zorgnet import`` (HSDS, Excel, JSON-LD) and ``zorgnet template``.

Exports are in ``zorgnet export`` (api/cli.py); this module reads other formats in,
with the same all-or-nothing rule as ``zorgnet load --add``, and the same ``--vervang``
for records whose id is already stored. The readers are those of :mod:`zorgnet.formats`,
imported when a command runs, so that ``zorgnet --help`` starts fast.
"""

from pathlib import Path
from typing import Annotated

import typer

from zorgnet.api.cli_common import StoreOption, commit, console, fail, open_cli_store, say

__all__ = ["register"]


def _import(
    path: Annotated[Path, typer.Argument(help="Het bestand (of de HSDS-map met CSV-bestanden).")],
    fmt: Annotated[str, typer.Option("--format", help="hsds, xlsx of jsonld")],
    store: StoreOption = None,
    vervang: Annotated[
        bool,
        typer.Option(
            "--vervang",
            help=(
                "Excel en JSON-LD: een registratie waarvan de id al in de opslag staat, "
                "vervangt de opgeslagen registratie in zijn geheel (zonder --vervang wordt "
                "zo'n registratie geweigerd). HSDS werkt een opgeslagen registratie altijd bij."
            ),
        ),
    ] = False,
    taal: Annotated[
        str | None,
        typer.Option(
            "--taal",
            help=(
                "Alleen HSDS: de taal van de teksten (nl). HSDS noemt die niet; zonder "
                "--taal worden omschrijvingen van andere bronnen dan zorgnet gemeld, niet "
                "opgeslagen."
            ),
        ),
    ] = None,
) -> None:
    """Voeg data uit HSDS, een ingevuld Excel-werkboek of JSON-LD toe aan de opslag.

    Alles of niets: eerst wordt alles gecontroleerd (ook tegen wat al in de opslag
    staat); alleen zonder fouten wordt de data in één keer vastgelegd. Een id die al in
    de opslag staat, is een fout, tenzij --vervang: dan vervangt de nieuwe registratie de
    opgeslagen registratie in zijn geheel. HSDS werkt een opgeslagen registratie bij:
    wat het HSDS-bestand geeft, vervangt de opgeslagen waarde, de rest blijft. Velden
    zonder plaats in zorgnet worden als waarschuwing gemeld.
    Voorbeeld: zorgnet import --format xlsx sociale-kaart.xlsx --vervang
    """
    from zorgnet.formats import IMPORT_FORMATS, read_import
    from zorgnet.ontology.exceptions import ZorgnetError

    if fmt not in IMPORT_FORMATS:
        say(f"onbekend formaat {fmt!r}; kies uit: {', '.join(IMPORT_FORMATS)}")
        raise typer.Exit(2)
    try:
        with open_cli_store(store) as target:
            # A view of the stored data, not kept in a local: see ``load``.
            dataset = read_import(path, fmt, target.graph(), language=taal)
            # HSDS is an upsert: a record already stored is completed and replaced.
            count = commit(target, dataset, add=True, replace=vervang or fmt == "hsds")
    except ZorgnetError as exc:
        raise fail(exc) from exc
    replaced = f", waarvan {len(dataset.existing)} vervangen" if dataset.existing else ""
    console.print(
        f"Geïmporteerd: {dataset.record_count} registraties uit {path}{replaced} "
        f"({len(dataset.report.warnings)} waarschuwingen); de opslag heeft nu {count} triples."
    )


def _template(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Het werkboek, bijvoorbeeld sociale-kaart.xlsx.")
    ] = Path("sociale-kaart.xlsx"),
    store: StoreOption = None,
) -> None:
    """Schrijf een leeg Excel-werkboek om de sociale kaart in te vullen.

    Eén tabblad per soort (actoren, routes, mandaten, lidmaatschappen, ...), keuzelijsten
    uit de vocabulaires, de bronnen om naar te verwijzen en een tabblad 'toelichting'.
    Laad het ingevulde werkboek met zorgnet import --format xlsx.
    Voorbeeld: zorgnet template -o sociale-kaart.xlsx
    """
    from zorgnet.api.settings import get_settings
    from zorgnet.formats.xlsx import workbook_bytes
    from zorgnet.loaders.dataset import read_dataset
    from zorgnet.ontology.exceptions import ZorgnetError

    try:
        with open_cli_store(store, read_only=True) as opened:
            sources = opened.snapshot()
    except ZorgnetError as exc:
        raise fail(exc) from exc
    if len(sources) == 0:
        # An empty store: offer the shipped source register so that citations can be chosen.
        sources = read_dataset(get_settings().data).graph
    output.write_bytes(workbook_bytes(sources, empty=True))
    console.print(f"Geschreven: {output}")


def register(app: typer.Typer) -> None:
    """Add the interop commands to *app*."""
    app.command("import")(_import)
    app.command("template")(_template)
