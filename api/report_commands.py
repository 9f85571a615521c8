"""The report "de foto" as a document: HTML and an A4 PDF, and ``zorgnet rapport``.

:func:`report_document` renders a :class:`~zorgnet.graph.analyses.report.Report` as one
HTML document of its own (``report_print.html``, its style inline), each chapter with
the map of its gemeente as an SVG picture drawn in Python (:mod:`zorgnet.viz.svg`), so
that no browser is needed. :func:`report_pdf` makes that document into a PDF with
WeasyPrint. WeasyPrint fetches nothing but the package's own files
(:func:`_package_fetcher`): the font in ``static/fonts``; any other address is refused, so
rendering never touches the network. The web pages (:mod:`zorgnet.api.routers.page_report`)
and the command use the same functions.

WeasyPrint and its system libraries (Pango) are imported when a PDF is made, so that
``zorgnet --help`` and the web app start without them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zorgnet.api.cli_common import (
    StoreOption,
    console,
    fail,
    open_cli_store,
    print_report,
    projection,
)

if TYPE_CHECKING:
    import networkx as nx
    from jinja2 import Environment
    from rdflib import Graph

    from zorgnet.graph.analyses.report import Report

__all__ = [
    "build_report",
    "cited",
    "data_version",
    "long_date",
    "register",
    "report_context",
    "report_document",
    "report_pdf",
    "scenario_changes",
]

_API = Path(__file__).parent
STATIC = _API / "static"
_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def long_date(day: datetime.date) -> str:
    """*day* the Dutch way, for the cover.

    Examples
    --------
    >>> long_date(datetime.date(2026, 12, 2))
    '2 december 2026'
    """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def build_report(
    G: nx.MultiDiGraph,
    graph: Graph,
    gemeente: str | None = None,
    *,
    data_version: str = "",
    scenario: str = "",
    made_on: datetime.date | None = None,
) -> Report:
    """The regional report, or the report of *gemeente* (an id or a name).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph, example_projection
    >>> build_report(example_projection(), example_graph(), "Huizen").title
    'De foto van Huizen'
    """
    from zorgnet.graph.analyses.names import area_name
    from zorgnet.graph.analyses.report import gemeente_report, regional_report

    options: dict[str, Any] = {
        "data_version": data_version,
        "scenario": scenario,
        "made_on": made_on,
    }
    if gemeente:
        return gemeente_report(G, graph, area_name(G, gemeente) or gemeente, **options)
    return regional_report(G, graph, **options)


def _maps(G: nx.MultiDiGraph, report: Report, *, as_images: bool = False) -> dict[str, Any]:
    """The SVG picture of each chapter's gemeente, marked safe (map_svg escapes it):
    inline for a page, as ``<img>`` elements for the PDF (:func:`~zorgnet.viz.svg.map_image`)."""
    from markupsafe import Markup

    from zorgnet.viz.maps import gemeente_map
    from zorgnet.viz.svg import map_image, map_svg

    draw = map_image if as_images else map_svg
    return {c.gemeente: Markup(draw(gemeente_map(G, c.gemeente))) for c in report.chapters}


def _plain(G: nx.MultiDiGraph) -> Callable[[str | None], str]:
    from zorgnet.graph.analyses.texts import text_parts

    def plain(text: str | None) -> str:
        """A text from the data with each record id it names as the record's label."""
        return "".join(part.text for part in text_parts(G, text)) if text else ""

    return plain


def cited(sources: Iterable[str]) -> list[tuple[str, str]]:
    """Each document and section that *sources* cite, once, in their order, with the
    full citations of it: ``[003 §4]`` in the report, the lines in its title.

    Examples
    --------
    >>> cited(["003 §4, afspraak 2", "003 §4, afspraak 5", "002 §3.3"])
    [('003 §4', '003 §4, afspraak 2; 003 §4, afspraak 5'), ('002 §3.3', '002 §3.3')]
    """
    from zorgnet.loaders.sources import parse_citation

    found: dict[str, list[str]] = {}
    for source in sources:
        parsed = parse_citation(source)
        key = f"{parsed.seed} §{parsed.section}" if parsed else source
        found.setdefault(key, [])
        if source not in found[key]:
            found[key].append(source)
    return [(key, "; ".join(full)) for key, full in found.items()]


