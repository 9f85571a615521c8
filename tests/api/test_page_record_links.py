"""Texts from the data name records by id; the pages show each by its label, linked."""

import re

import networkx as nx
import pytest
from fastapi.testclient import TestClient

# The shared projection (conftest.region) before the app starts: rdflib's SPARQL modules
# do not import safely in two threads at once, and the app's warm-up thread imports them.
pytestmark = pytest.mark.usefixtures("region")


# A record id as a reader would see it: a slug of the data between tags or words.
_ID_IN_TEXT = re.compile(r"(?<![/#\w-])(kwestie-\d{3}-[a-z0-9-]+|gemeente-[a-z-]+-beschikken)")


def _visible(page: str) -> str:
    """The page's text as a reader sees it: without tags and their attributes."""
    return re.sub(r"<[^>]+>", " ", page)


def test_kwesties_names_what_an_issue_is_about_by_label_with_a_link(client: TestClient) -> None:
    page = client.get("/kwesties?gemeente=huizen").text
    assert _ID_IN_TEXT.findall(_visible(page)) == []
    assert "inrichting-wijdemeren-escalatie" not in _visible(client.get("/kwesties").text)
    about = re.search(r"Gaat over: (.*?)\.</p>", page, re.S)
    assert about is not None
    assert (
        '<a class="utrecht-link" href="/actoren/gemeente-huizen">Gemeente Huizen: beschikken</a>'
        in page
    )


def test_a_known_issue_card_has_the_anchor_the_links_point_to(client: TestClient) -> None:
    page = client.get("/kwesties").text
    assert 'id="kwestie-kwestie-003-grondslag-gemeente-als-verwijzer"' in page


def test_a_relation_text_names_its_issue_by_label_with_a_link_to_it(
    region: nx.MultiDiGraph, client: TestClient
) -> None:
    page = client.get("/actoren/gemeente-huizen").text
    assert "kwestie-003-grondslag-gemeente-als-verwijzer" not in _visible(page)
    label = region.graph["records"]["kwestie-003-grondslag-gemeente-als-verwijzer"].label
    link = (
        '<a class="utrecht-link" href="/kwesties#kwestie-'
        'kwestie-003-grondslag-gemeente-als-verwijzer">'
        f"&#34;{label}&#34;</a>"
    )
    assert link in page


def test_without_a_known_issue_a_page_does_not_claim_the_sources_agree(
    client: TestClient,
) -> None:
    # The huisarts's figures (75 procent of all referrals; 10/90 for jeugd-GGZ) are
    # different measures; the sources name no issue, which is all a page may say.
    page = client.get("/actoren/huisarts").text
    assert "75 procent" in page or "75%" in page
    assert "spreken elkaar" not in page
    assert "geen kwestie bekend" in page
