"""The pages of actors and local teams (/actoren, /actoren/{id}, /teams, /teams/{id}),
the SPARQL page and the 'not found' page: labels, never slugs, against the library."""

import html
import re
from urllib.parse import quote

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from zorgnet.graph.analyses.membership import team_network
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label, vocabulary

# The shared projection (conftest.region) before the app starts: rdflib's SPARQL modules
# do not import safely in two threads at once, and the app's warm-up thread imports them.
pytestmark = pytest.mark.usefixtures("region")

_ACTOR_LINK = re.compile(r'<a class="utrecht-link" href="/actoren/([^"]+)">([^<]*)</a>')
_TAG = re.compile(r"<[^>]*>")
_CODE = re.compile(r"<(script|style|pre|textarea|code)\b.*?</\1>", re.S)
_CLASSES = (
    "ActorType",
    "Scale",
    "Domain",
    "SupportLevel",
    "AccessMode",
    "HelpKind",
    "RelationKind",
    "LegalBasis",
    "Power",
    "MembershipStatus",
    "Status",
)
HILVERSUM = "buurtteams-hilversum"


@pytest.fixture(scope="module")
def slugs(region: nx.MultiDiGraph) -> set[str]:
    """Ids and vocabulary notations with a hyphen that read differently as a name."""
    found = {a for a in region if "-" in a and region.nodes[a]["label"] != a}
    found |= {a for a, area in region.graph["areas"].items() if "-" in a and area.label != a}
    for concept_class in _CLASSES:
        for notation in vocabulary().notations(ZN[concept_class]):
            if "-" in notation and concept_label(concept_class, notation) != notation:
                found.add(notation)
    # Less the words the data's own names and texts use ("onderwijs-zorgconsulent (OZC)").
    prose = " ".join(f"{d['label']} {d['description']}" for _, d in region.nodes(data=True))
    return found - set(re.findall(r"[\w-]+", prose))


def _visible(page: str) -> str:
    """The text a reader sees: no tags, attributes, scripts or code."""
    return html.unescape(_TAG.sub(" ", _CODE.sub(" ", page)))


def _shown_slugs(page: str, slugs: set[str]) -> list[str]:
    words = set(re.findall(r"[\w-]+", _visible(page)))
    return sorted(words & slugs)


def _section(page: str, section_id: str) -> str:
    start = page.index(f'id="{section_id}"')
    return page[start : page.index("</section>", start)]


