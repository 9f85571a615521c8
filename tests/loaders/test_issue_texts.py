"""The shipped known issues state what the seeds say, not this dataset's own history."""

import re

import pytest
from rdflib import RDF, Graph, Literal

from zorgnet.ontology.namespace import ZN

# Words of an editing history: what the data held before and what was taken out.
_HISTORY = re.compile(r"eerder stond|is verwijderd|in deze data", re.IGNORECASE)


def _issue_texts(graph: Graph) -> list[tuple[str, str]]:
    """(issue, text) for every text of a known issue: its label, description, readings."""
    return [
        (str(issue), str(text))
        for issue in graph.subjects(RDF.type, ZN.KnownIssue)
        for text in graph.objects(issue)
        if isinstance(text, Literal)
    ]


def test_issue_texts_are_found(shipped) -> None:
    assert len(_issue_texts(shipped.graph)) > 20


@pytest.mark.parametrize("word", ["Eerder stond", "is verwijderd"])
def test_no_known_issue_tells_the_datasets_editing_history(shipped, word) -> None:
    told = [(i, t) for i, t in _issue_texts(shipped.graph) if word.lower() in t.lower()]
    assert told == []


def test_no_known_issue_speaks_of_this_data(shipped) -> None:
    told = [(i, t) for i, t in _issue_texts(shipped.graph) if _HISTORY.search(t)]
    assert told == []
