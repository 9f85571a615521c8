"""The sociale kaart of a gemeente (/gemeenten/{gemeente}) against the library's answer."""

import html
import re

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from zorgnet.graph.analyses import scope_set
from zorgnet.graph.analyses.routes import entry_actors, inhabitant_entries, referral_routes
from zorgnet.graph.analyses.social_map import social_map
from zorgnet.ontology.categories import LAYERS
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

# The shared projection (conftest.region) before the app starts: rdflib's SPARQL modules
# do not import safely in two threads at once, and the app's warm-up thread imports them.
pytestmark = pytest.mark.usefixtures("region")

_LAYER_LIST = re.compile(
    r'<ul class="[^"]*zn-layer" aria-labelledby="laag-([^"]+)">(.*?)</ul>', re.S
)
_ACTOR_LINK = re.compile(r'<a class="utrecht-link" href="/actoren/([^"]+)">([^<]*)</a>')


@pytest.fixture(scope="module")
def gooise_meren(client: TestClient) -> str:
    response = client.get("/gemeenten/gooise-meren")
    assert response.status_code == 200
    return response.text


def _section(page: str, heading_id: str) -> str:
    """The HTML of the section whose heading has *heading_id*."""
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page[start : page.index("</section>", start)]


def _layers(page: str) -> dict[str, list[tuple[str, str]]]:
    return {
        layer: [(a, html.unescape(label)) for a, label in _ACTOR_LINK.findall(body)]
        for layer, body in _LAYER_LIST.findall(page)
    }


def test_the_sociale_kaart_of_gooise_meren_groups_every_actor_serving_it_by_layer_once(
    gooise_meren: str, region: nx.MultiDiGraph
) -> None:
    layers = _layers(gooise_meren)
    kaart = social_map(region, "gooise-meren")
    filled = [layer.id for layer in kaart.layers if layer.actors]
    assert list(layers) == filled
    assert [layer for layer, _ in LAYERS if layer in layers] == list(layers)
    shown = [actor for entries in layers.values() for actor, _ in entries]
    assert len(shown) == len(set(shown)), "an actor appears twice"
    assert set(shown) == set(scope_set(region, "gooise-meren"))
    for layer in kaart.layers:
        assert layers.get(layer.id, []) == [(a.actor, a.label) for a in layer.actors]
    for layer_id, label in LAYERS[:7]:
        assert f'id="laag-{layer_id}">{label} (' in gooise_meren.replace("&#39;", "'")


def test_the_sociale_kaart_says_the_kind_of_each_actor_by_its_label(gooise_meren: str) -> None:
    assert "maatschappelijke organisatie</span>" in gooise_meren
    assert "uitvoeringsdienst sociaal domein</span>" in gooise_meren
    assert ">maatschappelijke-organisatie<" not in gooise_meren
    assert ">jeugd-ggz<" not in gooise_meren


def test_zonder_verwijzing_lists_what_the_route_analysis_says_an_inwoner_reaches(
    gooise_meren: str, region: nx.MultiDiGraph
) -> None:
    doors = [a for a, _ in _ACTOR_LINK.findall(_section(gooise_meren, "zonder-verwijzing"))]
    assert len(doors) == len(set(doors))
    # The route analysis: where an inwoner's route starts by itself, and where the
    # inhabitants' own actors take their first step.
    expected = {a for a, _ in inhabitant_entries(region, "gooise-meren")}
    inhabitants = set(entry_actors(region, "inwoner", "gooise-meren"))
    for help_kind in vocabulary().notations(ZN.HelpKind):
        routes = referral_routes(region, "inwoner", help_kind, gemeente="gooise-meren").routes
        for route in routes:
            start = route.steps[0].actor
            if start in inhabitants and len(route.steps) > 1:
                assert route.steps[1].actor in doors, route.actors
            else:
                assert start in doors, route.actors
    assert expected <= set(doors)
    assert "huisarts" in doors
    assert "usd-gooise-meren" in doors
    assert "gecontracteerde-jeugdhulp" not in doors
    assert doors == [d.actor for d in social_map(region, "gooise-meren").open_doors]


def test_the_lokale_inrichting_table_names_aspects_and_states_in_words(
    gooise_meren: str,
) -> None:
    table = _section(gooise_meren, "lokale-inrichting")
    assert "<caption" in table and 'scope="col"' in table
    for words in ("Toegang", "Lokaal team", "POH-jeugd", "Verbinding met scholen"):
        assert f'scope="row">{words}</th>' in table
    for state in ("bestaand", "afwezig", "pilot", "in onderzoek", "onbekend (bronnen zwijgen)"):
        assert f">{state}</td>" in table
    assert "lokaal-team" not in table.replace('id="laag-lokaal', "")
    assert "in-onderzoek" not in table
    assert 'href="/actoren/usd-gooise-meren">Uitvoeringsdienst Sociaal Domein' in table


