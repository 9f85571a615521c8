"""Texts from the data as a reader sees them: a description or a reading of a known
issue may name records by id; each id becomes the record's label
(:func:`~zorgnet.graph.analyses.sources.record_reference`), with its page, so that a page
can link it and no record id reaches a reader."""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses.sources import record_reference

__all__ = ["TextPart", "text_parts"]

# A slug: lower-case words joined by hyphens (a record id the data may cite in a text).
_SLUG = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")


@dataclass(frozen=True)
class TextPart:
    """A piece of a text from the data: plain words, or the label of a record the text
    names by id, with that record's page (``(kind, id)``, see
    :class:`~zorgnet.graph.analyses.sources.RecordReference`)."""

    text: str
    page: tuple[str, str] | None = None


def text_parts(G: nx.MultiDiGraph, text: str) -> tuple[TextPart, ...]:
    """*text* in pieces, every record id it cites replaced by that record's label.

    A page shows a text from the data (a description, a reading of a known issue)
    through this function, so that no record id reaches a reader: the id becomes the
    record's label, linked to its page where it has one.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> for part in text_parts(example_projection(), "Zie poh-jeugd."):
    ...     print(repr(part.text), part.page)
    'Zie ' None
    'poh jeugd' ('actor', 'poh-jeugd')
    '.' None
    """
    parts: list[TextPart] = []
    start = 0
    for match in _SLUG.finditer(text):
        reference = record_reference(G, match.group())
        if reference is None or not reference.label:
            continue
        if match.start() > start:
            parts.append(TextPart(text[start : match.start()]))
        parts.append(TextPart(reference.label, reference.page))
        start = match.end()
    if start < len(text) or not parts:
        parts.append(TextPart(text[start:]))
    return tuple(parts)
