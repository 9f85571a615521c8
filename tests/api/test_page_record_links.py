"""Texts from the data name records by id; the pages show each by its label, linked."""

import re

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from zorgnet.graph.projection import project

# A record id as a reader would see it: a slug of the data between tags or words.
_ID_IN_TEXT = re.compile(r"(?<![/#\w-])(kwestie-\d{3}-[a-z0-9-]+|gemeente-[a-z-]+-beschikken)")


@pytest.fixture(scope="module", autouse=True)
def region(shipped) -> nx.MultiDiGraph:
    return project(shipped.graph)


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