def report_context(
    G: nx.MultiDiGraph,
    report: Report,
    changes: tuple[str, ...] = (),
    *,
    map_images: bool = False,
) -> dict[str, Any]:
    """What ``_report_body.html`` needs beside the report: the maps (as images with
    *map_images*, for the PDF), the helpers and, for a scenario's report, what the
    scenario changes (:func:`scenario_changes`)."""
    from zorgnet.graph.analyses.fact_overviews import value_with_unit
    from zorgnet.graph.analyses.gaps import STATE_MEANINGS

    return {
        "report": report,
        "maps": _maps(G, report, as_images=map_images),
        "plain": _plain(G),
        "figure_value": value_with_unit,
        "long_date": long_date,
        "cited": cited,
        "states": list(STATE_MEANINGS.values()),
        "changes": changes,
    }


@cache
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader

    return Environment(loader=FileSystemLoader(_API / "templates"), autoescape=True)


def report_document(
    G: nx.MultiDiGraph,
    report: Report,
    changes: tuple[str, ...] = (),
    *,
    map_images: bool = False,
) -> str:
    """*report* as one HTML document of its own, for paper or to save as a file; the
    maps inline, or as images with *map_images* (quicker for WeasyPrint).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph, example_projection
    >>> G = example_projection()
    >>> html = report_document(G, build_report(G, example_graph(), "huizen"))
    >>> '<h1 class="utrecht-heading-1" id="rapport-titel">De foto van Huizen</h1>' in html
    True
    """
    css = (STATIC / "report.css").read_text(encoding="utf-8")
    template = _environment().get_template("report_print.html")
    return template.render(css=css, **report_context(G, report, changes, map_images=map_images))


def _package_fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class _PackageFiles(URLFetcher):  # type: ignore[misc]
        """Fetches the package's static files and ``data:`` addresses, and refuses
        every other address."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                # The maps (map_image): read from the address itself, no network.
                return super().fetch(url, headers)
            path = _static_path(url)
            if path is None:
                raise ValueError(f"Geweigerd: het rapport haalt niets op buiten zorgnet ({url}).")
            return URLFetcherResponse(url, path.read_bytes())

    return _PackageFiles(allowed_protocols=("file", "data"))


def _static_path(url: str) -> Path | None:
    """The file of the package's static folder that *url* names, or None.

    Examples
    --------
    >>> _static_path((STATIC / "report.css").as_uri()) == STATIC / "report.css"
    True
    >>> _static_path("https://example.org/font.woff2") is None
    True
    >>> _static_path((STATIC / ".." / "app.py").resolve().as_uri()) is None
    True
    """
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    root = STATIC.resolve()
    if not path.is_file() or not path.is_relative_to(root):
        return None
    return path


def report_pdf(G: nx.MultiDiGraph, report: Report, changes: tuple[str, ...] = ()) -> bytes:
    """*report* as an A4 PDF, made by WeasyPrint from :func:`report_document`.

    The PDF is tagged (PDF/UA-1), so that a screen reader reads its structure; the maps
    are images with their text alternative. Nothing is fetched but the package's static
    files and the maps' ``data:`` addresses; the base address of the document is the
    static folder, so that a relative address there would be found.

    Raises
    ------
    ZorgnetError
        When WeasyPrint or its system libraries (Pango) are not installed, in Dutch
        with how to install them.
    """
    from zorgnet.ontology.exceptions import ZorgnetError

    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise ZorgnetError(
            "Een PDF maken kan hier niet: WeasyPrint of de systeembibliotheek Pango "
            f"ontbreekt ({exc}). Installeer zorgnet opnieuw (pip install zorgnet) en, als "
            "root, de pakketten uit .ci/install-system-packages; of schrijf het rapport "
            "als HTML (-o rapport.html)."
        ) from exc
    document = HTML(
        string=report_document(G, report, changes, map_images=True),
        base_url=STATIC.as_uri() + "/",
        url_fetcher=_package_fetcher(),
    )
    # PDF/UA: a tagged PDF, its headings, lists and tables readable by a screen reader,
    # as a government document must be; it costs a few per cent of the time.
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


def data_version(store: Any) -> str:
    """The store's version, for the cover: "opslagversie ..." ("" for none)."""
    version = str(store.version or "")
    return f"opslagversie {version.rsplit(':', 1)[-1]}" if version else ""


