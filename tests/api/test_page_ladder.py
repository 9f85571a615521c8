"""The escalation ladder page (/opschaling, /gemeenten/{gemeente}/opschaling) against
the ladder the analysis gives."""

import re

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from zorgnet.graph.analyses.mandates import escalation_ladder

# The shared projection (conftest.region) before the app starts: rdflib's SPARQL modules
# do not import safely in two threads at once, and the app's warm-up thread imports them.
pytestmark = pytest.mark.usefixtures("region")

_RUNG = re.compile(r'<article class="zn-card zn-rung" id="trede-([^"]+)"')
_LEVEL = re.compile(r'<h3 class="utrecht-heading-3" id="trede-(\d+)">Trede \d+: ([^<]+)</h3>')
_OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


@pytest.fixture(scope="module")
def huizen(client: TestClient) -> str:
    response = client.get("/opschaling", params={"gemeente": "huizen"})
    assert response.status_code == 200
    return response.text


def _articles(page: str) -> dict[str, str]:
    """Rung actor → the HTML of its card."""
    starts = [(m.group(1), m.start()) for m in _RUNG.finditer(page)]
    return {actor: page[start : page.index("</article>", start)] for actor, start in starts}


def test_the_ladder_of_huizen_has_the_analysis_rungs_in_order(
    huizen: str, region: nx.MultiDiGraph
) -> None:
    ladder = escalation_ladder(region, "huizen")
    assert len(ladder.rungs) >= 4
    assert _RUNG.findall(huizen) == [r.actor for r in ladder.rungs]
    levels = sorted({r.level for r in ladder.rungs})
    scales = {r.level: r.scale_label for r in ladder.rungs}
    assert [(int(n), s) for n, s in _LEVEL.findall(huizen)] == [(n, scales[n]) for n in levels]
    assert [s for _, s in _LEVEL.findall(huizen)][:3] == ["lokaal", "regionaal", "bovenregionaal"]


def test_each_rung_says_who_decides_and_cites_its_sources(
    huizen: str, region: nx.MultiDiGraph
) -> None:
    cards = _articles(huizen)
    for rung in escalation_ladder(region, "huizen").rungs:
        card = cards[rung.actor]
        assert "Wie beslist:" in card
        for m in rung.mandates:
            sentence = f"{escape(rung.label)} mag hier {escape(m.power_label)} ("
            assert sentence in card, rung.actor
            assert ", ".join(m.legal_basis_labels) in card
        if not rung.mandates:
            assert "de bronnen noemen geen bevoegdheid van" in card
        cited = set(re.findall(r'href="/bronnen/(\d{3})"', card))
        assert cited == {s.split(" ", 1)[0] for s in rung.sources}, rung.actor
        for source in rung.sources:
            assert f">{escape(source)}<" in card, (rung.actor, source)


def test_a_rung_says_who_escalates_to_it(huizen: str, region: nx.MultiDiGraph) -> None:
    expertteam = next(
        r for r in escalation_ladder(region, "huizen").rungs if r.actor == "expertteam"
    )
    assert len(expertteam.escalated_from_labels) > 1
    card = _articles(huizen)["expertteam"]
    names = [str(escape(n)) for n in expertteam.escalated_from_labels]
    assert f"dan schalen {', '.join(names[:-1])} en {names[-1]} op naar Expertteam." in card


def test_the_gemeente_is_chosen_from_a_dropdown_of_names(
    huizen: str, region: nx.MultiDiGraph
) -> None:
    options = _OPTION.findall(huizen)
    gemeenten = sorted(
        (a for a in region.graph["areas"].values() if a.type == "gemeente"), key=lambda a: a.label
    )
    assert [(v, t) for v, _, t in options] == [("", "Kies een gemeente")] + [
        (a.id, a.label) for a in gemeenten
    ]
    assert [v for v, selected, _ in options if selected] == ["huizen"]


def test_the_ladder_is_also_the_gemeentes_own_page_and_found_by_its_name(
    client: TestClient, huizen: str
) -> None:
    for url in ("/gemeenten/huizen/opschaling", "/opschaling?gemeente=Huizen"):
        page = client.get(url).text
        assert _RUNG.findall(page) == _RUNG.findall(huizen), url
        assert "Waar gaat een vastgelopen casus heen in Huizen?" in page


def test_without_a_gemeente_the_page_asks_for_one(client: TestClient) -> None:
    page = client.get("/opschaling")
    assert page.status_code == 200
    assert "Kies een gemeente" in page.text
    assert not _RUNG.findall(page.text)


def test_an_unknown_gemeente_is_a_dutch_error_at_the_dropdown(client: TestClient) -> None:
    page = client.get("/opschaling", params={"gemeente": "huizn"})
    assert page.status_code == 422
    assert 'aria-invalid="true"' in page.text
    assert "Onbekende gemeente: &#39;huizn&#39;. Bedoelde u: huizen?" in page.text
    assert "Kies een gemeente uit de lijst." in page.text


def test_a_ladder_without_a_local_rung_says_it_is_the_regional_one(client: TestClient) -> None:
    """Gooise Meren: 002 §3.2 describes no local escalation, so its ladder is that of
    the region (003 §4), and the page says so, as its sociale kaart does."""
    page = client.get("/opschaling", params={"gemeente": "gooise-meren"}).text
    assert "Gooise Meren heeft volgens de bronnen geen eigen lokale trede" in page
    assert "Deze treden zijn regionale afspraken" in page
    huizen = client.get("/opschaling", params={"gemeente": "huizen"}).text
    assert "geen eigen lokale trede" not in huizen
