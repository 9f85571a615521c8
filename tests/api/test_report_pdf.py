"""The report "de foto" on paper: ``zorgnet rapport`` makes an A4 PDF that renders,
whose text holds the headings a programme manager expects and whose every citation is
in its bibliography; it fetches nothing from the network; a scenario report is titled
as one and leaves out what the scenario takes away."""

import contextlib
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.api.report_commands import _package_fetcher

runner = CliRunner()
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Path:
    target = tmp_path_factory.mktemp("rapport") / "store"
    shutil.copytree(loaded_store, target)
    return target


def _rapport(store: Path | str, output: Path, *options: str) -> Path:
    result = runner.invoke(app, ["rapport", "-o", str(output), "--store", str(store), *options])
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 10_000
    return output


@pytest.fixture(scope="module")
def regional_pdf(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _rapport(store, tmp_path_factory.mktemp("pdf") / "rapport.pdf")


@pytest.fixture(scope="module")
def regional_text(regional_pdf: Path) -> str:
    # In the order WeasyPrint drew it (cell by cell), not the columns of the page.
    done = subprocess.run(
        ["pdftotext", "-raw", str(regional_pdf), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_first_page_of_the_regional_report_renders_as_an_a4_picture(
    regional_pdf: Path, tmp_path: Path
) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            "1",
            "-l",
            "1",
            "-r",
            "40",
            "-png",
            str(regional_pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    (page,) = tmp_path.glob("p*.png")
    width, height = _png_size(page.read_bytes())
    assert abs(height / width - 297 / 210) < 0.01  # A4, portrait
    assert page.stat().st_size > 3_000  # a cover, not a blank page


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_the_regional_report_has_a_cover_reading_guide_comparison_chapters_and_sources(
    regional_text: str,
) -> None:
    text = _flat(regional_text)
    for heading in (
        "De foto van de regio",
        "Gemaakt op",
        "opslagversie",
        "Zo leest u dit rapport",
        "De gemeenten naast elkaar",
        "Lokale inrichting per gemeente",
        "VNG-basisfuncties en proposities per gemeente",
        "Kaart van het netwerk in Huizen",
        "Lokale inrichting van Wijdemeren",
        "VNG-basisfuncties en proposities in Gooise Meren",
        "Hiaten in Hilversum en hun redenen",
        "Opschaling: waar gaat een vastgelopen casus heen in Laren?",
        "Bekende kwesties",
        "Cijfers",
        "Bronnen",
    ):
        assert heading in text, heading
    # The seeds are silent about some cells: the report says so instead of guessing.
    assert "onbekend (regionaal: bestaand)" in text


def test_the_pdf_is_tagged_for_screen_readers_with_its_title_in_dutch(regional_pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(regional_pdf)], capture_output=True, check=True)
    text = info.stdout.decode("utf-8")
    assert re.search(r"^Tagged:\s+yes$", text, re.M)
    assert re.search(r"^Title:\s+De foto van de regio$", text, re.M)


def test_every_page_but_the_cover_has_its_number(regional_text: str) -> None:
    pages = regional_text.split("\f")[:-1]
    total = len(pages)
    assert total > 20
    assert "pagina 1 van" not in pages[0]
    assert f"pagina 2 van {total}" in pages[1] and f"pagina {total} van {total}" in pages[-1]


def test_every_source_the_report_cites_is_in_its_bibliography(regional_text: str) -> None:
    text = _flat(regional_text)
    body, _, bibliography = text.rpartition("De beleidsstukken die dit rapport aanhaalt")
    cited = set()
    for bracket in re.findall(r"\[(\d{3} §[^\]]+)\]", body):
        for citation in bracket.split("; "):
            document, _, section = citation.partition(" §")
            cited.add((document.strip(), section.strip()))
    assert len(cited) > 30 and ("003", "4") in cited
    entries = dict(re.findall(r"\[(\d{3})\] (.*?)(?= \[\d{3}\] |$)", bibliography))
    missing = [
        (document, section)
        for document, section in cited
        if not re.search(rf"§{re.escape(section)}[ ;.]", entries.get(document, ""))
    ]
    assert not missing, missing


def test_rendering_fetches_nothing_from_the_network(tmp_path: Path) -> None:
    from weasyprint import HTML

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    connections: list[object] = []
    outside = tmp_path / "geheim.css"
    outside.write_text("body { color: red }")
    page = (
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/stijl.css">'
        f'<link rel="stylesheet" href="{outside.as_uri()}">'
        f'<img src="http://127.0.0.1:{port}/logo.png" alt="">'
        "<p>Tekst</p>"
    )
    pdf = HTML(string=page, url_fetcher=_package_fetcher()).write_pdf()
    # A connection WeasyPrint made waits in the listener's backlog.
    with contextlib.suppress(TimeoutError):
        connections.append(listener.accept())
    listener.close()
    assert pdf.startswith(b"%PDF") and connections == []
    fetcher = _package_fetcher()
    with pytest.raises(ValueError, match="buiten zorgnet"):
        fetcher.fetch(outside.as_uri())


def test_a_scenario_report_says_it_is_one_and_leaves_out_what_the_scenario_takes_away(
    store: Path, tmp_path: Path
) -> None:
    scenario = tmp_path / "poh.yaml"
    scenario.write_text("naam: POH-jeugd Gooise Meren stopt\nzonder: [gooise-meren-poh-jeugd]\n")
    now = _rapport(store, tmp_path / "nu.html", "-g", "gooise-meren").read_text()
    then = _rapport(
        store, tmp_path / "scenario.html", "-g", "Gooise Meren", "--scenario", str(scenario)
    ).read_text()
    assert '<h1 class="utrecht-heading-1" id="rapport-titel">De foto van Gooise Meren</h1>' in now
    assert "Scenario &#39;POH-jeugd Gooise Meren stopt&#39;: de foto van Gooise Meren" in then
    assert "Dit is een scenario, niet de huidige situatie" in then
    assert (
        '<li class="utrecht-unordered-list__item">zonder POH-jeugd (pilot Gooise Meren)</li>'
        in then
    )
    pilot = "POH-jeugd (pilot Gooise Meren)"
    # Named on the cover as what the scenario takes away, nowhere after it.
    assert pilot in now and pilot not in then.split('id="leeswijzer"', 1)[1]


def test_a_wrong_scenario_file_is_refused_and_nothing_is_written(
    store: Path, tmp_path: Path
) -> None:
    scenario = tmp_path / "fout.yaml"
    scenario.write_text("zonder: [bestaat-niet]\n")
    output = tmp_path / "rapport.pdf"
    result = runner.invoke(
        app, ["rapport", "-o", str(output), "--store", str(store), "--scenario", str(scenario)]
    )
    assert result.exit_code in (1, 2) and "bestaat-niet" in result.output
    assert not output.exists()


def test_an_output_that_is_neither_pdf_nor_html_is_refused_in_dutch(
    store: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["rapport", "-o", str(tmp_path / "rapport.docx"), "--store", str(store)]
    )
    assert result.exit_code == 2
    assert "kies een bestand dat eindigt op .pdf" in " ".join(result.output.split())


def test_the_report_of_a_gemeente_is_the_same_on_either_store_backend(
    any_store: str, tmp_path: Path
) -> None:
    from zorgnet.api.settings import SHIPPED_DATASET

    loaded = runner.invoke(app, ["load", str(SHIPPED_DATASET), "--store", any_store])
    assert loaded.exit_code == 0, loaded.output
    page = _rapport(any_store, tmp_path / "huizen.html", "-g", "huizen").read_text()
    assert ">De foto van Huizen</h1>" in page
    # The bibliography comes from the store's register of source documents.
    assert '<dt id="bron-003">[003] Regionale samenwerkingsafspraken jeugdhulp' in page


def test_the_maps_are_read_from_their_data_address_and_nothing_else_is(tmp_path: Path) -> None:
    fetcher = _package_fetcher()
    # A map of the PDF (zorgnet.viz.svg.map_image) is its own address.
    picture = fetcher.fetch("data:image/svg+xml;base64,PHN2Zy8+")
    assert picture.read() == b"<svg/>" and picture.content_type == "image/svg+xml"
    for refused in ("https://example.org/kaart.svg", (tmp_path / "kaart.svg").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)