def _get(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.text


@pytest.mark.parametrize(
    "url",
    [
        "/actoren",
        "/actoren?q=buurtteam",
        "/actoren/huisarts",
        f"/actoren/{HILVERSUM}",
        "/actoren/veilig-thuis",
        "/teams",
        f"/teams/{HILVERSUM}",
    ],
)
def test_a_page_shows_names_and_labels_never_slugs(
    client: TestClient, url: str, slugs: set[str]
) -> None:
    page = _get(client, url)
    assert _shown_slugs(page, slugs) == [], url
    assert 'class="utrecht-heading-1"' in page


def test_the_actor_list_shows_each_value_by_its_label(
    client: TestClient, region: nx.MultiDiGraph
) -> None:
    page = _get(client, "/actoren")
    text = _visible(page)
    assert f"{len(region)} actoren" in text
    row = page.split('href="/actoren/aanbieders-jeugd-ggz">')[1].split("</tr>")[0]
    cells = [html.unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    node = region.nodes["aanbieders-jeugd-ggz"]
    assert cells[0] == concept_label("ActorType", node["type"])
    assert cells[-1] == ", ".join(concept_label("HelpKind", h) for h in node["offers"])
    narrowed = _get(client, "/actoren?q=BUURTTEAM")
    names = [html.unescape(label) for _, label in _ACTOR_LINK.findall(narrowed)]
    assert names and all("buurtteam" in n.casefold() for n in names)


def test_the_actor_page_names_laws_powers_and_cites_its_sources(
    client: TestClient, region: nx.MultiDiGraph
) -> None:
    page = _get(client, "/actoren/huisarts")
    text = _visible(page)
    mandates = [m for m in region.graph["mandates"] if m.holder == "huisarts"]
    assert mandates
    for m in mandates:
        assert concept_label("Power", m.power) in text
        for law in m.legal_bases:
            assert concept_label("LegalBasis", law) in text
    assert "Jeugdwet" in text
    # A citation is a link to its document's page with the title on hover.
    assert re.search(r'<a class="utrecht-link zn-cite" href="/bronnen/\d{3}" title="[^"]+">', page)
    # Every table scrolls in its own focusable region with a caption.
    regions = page.count('class="zn-table-scroll" tabindex="0" role="region"')
    assert regions == page.count("<table") == page.count('class="utrecht-table__caption')
    # The team it works with, by name.
    assert "buurtteams Hilversum" in _section(page, "kop-teams")


def test_the_team_page_says_who_is_in_and_who_is_out_as_the_library_does(
    client: TestClient, region: nx.MultiDiGraph
) -> None:
    network = team_network(region, HILVERSUM)
    page = _get(client, f"/teams/{HILVERSUM}")
    for ring in ("kern", "verbonden", "buiten"):
        shown = [a for a, _ in _ACTOR_LINK.findall(_section(page, ring))]
        assert shown == list(getattr(network, ring)), ring
        names = [html.unescape(label) for _, label in _ACTOR_LINK.findall(_section(page, ring))]
        assert names == [region.nodes[a]["label"] for a in getattr(network, ring)]
    text = _visible(page)
    assert "Hoort erbij (5)" in text
    assert "Werkt samen, maar hoort er niet bij (3)" in text
    assert "Hoort er niet bij (1)" in text
    assert "regulier maatschappelijk werk" in _visible(_section(page, "buiten"))
    assert 'href="/bronnen/002"' in page


def test_the_teams_page_links_each_team_and_says_per_gemeente_what_is_known(
    client: TestClient, region: nx.MultiDiGraph
) -> None:
    page = _get(client, "/teams")
    assert f'href="/teams/{HILVERSUM}"' in page
    per_gemeente = _visible(_section(page, "kop-per-gemeente"))
    for area in region.graph["areas"].values():
        if area.type == "gemeente":
            assert area.label in per_gemeente
    # No two areas share a kind of partner: one sentence instead of a table of 0%.
    assert "Geen twee gebieden hebben een soort partner gemeen" in _visible(page)


def test_an_unknown_actor_or_team_is_a_dutch_page_with_close_names(client: TestClient) -> None:
    page = _get(client, "/actoren/veilig-thuuis", 404)
    text = _visible(page)
    assert "Zorgnet kent geen actor met het adres 'veilig-thuuis'." in text
    assert '<a class="utrecht-link-list__link utrecht-link" href="/actoren/veilig-thuis">' in page
    assert "Veilig Thuis Gooi en Vechtstreek" in text
    team = _get(client, "/teams/buurtteams-hilversm", 404)
    assert 'href="/teams/buurtteams-hilversum"' in team
    # Without a close name, the list to look in.
    nothing = _get(client, "/actoren/bestaat-niet", 404)
    assert '<a class="utrecht-link" href="/actoren">Bekijk de lijst van alle actoren</a>' in nothing
    assert 'role="alert"' not in nothing


def test_the_sparql_page_answers_in_a_captioned_table_and_marks_a_refusal(
    client: TestClient,
) -> None:
    from zorgnet.api.routers.pages import EXAMPLE_QUERIES

    query = EXAMPLE_QUERIES["Wie verwijst naar wie"]
    page = _get(client, "/sparql-vragen?query=" + quote(query))
    answer = _visible(_section(page, "antwoord"))
    assert "50 resultaten" in answer
    assert "Veilig Thuis Gooi en Vechtstreek" in answer
    assert page.count('<tr class="utrecht-table__row">') == 51
    refused = client.get("/sparql-vragen", params={"query": "CLEAR ALL"})
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.text
