"""The report "de foto" in the web app: /rapport, /rapport/{gemeente} (and its PDF) and
/vergelijking show what the analyses say, cite only what their bibliography lists, and
answer an unknown gemeente with a Dutch page."""

import html
import re

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from zorgnet.graph.analyses.report import comparison
from zorgnet.graph.analyses.social_map import social_map

# The shared projection before the app starts (see test_page_issues.py).
pytestmark = pytest.mark.usefixtures("region")

_ROW = re.compile(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd] class=\"utrecht-table__cell[^\"]*\"[^>]*>(.*?)</t[hd]>", re.S)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _table(page: str, caption: str) -> list[list[str]]:
    """The body rows of the table with *caption*, each cell as plain text."""
    start = page.index(f">{caption}</caption>")
    table = page[start : page.index("</table>", start)]
    return [[_text(c) for c in _CELL.findall(row)] for row in _ROW.findall(table)[1:]]


@pytest.fixture(scope="module")
def huizen(client: TestClient) -> str:
    response = client.get("/rapport/huizen")
    assert response.status_code == 200
    return response.text


def test_the_report_of_huizen_shows_its_local_set_up_as_the_sociale_kaart_has_it(
    region: nx.MultiDiGraph, huizen: str
) -> None:
    assert '<h1 class="utrecht-heading-1" id="rapport-titel">De foto van Huizen</h1>' in huizen
    rows = _table(huizen, "Lokale inrichting van Huizen per onderdeel")
    arrangements = social_map(region, "huizen").arrangements
    assert len(rows) == len(arrangements) > 3
    for row, arrangement in zip(rows, arrangements, strict=True):
        assert row[0].casefold().startswith(arrangement.aspect_label.casefold())
        assert row[1] == arrangement.status_label


def test_the_report_of_huizen_has_its_map_as_a_picture_and_a_link_to_the_pdf(huizen: str) -> None:
    assert "<title>Sociale kaart van Huizen</title>" in huizen
    assert 'role="img"' in huizen and "<script" not in huizen.split("<main", 1)[1]
    assert 'href="/rapport/huizen.pdf"' in huizen


def test_every_citation_in_the_report_leads_to_its_entry_in_the_bibliography(huizen: str) -> None:
    cited = set(re.findall(r'<a href="#bron-(\d{3})"', huizen))
    listed = set(re.findall(r'<dt id="bron-(\d{3})">', huizen))
    assert cited and cited == listed


def test_a_gemeente_may_be_named_as_a_person_writes_it(client: TestClient) -> None:
    page = client.get("/rapport/Gooise Meren").text
    assert ">De foto van Gooise Meren</h1>" in page


def test_an_unknown_gemeente_gets_a_dutch_page_not_found(client: TestClient) -> None:
    for path in ("/rapport/nergenshuizen", "/rapport/nergenshuizen.pdf"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "Onbekende gemeente: &#39;nergenshuizen&#39;" in response.text


def test_the_regional_report_has_a_chapter_per_gemeente_after_the_comparison(
    client: TestClient, region: nx.MultiDiGraph
) -> None:
    page = client.get("/rapport").text
    labels = comparison(region).gemeente_labels
    assert len(labels) == 7
    chapters = re.findall(r'zn-report-chapter__title" id="gemeente-[^"]+">([^<]+)</h2>', page)
    assert chapters == list(labels)
    assert page.index('id="vergelijking"') < page.index('id="gemeente-')


def test_vergelijking_puts_the_gemeenten_side_by_side_with_onbekend_where_the_seeds_are_silent(
    client: TestClient, region: nx.MultiDiGraph
) -> None:
    page = client.get("/vergelijking").text
    expected = comparison(region)
    header = page[page.index(">Lokale inrichting per gemeente</caption>") :]
    header = header[: header.index("</thead>")]
    assert re.findall(r'scope="col">([^<]+)</th>', header)[1:] == list(expected.gemeente_labels)
    rows = _table(page, "VNG-basisfuncties en proposities per gemeente: wie vult ze in")
    assert [row[0].casefold() for row in rows] == [r.label.casefold() for r in expected.framework]
    for row, want in zip(rows, expected.framework, strict=True):
        for cell, wanted in zip(row[1:], want.cells, strict=True):
            assert cell.startswith(wanted.text)
    assert any(cell == "onbekend" for row in rows for cell in row[1:])
    # The cited documents are links to their pages, as everywhere in the web app.
    assert 'href="/bronnen/003"' in page


@pytest.mark.slow
def test_the_report_of_huizen_downloads_as_a_pdf(client: TestClient) -> None:
    response = client.get("/rapport/huizen.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="rapport-huizen.pdf"' in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF") and len(response.content) > 50_000
    # The same data makes the same document: by name, it is the one made before.
    again = client.get("/rapport/Huizen.pdf")
    assert again.content == response.content
    assert 'filename="rapport-huizen.pdf"' in again.headers["content-disposition"]


def test_the_regional_report_gives_a_gap_of_every_gemeente_once_for_the_region(
    client: TestClient, huizen: str
) -> None:
    page = client.get("/rapport").text
    shared = [
        row[0] for row in _table(page, "Hiaten in de hele regio: soort hulp, toestand en waarom")
    ]
    assert "Verblijf" in shared
    in_chapter = [
        row[0] for row in _table(page, "Hiaten in Huizen: soort hulp, toestand en waarom")
    ]
    assert "Verblijf" not in in_chapter and in_chapter
    # The report of Huizen alone names it in its own chapter.
    alone = [row[0] for row in _table(huizen, "Hiaten in Huizen: soort hulp, toestand en waarom")]
    assert "Verblijf" in alone
