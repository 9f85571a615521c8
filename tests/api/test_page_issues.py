"""The pages of known issues (/kwesties) and figures (/cijfers) against the data."""

import re

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from zorgnet.graph.analyses.fact_overviews import figure_overview
from zorgnet.graph.analyses.facts import area_facts

# The shared projection (conftest.region) before the app starts: rdflib's SPARQL modules
# do not import safely in two threads at once, and the app's warm-up thread imports them.
pytestmark = pytest.mark.usefixtures("region")

_ISSUE = re.compile(r'<article class="zn-card zn-issue" id="kwestie-([^"]+)"')
_FIGURE_ROW = re.compile(r'<tr class="utrecht-table__row" data-cijfer="([^"]+)">(.*?)</tr>', re.S)


def _issues(page: str) -> dict[str, str]:
    """Issue id → the HTML of its card."""
    return {
        m.group(1): page[m.start() : page.index("</article>", m.start())]
        for m in _ISSUE.finditer(page)
    }


def test_kwesties_shows_every_reading_of_every_issue_in_the_data(
    region: nx.MultiDiGraph, client: TestClient
) -> None:
    page = client.get("/kwesties").text
    cards = _issues(page)
    assert set(cards) == {i.id for i in region.graph["issues"]}
    assert len(_ISSUE.findall(page)) == len(region.graph["issues"])
    for issue in region.graph["issues"]:
        card = cards[issue.id]
        assert len(issue.readings) >= 2
        for number, reading in enumerate(issue.readings, start=1):
            assert f"<strong>Lezing {number}:</strong> {escape(reading)}</li>" in card
        assert str(escape(issue.description)) in card
        for source in issue.sources:
            assert f">{escape(source)}<" in card, (issue.id, source)
    assert f"{len(region.graph['issues'])} kwesties</h2>" in page


def test_an_issue_says_what_it_is_about_and_where_it_plays_by_name(client: TestClient) -> None:
    card = _issues(client.get("/kwesties").text)["kwestie-000-integrale-casusaanpak"]
    assert (
        'Gaat over: <a class="utrecht-link" href="/actoren/gooise-meren-integraal-team">'
        "integraal team voor inwoners met zeer complexe problematiek (Gooise Meren)</a>"
    ) in card
    assert "Speelt in: Gooise Meren." in card
    assert ">gooise-meren-" not in card


@pytest.mark.parametrize("gemeente", ["gooise-meren", "huizen", "wijdemeren"])
def test_kwesties_narrowed_to_a_gemeente_are_those_of_its_sociale_kaart(
    region: nx.MultiDiGraph, client: TestClient, gemeente: str
) -> None:
    page = client.get("/kwesties", params={"gemeente": gemeente}).text
    assert set(_issues(page)) == {i.id for i in area_facts(region, gemeente).issues}
    assert f'<option value="{gemeente}" selected>' in page


def test_cijfers_shows_every_figure_with_its_year_and_source(
    region: nx.MultiDiGraph, client: TestClient
) -> None:
    page = client.get("/cijfers").text
    rows = dict(_FIGURE_ROW.findall(page))
    assert set(rows) == {f.id for f in region.graph["figures"]}
    for figure in region.graph["figures"]:
        row = rows[figure.id]
        assert str(escape(figure.measure)) in row
        assert f">{figure.as_of or 'onbekend'}</td>" in row
        for source in figure.sources:
            assert f">{escape(source)}<" in row, (figure.id, source)


def test_cijfers_says_onbekend_for_a_gemeente_the_sources_are_silent_about(
    region: nx.MultiDiGraph, client: TestClient
) -> None:
    page = client.get("/cijfers").text
    silent = [g for g in figure_overview(region).groups if g.silent]
    assert {g.label for g in silent} >= {"Blaricum", "Wijdemeren"}
    for group in silent:
        assert f"Onbekend: de bronnen geven geen cijfers over {group.label} alleen." in page
        assert f'href="/cijfers?gemeente={group.area}"' in page


def test_cijfers_of_huizen_are_its_own_and_those_of_the_areas_around_it(
    region: nx.MultiDiGraph, client: TestClient
) -> None:
    page = client.get("/cijfers", params={"gemeente": "Huizen"}).text
    overview = figure_overview(region, gemeente="huizen")
    assert [figure for figure, _ in _FIGURE_ROW.findall(page)] == [
        f.id for g in overview.groups for f in g.figures
    ]
    headings = re.findall(r'<h2 class="utrecht-heading-2" id="kop-[^"]+">([^<]+)</h2>', page)
    assert headings == [g.label for g in overview.groups]
    assert headings[:2] == ["Huizen", "HBEL (Huizen, Blaricum, Eemnes, Laren)"]


def test_an_unknown_gemeente_is_a_dutch_error_and_the_whole_list_stays(
    region: nx.MultiDiGraph, client: TestClient
) -> None:
    for url in ("/kwesties", "/cijfers"):
        page = client.get(url, params={"gemeente": "huizn"})
        assert page.status_code == 422
        assert "Onbekend gebied: &#39;huizn&#39;" in page.text
        assert 'aria-invalid="true"' in page.text
    assert len(_ISSUE.findall(client.get("/kwesties?gemeente=huizn").text)) == len(
        region.graph["issues"]
    )


@pytest.mark.parametrize("url", ["/cijfers", "/gemeenten/gooise-meren"])
def test_a_figure_of_one_has_its_unit_in_the_singular(client: TestClient, url: str) -> None:
    page = client.get(url).text
    assert ">1 medewerker</td>" in page
    assert "1 medewerkers" not in page