def register(app: typer.Typer) -> None:
    """Add ``zorgnet rapport`` to *app*."""

    @app.command("rapport")
    def rapport(
        output: Annotated[
            Path,
            typer.Option(
                "-o",
                "--output",
                help="Het bestand: .pdf voor een A4-PDF, .html voor één HTML-bestand.",
            ),
        ] = Path("rapport.pdf"),
        gemeente: Annotated[
            str | None,
            typer.Option(
                "--gemeente",
                "-g",
                help="Het rapport van deze gemeente (id of naam); zonder: de hele regio.",
            ),
        ] = None,
        scenario: Annotated[
            Path | None,
            typer.Option(
                "--scenario",
                help="Een scenario-bestand (zorgnet wat-als --opslaan): het rapport van de "
                "data zoals die in dat scenario zou zijn. Er wordt niets opgeslagen.",
            ),
        ] = None,
        store: StoreOption = None,
    ) -> None:
        """Maak het rapport "de foto": de regio of een gemeente op A4, met de bronnen.

        Kaart, lokale inrichting, VNG-basisfuncties en proposities, hiaten, opschaling,
        bekende kwesties, cijfers en een bronnenlijst. Met --scenario: het rapport zoals
        het in een "wat als" zou zijn. Voorbeeld:
        zorgnet rapport --gemeente huizen -o huizen.pdf
        """
        from zorgnet.ontology.exceptions import LoadError, ZorgnetError

        suffix = output.suffix.lower()
        if suffix not in (".pdf", ".html", ".htm"):
            raise fail(
                ZorgnetError(
                    f"{output}: kies een bestand dat eindigt op .pdf (A4-PDF) of .html "
                    "(één HTML-bestand)."
                )
            )
        try:
            with open_cli_store(store, read_only=True) as opened:
                G, name, changes = _projection(opened, scenario)
                report = build_report(
                    G,
                    opened.graph(),
                    gemeente,
                    data_version=data_version(opened),
                    scenario=name,
                )
                if suffix == ".pdf":
                    output.write_bytes(report_pdf(G, report, changes))
                else:
                    output.write_text(report_document(G, report, changes), encoding="utf-8")
        except LoadError as exc:
            # A wrong scenario or met file: the data has errors (exit 1), as in wat-als.
            print_report(exc.report)  # type: ignore[arg-type]
            raise typer.Exit(1) from exc
        except ZorgnetError as exc:
            raise fail(exc) from exc
        except OSError as exc:
            raise fail(ZorgnetError(f"{output}: kan het bestand niet schrijven ({exc}).")) from exc
        console.print(f"{report.title}: geschreven naar {output}")


def _projection(opened: Any, scenario: Path | None) -> tuple[nx.MultiDiGraph, str, tuple[str, ...]]:
    """The store's projection, or a copy as the scenario file *scenario* makes it, with
    the scenario's name and what it changes in Dutch (both empty without one); nothing
    is stored."""
    if scenario is None:
        return projection(opened), "", ()
    from zorgnet.api.cli_common import projections
    from zorgnet.core.scenarios import read_scenario, scenario_projection

    chosen = read_scenario(scenario)
    changed = scenario_projection(opened, chosen, projections())
    return changed, chosen.name or scenario.stem, scenario_changes(projection(opened), chosen)


def scenario_changes(G: nx.MultiDiGraph, scenario: Any) -> tuple[str, ...]:
    """What *scenario* changes, one Dutch line each, by the labels in *G* (the data as it
    is), for the report's cover.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> from zorgnet.graph.analyses.scenarios import Scenario
    >>> scenario_changes(example_projection(), Scenario(without_actors=("poh-jeugd",)))
    ('zonder poh jeugd',)
    """
    from zorgnet.ontology.vocabulary import concept_label

    mandates = {m.id: m for m in G.graph["mandates"]}
    lines = [f"zonder {G.nodes[a]['label'] if a in G else a}" for a in scenario.without_actors]
    for mandate in scenario.without_mandates:
        found = mandates.get(mandate)
        holder = found and (G.nodes[found.holder]["label"] if found.holder in G else found.holder)
        what = f"{holder}: {concept_label('Power', found.power)}" if found else mandate
        lines.append(f"zonder de bevoegdheid {what}")
    lines += [f"met de registraties uit {Path(f).name}" for f in scenario.with_records]
    return tuple(lines)
