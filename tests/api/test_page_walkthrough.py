"""What a first-time policy advisor found unclear on the pages (issue 19), on the shipped
data through the read-only app."""

import html
import re

import pytest
from fastapi.testclient import TestClient

# Words of the data model that a reader of the pages should not meet (item 8); a seed's
# own "afspraken vastgelegd met" is plain Dutch and stays.
MODEL_WORDS = re.compile(
    r"\bde data\b|hier vastgelegd|geen kwestie vastgelegd|escalatierelatie|soort actor volgens",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "url",
    [
        "/gemeenten/huizen/opschaling",
        "/hiaten",
        "/hiaten?gemeente=gooise-meren",
        "/actoren/huisarts",
        "/overlap",
        "/kwesties",
    ],
)
def test_spreken_de_paginas_gewoon_nederlands_in_plaats_van_datamodel(
    client: TestClient, url: str
) -> None:
    page = client.get(url)
    assert page.status_code == 200
    text = re.sub(r"<[^>]+>", " ", page.text)
    assert not MODEL_WORDS.findall(text), (url, MODEL_WORDS.findall(text)[:5])


def test_zegt_de_teampagina_in_een_zin_dat_geen_teams_op_elkaar_lijken(client: TestClient) -> None:
    """Item 9: on the shipped data no two areas share a kind of partner; a table of 0%
    says nothing, one sentence does."""
    page = client.get("/teams").text
    assert "Hoeveel lijken de teams op elkaar?" in page
    assert "Geen twee gebieden hebben een soort partner gemeen" in page
    assert 'id="cap-gelijkenis"' not in page
    assert ">0%<" not in page


def test_zegt_de_huisartspagina_hetzelfde_over_de_toegang_als_de_gemeente(
    client: TestClient,
) -> None:
    """Item 4: the Gooise Meren page lists the huisarts under 'zonder verwijzing'; the
    huisarts's own page no longer says 'Toegang onbekend'."""
    said = "nwoners gaan hier zelf naartoe (zo melden verwijzers het uit de praktijk"
    assert said in client.get("/gemeenten/gooise-meren").text
    page = client.get("/actoren/huisarts").text
    row = page.split(">Toegang</th>", 1)[1].split("</tr>", 1)[0]
    assert said in row
    assert "onbekend" not in row


def test_tellen_de_sociale_kaart_en_haar_kaart_dezelfde_actoren(client: TestClient) -> None:
    """Item 5: the numbers of the Gooise Meren page are the map's numbers: its actors,
    its care network and its besturen; the map counts those outside the gemeente apart."""
    page = client.get("/gemeenten/gooise-meren").text
    total = int(re.search(r"(\d+) organisaties, teams, rollen en overleggen", page)[1])
    bestuur = int(re.search(r"Toon de (\d+) besturen", page)[1])
    assert f"De kaart toont dezelfde {total} actoren als de lijsten hierboven" in page
    shown = html.unescape(client.get("/api/maps/gemeente/gooise-meren").text)
    assert f"{total} actoren van Gooise Meren en " in shown
    assert f"Weergave Zorgnetwerk: {total - bestuur} actoren van Gooise Meren en " in shown
    assert f"{bestuur} besturen, programma's en werkgroepen van Gooise Meren en " in shown


ROUTE = "/route?van=huisarts&naar=jeugd-ggz&gemeente=huizen"


def test_zegt_de_routepagina_een_keer_wie_beslist_en_uit_welke_bron(client: TestClient) -> None:
    """Item 7: who decides and a source all steps share are said once per route; the
    route to the aanbieders jeugd-GGZ is no second route beside the contracted care
    they are part of."""
    page = client.get(ROUTE).text
    (route,) = re.findall(r'<article class="zn-card zn-route".*?</article>', page, re.S)
    assert route.count("Wie beslist") == 1
    assert "Wie beslist hier" not in route
    assert route.count("Bron van alle stappen: ") == 1
    assert route.count("<br><span") == 0
    assert "aanbieders jeugd-GGZ (jeugd geestelijke gezondheidszorg); die bieden" in route


def test_staan_de_vaak_gekozen_beginpunten_bovenaan(client: TestClient) -> None:
    """Item 7: 'Begin bij' starts with the common starting points, then the rest."""
    page = client.get(ROUTE).text
    field = page.split('id="route-van"', 1)[1].split("</select>", 1)[0]
    common, rest = field.split('<optgroup label="Alle andere">')
    assert '<optgroup label="Vaak gekozen">' in common
    first = re.findall(r'<option value="([^"]+)"', common)
    assert first == [
        "huisarts",
        "school",
        "jeugdarts",
        "jeugdgezondheidszorg",
        "wijkteam",
        "buurtteam",
        "inwoner",
    ]
    assert not set(first) & set(re.findall(r'<option value="([^"]+)"', rest))