def test_figures_shortages_and_issues_of_gooise_meren_come_with_their_sources(
    gooise_meren: str, region: nx.MultiDiGraph
) -> None:
    facts = social_map(region, "gooise-meren").facts
    figures = _section(gooise_meren, "cijfers")
    for figure in facts.figures:
        assert escape(figure.measure) in figures
        assert f'data-cijfer="{figure.id}"' in figures
    assert 'href="/bronnen/002"' in figures
    shortages = _section(gooise_meren, "tekorten")
    assert all(escape(s.label) in shortages for s in facts.shortages)
    issues = _section(gooise_meren, "kwesties")
    for issue in facts.issues:
        for number, reading in enumerate(issue.readings, start=1):
            assert f"<strong>Lezing {number}:</strong> {escape(reading)}" in issues
    assert "Wat is de integrale casusaanpak van Gooise Meren?" in issues


def test_the_gemeente_is_found_by_its_name_in_any_case(client: TestClient) -> None:
    for name in ("Gooise Meren", "GOOISE-MEREN", "gooise meren"):
        page = client.get(f"/gemeenten/{name}")
        assert page.status_code == 200, name
        assert '<h1 class="utrecht-heading-1">Sociale kaart van Gooise Meren</h1>' in page.text


def test_an_unknown_gemeente_is_refused_in_dutch_with_close_names(client: TestClient) -> None:
    page = client.get("/gemeenten/gooise-meer")
    assert page.status_code == 404
    assert "Onbekend gebied" in page.text
    assert "gooise-meren" in page.text


def test_the_sociale_kaart_links_its_ladder_issues_and_figures(gooise_meren: str) -> None:
    assert 'href="/gemeenten/gooise-meren/opschaling"' in gooise_meren
    assert 'href="/kwesties?gemeente=gooise-meren"' in gooise_meren
    assert 'href="/cijfers?gemeente=gooise-meren"' in gooise_meren


def test_the_menu_leads_to_the_sociale_kaart_the_ladder_the_issues_and_the_figures(
    client: TestClient,
) -> None:
    page = client.get("/").text
    nav = page[page.index('<nav class="utrecht-nav-bar') : page.index("</nav>")]
    for href, label in (
        ("/gemeenten", "Sociale kaart"),
        ("/opschaling", "Opschaling"),
        ("/kwesties", "Kwesties"),
        ("/cijfers", "Cijfers"),
    ):
        assert f'href="{href}"' in nav and f">{label}</a>" in nav, label
    kaart = client.get("/gemeenten/huizen").text
    assert 'href="/gemeenten" aria-current="true">Sociale kaart</a>' in kaart


def test_the_gemeenten_page_lists_the_seven_by_name_with_their_pages(
    client: TestClient, region: nx.MultiDiGraph
) -> None:
    page = client.get("/gemeenten").text
    for area in region.graph["areas"].values():
        if area.type != "gemeente":
            continue
        assert f'href="/gemeenten/{area.id}">{escape(area.label)}</a>' in page
        assert f'href="/gemeenten/{area.id}/opschaling">Opschaling in {escape(area.label)}' in page
        assert f'href="/kwesties?gemeente={area.id}"' in page
        assert f'href="/cijfers?gemeente={area.id}"' in page


def test_the_stip_door_says_the_sources_doubt_it_with_its_sources(gooise_meren: str) -> None:
    doors = _section(gooise_meren, "zonder-verwijzing")
    card = doors[doors.index("/actoren/gooise-meren-stip") :]
    card = card[: card.index("</li>\n    <li") if "</li>\n    <li" in card else len(card)]
    text = html.unescape(card)
    assert "Let op: niet zeker dat dit er nu is." in text
    assert "bestaan nog niet" in text
    assert "pilot" in text
    assert "/bronnen/002" in card
    # The sure voorveld comes before it.
    assert doors.index("/actoren/lokale-welzijnsorganisaties") < doors.index(
        "/actoren/gooise-meren-stip"
    )


def test_intensive_regie_and_the_usd_are_not_tagged_without_referral(gooise_meren: str) -> None:
    layers = _section(gooise_meren, "per-laag")
    for actor in ("gooise-meren-jeugdconsulenten-intensieve-regie", "usd-gooise-meren"):
        item = layers[layers.index(f"/actoren/{actor}") :]
        item = item[: item.index("</li>")]
        assert "zonder verwijzing" not in item, actor
    usd = layers[layers.index("/actoren/usd-gooise-meren") :]
    assert "toegang: hier vraagt u de gemeente om hulp" in usd[: usd.index("</li>")]


def test_the_escalation_row_agrees_with_the_ladder(gooise_meren: str) -> None:
    table = html.unescape(_section(gooise_meren, "lokale-inrichting"))
    assert "Escalatie van vastgelopen casussen (regionaal: Gooi en Vechtstreek)</th>" in table
    assert "Voor Gooise Meren zelf zwijgen de bronnen" in table
    assert 'href="/gemeenten/gooise-meren/opschaling"' in table
    assert "Doorbraaktafel" in table


def test_leest_de_adviseur_welke_tekorten_voor_de_hele_regio_gelden(client) -> None:
    html = client.get("/gemeenten/huizen").text
    own, _, regional = html.partition('id="tekorten-regio"')
    assert "groter gebied waar Huizen bij hoort" in regional
    assert "te weinig gezinshuizen" in regional
    section = own[own.index('id="tekorten"') :]
    assert "te weinig gezinshuizen" not in section
