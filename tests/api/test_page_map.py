"""The map page (/kaart) and the maps in the pages: a link to the map full size, the
share link leading to the site's page, unique ids, and counts that agree with the page."""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from zorgnet.graph.analyses.membership import team_network
from zorgnet.graph.projection import project
from zorgnet.viz import maps

TEAM = "buurtteams-hilversum"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value or "" for name, value in attrs if name == "id")


def _duplicate_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return [i for i, n in parser.ids.items() if n > 1]


def _frame_src(html: str) -> str:
    found = re.search(r'<iframe class="map[^"]*"[^>]* src="([^"]+)"', html)
    assert found, "geen kaart op de pagina"
    return found.group(1).replace("&amp;", "&")


def test_the_home_page_links_to_the_map_full_size_on_a_page_of_the_site(client) -> None:
    home = client.get("/").text
    assert '<a class="utrecht-link" href="/kaart">Open de kaart op volledige grootte</a>' in home
    page = client.get("/kaart")
    assert page.status_code == 200
    assert '<h1 class="utrecht-heading-1">Kaart van de regio</h1>' in page.text
    # The site's header and menu are there, the map in its frame.
    assert 'href="/actoren"' in page.text
    assert _frame_src(page.text) == "/api/maps/region"


def test_the_team_and_route_pages_link_to_their_map_full_size(client) -> None:
    team = client.get(f"/teams/{TEAM}").text
    assert f'href="/kaart?kaart=team&amp;id={TEAM}">Open de kaart op volledige grootte' in team
    page = client.get(f"/kaart?kaart=team&id={TEAM}").text
    assert _frame_src(page) == f"/api/maps/team/{TEAM}"
    assert "Kaart van het netwerk van" in page
    route = client.get("/route?van=huisarts&naar=jeugd-ggz&gemeente=huizen").text
    link = re.search(r'href="(/kaart\?kaart=route[^"]+)">Open de kaart op volledige grootte', route)
    assert link
    full = client.get(link.group(1).replace("&amp;", "&")).text
    src = _frame_src(full)
    assert src.startswith("/api/maps/route?")
    for part in ("van=huisarts", "naar=jeugd-ggz", "gemeente=huizen"):
        assert part in src
    assert client.get(src).status_code == 200


def test_the_sociale_kaart_of_a_gemeente_links_to_its_map_full_size(client) -> None:
    kaart = client.get("/gemeenten/gooise-meren").text
    link = 'href="/kaart?kaart=gemeente&amp;id=gooise-meren">Open de kaart op volledige grootte'
    assert link in kaart
    page = client.get("/kaart?kaart=gemeente&id=gooise-meren").text
    assert '<h1 class="utrecht-heading-1">Kaart van Gooise Meren</h1>' in page
    assert _frame_src(page) == "/api/maps/gemeente/gooise-meren"


def test_choices_given_as_parameters_reach_the_map_after_the_hash(client) -> None:
    page = client.get("/kaart?weergave=bestuur&gemeente=huizen").text
    assert _frame_src(page) == "/api/maps/region#weergave=bestuur&gemeente=huizen"


def test_an_unknown_map_or_team_is_a_dutch_page_not_found(client) -> None:
    answer = client.get("/kaart?kaart=team&id=buurtteam-hilversum")
    assert answer.status_code == 404
    assert "text/html" in answer.headers["content-type"]
    assert "Bedoelde u" in answer.text
    answer = client.get("/kaart?kaart=plattegrond")
    assert answer.status_code == 404
    assert "Onbekende kaart" in answer.text


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("/api/maps/region", "/kaart"),
        (f"/api/maps/team/{TEAM}", f"/kaart?kaart=team&amp;id={TEAM}"),
        ("/api/maps/gemeente/huizen", "/kaart?kaart=gemeente&amp;id=huizen"),
    ],
)
def test_a_map_shares_the_address_of_its_page_in_the_site(client, url: str, page: str) -> None:
    html = client.get(url).text
    assert f'data-page-url="{page}"' in html
    # No link that opens the bare map under /api/ any more: a button that copies.
    assert 'id="share"' in html and '<a id="share"' not in html


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/kaart",
        f"/teams/{TEAM}",
        "/route?van=huisarts&naar=jeugd-ggz&gemeente=huizen",
        "/api/maps/region",
        f"/api/maps/team/{TEAM}",
        "/api/maps/route?van=huisarts&naar=jeugd-ggz&gemeente=huizen",
    ],
)
def test_every_id_on_a_page_and_in_its_map_is_unique(client, url: str) -> None:
    html = client.get(url).text
    assert _duplicate_ids(html) == []
    # An actor's id is an attribute of its table row only, not repeated on its button.
    assert 'class="show-on-map" data-id=' not in html


def test_the_team_map_counts_the_actors_the_team_page_lists(client: TestClient, shipped) -> None:
    G = project(shipped.graph)
    net = team_network(G, TEAM)
    listed = len(net.kern) + len(net.verbonden) + len(net.buiten)
    network = maps.team_map(G, TEAM)
    # The map: the listed partners and the team in the middle, said so.
    assert len(network.nodes) == listed + 1
    assert network.subtitle.startswith(
        f"{len(net.kern)} kern, {len(net.verbonden)} verbonden, {len(net.buiten)} buiten: "
        f"{listed} actoren rond het team"
    )
    page = client.get(f"/teams/{TEAM}").text
    assert f"De kaart toont dezelfde {listed} partners als de lijsten hierboven" in page


def test_the_region_map_subtitle_counts_what_each_view_shows(shipped) -> None:
    G = project(shipped.graph)
    network = maps.region_map(G)
    care = sum("zorg" in n.views for n in network.nodes)
    bestuur_view = sum("bestuur" in n.views for n in network.nodes)
    bodies = sum(n.category == "bestuur" for n in network.nodes)
    assert network.subtitle == (
        f"Weergave Zorgnetwerk: {care} actoren. Weergave Bestuur en programma's: "
        f"{bestuur_view} actoren, {bodies} besturen, programma's en werkgroepen en "
        f"{bestuur_view - bodies} actoren waarmee ze verbonden zijn."
    )
    assert bodies > 0 and bestuur_view > bodies


def test_a_map_is_sent_gzip_compressed_to_a_browser_that_accepts_it(client) -> None:
    plain = client.get("/api/maps/region", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    packed = client.get("/api/maps/region", headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["content-encoding"] == "gzip"
    # The map route is negotiated too (api/negotiation.py): it varies by Accept as well.
    assert packed.headers["vary"] == "Accept-Encoding, Accept"
    # httpx unpacks it: the same page, sent in a fraction of its size.
    assert packed.text == plain.text
    assert int(packed.headers["content-length"]) < len(plain.content) / 3
