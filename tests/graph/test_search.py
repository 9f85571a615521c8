"""Search by name on the shipped data: what a policy advisor types finds what they mean."""

import networkx as nx
import pytest

from zorgnet.graph.analyses.search import normalize, search
from zorgnet.loaders.dataset import Dataset


def _first(G: nx.MultiDiGraph, query: str, **options) -> tuple[str, str]:
    hits = search(G, query, **options).hits
    assert hits, query
    return hits[0].kind, hits[0].id


@pytest.mark.parametrize("query", ["huisarts", "HUISARTS", "Huisarts", "  huisarts "])
def test_case_and_spaces_do_not_count(region: nx.MultiDiGraph, query: str) -> None:
    results = search(region, query)
    assert _first(region, query) == ("actor", "huisarts")
    assert [h.id for h in results.hits] == [h.id for h in search(region, "huisarts").hits]
    # Then every actor with a word that starts so, the GP organisation too.
    assert {h.id for h in results.hits} == {
        "huisarts",
        "hbel-huisartsenpraktijken",
        "gho-gooi-en-omstreken",
        "poh-jeugd-ggz",
    }


@pytest.mark.parametrize("query", ["jeugd-GGZ", "Jeugd GGZ", "jeugd ggz", "jeugdggz", "JEUGDGGZ"])
def test_hyphens_and_spaces_inside_a_name_do_not_count(region: nx.MultiDiGraph, query: str) -> None:
    hit = search(region, query).hits[0]
    assert (hit.kind, hit.id, hit.label, hit.kind_label) == (
        "soort-hulp",
        "jeugd-ggz",
        "jeugd-GGZ",
        "soort hulp",
    )


@pytest.mark.parametrize("query", ["coordinator", "coördinator", "COÖRDINATOR"])
def test_accents_do_not_count(region: nx.MultiDiGraph, query: str) -> None:
    labels = [h.label for h in search(region, query).hits]
    assert "stedelijk coördinator buurtteams Hilversum" in labels


@pytest.mark.parametrize("query", ["wijdemeren", "Wijdemeren", "WIJDEMEREN"])
def test_a_gemeente_comes_first_then_what_is_named_after_it(
    region: nx.MultiDiGraph, query: str
) -> None:
    hits = search(region, query).hits
    assert (hits[0].kind, hits[0].id, hits[0].label, hits[0].kind_label) == (
        "gebied",
        "wijdemeren",
        "Wijdemeren",
        "gebied (gemeente)",
    )
    # The area and the municipal organisation read apart (review finding 34).
    assert [(h.id, h.kind_label) for h in hits[1:]] == [
        ("gemeente-wijdemeren", "organisatie (gemeente)"),
        ("wijdemeren-wijkteam", "wijkteam"),
    ]


def test_every_word_of_the_query_must_start_a_word_of_the_name(region: nx.MultiDiGraph) -> None:
    hits = search(region, "buurtteams hilv").hits
    assert (hits[0].kind, hits[0].id) == ("team", "buurtteams-hilversum")
    assert all("buurtteam" in h.label.casefold() for h in hits)
    assert all("hilversum" in h.label.casefold() for h in hits)


def test_alternative_labels_are_searched_when_the_data_is_given(
    region: nx.MultiDiGraph, shipped: Dataset
) -> None:
    assert search(region, "DLP").total == 0
    hit = search(region, "dlp", graph=shipped.graph).hits[0]
    assert (hit.id, hit.label, hit.matched) == ("digitaal-leefplein", "Digitaal Leefplein", "DLP")


def test_hits_are_labelled_in_dutch_and_say_where(region: nx.MultiDiGraph) -> None:
    hit = next(h for h in search(region, "veilig thuis").hits if h.id == "veilig-thuis")
    assert (hit.label, hit.kind_label, hit.detail) == (
        "Veilig Thuis Gooi en Vechtstreek",
        "Veilig Thuis",
        "Gooi en Vechtstreek",
    )


def test_the_limit_cuts_the_hits_but_not_the_total(region: nx.MultiDiGraph) -> None:
    results = search(region, "team", limit=3)
    assert len(results.hits) == 3
    assert results.total > 3


@pytest.mark.parametrize("query", ["", "   ", "-", "xyzzy"])
def test_nothing_is_found_for_an_empty_or_unknown_query(
    region: nx.MultiDiGraph, query: str
) -> None:
    assert search(region, query).hits == ()


def test_normalize_keeps_letters_and_digits_only() -> None:
    assert normalize("Wmo 2015 – \u2018Één\u2019 loket!") == "wmo 2015 een loket"
