"""Plain words for the pages' filters and texts: a value chosen by its id or its Dutch
label (any case, accents or not; :mod:`~zorgnet.graph.analyses.names`), refused with
the labels of close values, and record ids in a text read as their labels."""

from __future__ import annotations

import difflib
from functools import cache

import networkx as nx

from zorgnet.graph.analyses.names import area_name, concept_name
from zorgnet.graph.analyses.search import normalize
from zorgnet.graph.analyses.texts import text_parts
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label, vocabulary

__all__ = ["choose_area", "choose_concept", "readable"]


def _unknown(what: str, value: str, names: dict[str, str]) -> UnknownName:
    """``UnknownName`` for *value*, suggesting the labels of *names* (normalized name →
    label) closest to it: the user chose by label, so the suggestions are labels too."""
    close = difflib.get_close_matches(normalize(value), sorted(names), n=3, cutoff=0.5)
    return UnknownName(what, value, list(dict.fromkeys(names[c] for c in close)))


def choose_area(G: nx.MultiDiGraph, value: str | None, what: str = "gemeente") -> str | None:
    """The id of the area *value* names by id or label; None for no choice.

    Raises ``UnknownName`` with the labels of close areas when no area matches.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> choose_area(G, "HILVERSUM"), choose_area(G, ""), choose_area(G, "hilversum-oost")
    ('hilversum', None, 'hilversum-oost')
    >>> choose_area(G, "Hilversun")
    Traceback (most recent call last):
    ...
    zorgnet.ontology.exceptions.UnknownName: Onbekende gemeente: 'Hilversun'. Bedoelde u: ...
    """
    if not value:
        return None
    areas = G.graph["areas"]
    found = area_name(G, value)
    if found in areas:
        return found
    names: dict[str, str] = {}
    for area in sorted(areas.values(), key=lambda a: a.id):
        names.setdefault(normalize(area.label), area.label)
        names.setdefault(normalize(area.id), area.label)
    raise _unknown(what, value, names)


@cache
def _concepts(concept_class: str) -> dict[str, str]:
    """Normalized notation or label → notation, for the vocabulary of *concept_class*
    (the names a suggestion is chosen from)."""
    found: dict[str, str] = {}
    for notation in vocabulary().notations(ZN[concept_class]):
        found.setdefault(normalize(notation), notation)
        found.setdefault(normalize(concept_label(concept_class, notation)), notation)
    return found


def choose_concept(value: str | None, concept_class: str, what: str) -> str | None:
    """The notation of the vocabulary value *value* names by notation or label.

    Examples
    --------
    >>> choose_concept("Jeugd-GGZ", "HelpKind", "soort hulp")
    'jeugd-ggz'
    >>> choose_concept("Wet maatschappelijke ondersteuning 2015", "LegalBasis", "wet")
    'wmo-2015'
    >>> choose_concept("jeugd ggs", "HelpKind", "soort hulp")
    Traceback (most recent call last):
    ...
    zorgnet.ontology.exceptions.UnknownName: Onbekende soort hulp: 'jeugd ggs'. Bedoelde u: ...
    """
    if not value:
        return None
    found = concept_name(concept_class, value)
    if found in vocabulary().notations(ZN[concept_class]):
        return found
    labels = {name: concept_label(concept_class, n) for name, n in _concepts(concept_class).items()}
    raise _unknown(what, value, labels)


def readable(G: nx.MultiDiGraph, text: str) -> str:
    """*text* with every record id it cites replaced by that record's label
    (:func:`~zorgnet.graph.analyses.texts.text_parts` without the pages).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> readable(example_projection(), "Zie poh-jeugd, regisseur-doorbraak of geen-record.")
    'Zie poh jeugd, doorbraakregisseur: doorbraak forceren of geen-record.'
    """
    return "".join(part.text for part in text_parts(G, text))
