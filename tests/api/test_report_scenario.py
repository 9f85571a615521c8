"""The report of a "wat als" scenario in the web app, linked from /wat-als; and the
reports there are: a gemeente's and the region's, no other area's."""

import re
import subprocess

import pytest
from fastapi.testclient import TestClient

# The shared projection before the app starts (see test_page_issues.py).
pytestmark = pytest.mark.usefixtures("region")

POH = "gooise-meren-poh-jeugd"
PILOT = "POH-jeugd (pilot Gooise Meren)"
QUERY = f"naam=POH+stopt&zonder={POH}"


def test_wat_als_linkt_naar_het_rapport_van_dit_scenario_als_pagina_en_als_pdf(
    client: TestClient,
) -> None:
    page = client.get("/wat-als", params={"naam": "POH stopt", "zonder": POH}).text
    assert "Rapport van dit scenario: de hele regio</a>" in page
    assert f'href="/rapport?naam=POH+stopt&amp;zonder={POH}"' in page
    assert f'href="/rapport.pdf?naam=POH+stopt&amp;zonder={POH}"' in page
    # The gemeente where something changes has a report of its own.
    assert f'href="/rapport/gooise-meren?naam=POH+stopt&amp;zonder={POH}"' in page
    assert f'href="/rapport/gooise-meren.pdf?naam=POH+stopt&amp;zonder={POH}"' in page


def test_het_rapport_van_een_scenario_zegt_wat_het_weghaalt_en_toont_dat_verder_niet(
    client: TestClient,
) -> None:
    now = client.get("/rapport/gooise-meren").text
    response = client.get(f"/rapport/gooise-meren?{QUERY}")
    assert response.status_code == 200
    then = response.text
    assert "Scenario &#39;POH stopt&#39;: de foto van Gooise Meren</h1>" in then
    assert "Dit is een scenario, niet de huidige situatie" in then
    assert f'<li class="utrecht-unordered-list__item">zonder {PILOT}</li>' in then
    # The pilot is in the tables of the data as it is, and in none of the scenario's.
    after_cover = then.split('id="leeswijzer"', 1)[1]
    assert PILOT in now.split('id="leeswijzer"', 1)[1] and PILOT not in after_cover
    assert f'href="/rapport/gooise-meren.pdf?naam=POH+stopt&amp;zonder={POH}"' in then


def test_een_scenario_met_een_onbekende_actor_geeft_geen_rapport(client: TestClient) -> None:
    response = client.get("/rapport?zonder=bestaat-niet")
    assert response.status_code == 404
    assert "Onbekende actor: &#39;bestaat-niet&#39;" in response.text


@pytest.mark.parametrize("area", ["nederland", "gooi-en-vechtstreek", "hbel"])
def test_alleen_een_gemeente_heeft_een_rapport_en_de_404_noemt_de_gemeenten(
    client: TestClient, area: str
) -> None:
    response = client.get(f"/rapport/{area}")
    assert response.status_code == 404
    assert f"Onbekende gemeente: &#39;{area}&#39;" in response.text
    reports = re.findall(r'href="(/rapport[^"]*)">De foto van ([^<]+)</a>', response.text)
    assert ("/rapport/huizen", "Huizen") in reports and ("/rapport", "de regio") in reports
    assert len(reports) == 8


@pytest.mark.slow
def test_het_rapport_van_een_scenario_is_ook_een_pdf(client: TestClient) -> None:
    response = client.get(f"/rapport/gooise-meren.pdf?{QUERY}")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert 'filename="rapport-gooise-meren-scenario.pdf"' in response.headers["content-disposition"]
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Dit is een scenario, niet de huidige situatie" in " ".join(text.split())


def _compared_gaps(html: str) -> str:
    """The text of the report's table "Hiaten per gemeente"."""
    start = html.index('id="cap-vergelijking-hiaten"')
    table = html[start : html.index("</table>", start)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


@pytest.mark.slow
def test_telt_het_rapport_van_een_scenario_de_hulp_die_geen_verwijzer_meer_bereikt(
    client: TestClient, region
) -> None:
    from zorgnet.graph.analyses.scenarios import Scenario, compare

    providers = "gecontracteerde-jeugdhulp"
    unreached = compare(region, Scenario(without_actors=(providers,))).unreached_help
    row = "Met verwijzing, maar geen wettelijk verwijzer bereikt ze"
    now = _compared_gaps(client.get("/rapport").text)
    then_html = client.get("/rapport", params={"zonder": providers}).text
    then = _compared_gaps(then_html)
    assert f"{row} " + " ".join(["0 soorten hulp"] * 7) in now
    # As many kinds of help as the scenario page says no legal referrer reaches, in all
    # seven gemeenten; and a gap of such help says so where it is listed.
    counts = " ".join([f"{len(unreached)} soorten hulp"] * 7)
    assert all(len(places) == 7 for _, places in unreached)
    assert f"{row} {counts}" in then
    assert "<strong>Geen wettelijk verwijzer bereikt deze hulp</strong>" in then_html
