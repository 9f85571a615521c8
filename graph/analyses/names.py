"""Names as a user types them, to the ids and notations the analyses take.

A form or a shared link may say ``Huisarts``, ``huisarts``, ``Jeugd-GGZ`` or ``Gooise
Meren`` where the analyses take ``huisarts``, ``jeugd-ggz`` and ``gooise-meren``. These
functions accept an id or notation and a label alike, regardless of case and accents
(:func:`~zorgnet.graph.analyses.search.normalize`). A name that matches nothing, or two
different things, is returned as given, so that the analysis it is passed to refuses it
with its own message and close names.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_projection
>>> G = example_projection()
>>> actor_or_type_name(G, "Huisarts"), concept_name("HelpKind", "Jeugd-GGZ")
('huisarts', 'jeugd-ggz')
>>> area_name(G, "HILVERSUM"), area_name(G, None)
('hilversum', None)
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from zorgnet.graph.analyses._common import memo
from zorgnet.graph.analyses.search import normalize
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label, vocabulary

__all__ = ["actor_or_type_name", "area_name", "concept_name"]


def _match(text: str, names: Iterable[tuple[str, str]]) -> str:
    """The one id among ``(id, name)`` pairs whose id or name is *text* as a user means it."""
    wanted = normalize(text)
    found = {ident for ident, name in names if normalize(name) == wanted}
    return found.pop() if len(found) == 1 else text


def _concept_names(concept_class: str) -> tuple[tuple[str, str], ...]:
    notations = vocabulary().notations(ZN[concept_class])
    return tuple((n, name) for n in notations for name in (n, concept_label(concept_class, n)))


def concept_name(concept_class: str, text: str | None) -> str | None:
    """The notation of the value of *concept_class* that *text* names, or *text*.

    Parameters
    ----------
    concept_class : str
        The local name of the concept class, e.g. ``"HelpKind"``.
    text : str or None
        A notation or a label, in any case.

    Returns
    -------
    str or None
        The notation; *text* itself when it names none or several; None for None.

    Examples
    --------
    >>> concept_name("HelpKind", "SPOEDEISENDE HULP EN CRISISHULP")
    'crisishulp'
    >>> concept_name("HelpKind", "bestaat niet")
    'bestaat niet'
    """
    if text is None or text in vocabulary().notations(ZN[concept_class]):
        return text
    return _match(text, _concept_names(concept_class))


def area_name(G: nx.MultiDiGraph, text: str | None) -> str | None:
    """The id of the area of *G* that *text* names (its id or label), or *text*.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> area_name(example_projection(), "Hilversum")
    'hilversum'
    """
    areas = G.graph["areas"]
    if text is None or text in areas:
        return text
    names = memo(
        G,
        "names-areas",
        lambda: tuple((a.id, name) for a in areas.values() for name in (a.id, a.label)),
    )
    return _match(text, names)


def actor_or_type_name(G: nx.MultiDiGraph, text: str) -> str:
    """The actor id or actor type that *text* names, or *text*.

    A route question starts at an actor or at every actor of a kind
    (:func:`~zorgnet.graph.analyses.routes.referral_routes`); *text* may be either's id
    or label. A kind comes before an actor of the same name: ``huisarts`` is the kind.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> actor_or_type_name(G, "Praktijkondersteuner jeugd (POH-jeugd)")
    'poh-jeugd'
    >>> actor_or_type_name(G, "Gemeente Hilversum")
    'gemeente-hilversum'
    """
    if text in G or text in vocabulary().notations(ZN.ActorType):
        return text
    kind = _match(text, _concept_names("ActorType"))
    if kind != text:
        return kind
    names = memo(
        G,
        "names-actors",
        lambda: tuple((a, name) for a, data in G.nodes(data=True) for name in (a, data["label"])),
    )
    return _match(text, names)
