"""A dataset's triples as N-Triples text, one block per record.

A national network is 1.5 M triples: ≈ 1.6 GB as an rdflib graph, 0.25 GB as N-Triples
text. So the loaders keep what they read as text, in blocks that SHACL can check a part at
a time (:func:`zorgnet.loaders.shacl.shacl_problems`) and the store can load as one file;
an rdflib graph is made only on request (:meth:`Triples.graph`), for a record or a region.

Triples that are not records (the source register, RDF files) are few and may use blank
nodes, so they stay one rdflib graph, :attr:`Triples.other`.
"""

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["Block", "Triples", "nt_line", "nt_text"]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_TYPE = f"<{RDF.type}>"


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        quoted = f'"{str(node).translate(_ESCAPES)}"'
        if node.language:
            return f"{quoted}@{node.language}"
        return f"{quoted}^^<{node.datatype}>" if node.datatype else quoted
    raise TypeError(f"geen RDF-term: {node!r}")


def nt_line(triple: tuple[Node, Node, Node]) -> str:
    """One triple as a line of N-Triples, newline included."""
    s, p, o = triple
    return f"{_term(s)} {_term(p)} {_term(o)} .\n"


def nt_text(triples: Iterable[Any]) -> str:
    """*triples* (an rdflib graph, or rdflib triples) as N-Triples lines."""
    return "".join(nt_line(t) for t in triples)


@dataclass(frozen=True, slots=True)
class Block:
    """The triples of one record (and its citations) as N-Triples lines.

    Attributes
    ----------
    text : str
        The lines, each ending in a newline, no triple twice.
    subjects : tuple of str
        The IRIs the lines are about.
    references : tuple of str
        The IRIs of the other nodes the record refers to: what SHACL needs the types of.
    """

    text: str
    subjects: tuple[str, ...]
    references: tuple[str, ...]


class Triples:
    """The triples a loader read: record blocks, and the other triples as a graph.

    Examples
    --------
    >>> from rdflib import RDFS
    >>> triples = Triples()
    >>> a, b = URIRef("urn:x:a"), URIRef("urn:x:b")
    >>> triples.add_record([(a, RDF.type, RDFS.Class), (a, RDFS.seeAlso, b)])
    >>> len(triples), triples.blocks[0].references
    (2, ('urn:x:b',))
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.other = Graph()
        self._types: dict[str, str] = {}
        self._size = 0
        self._graph: Graph | None = None

    def add_record(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Add the triples of one record (its IRIs only, no blank nodes) as a block."""
        lines: dict[str, None] = {}
        subjects: dict[str, list[str]] = {}
        objects: dict[str, None] = {}
        for s, p, o in triples:
            line = nt_line((s, p, o))
            if line in lines:
                continue
            lines[line] = None
            subjects.setdefault(sys.intern(str(s)), [])
            if p == RDF.type:
                subjects[str(s)].append(line)
            elif isinstance(o, URIRef):
                objects[sys.intern(str(o))] = None
        for subject, types in subjects.items():
            self._types[subject] = "".join(types)
        self.blocks.append(
            Block(
                "".join(lines),
                tuple(subjects),
                tuple(o for o in objects if o not in subjects),
            )
        )
        self._size += len(lines)
        self._graph = None

    def add_graph(self, graph: Graph) -> None:
        """Add triples that are not records (a source register, an RDF file)."""
        self.other += graph
        self._graph = None

    def extend(self, other: "Triples") -> None:
        """Add everything of *other*."""
        self.blocks.extend(other.blocks)
        self._types.update(other._types)
        self._size += other._size
        self.other += other.other
        self._graph = None

    def __len__(self) -> int:
        """The number of lines: triples, counting one in both a record and ``other`` twice."""
        return self._size + len(self.other)

    def subjects(self) -> Iterator[str]:
        """The IRIs of the subjects: of the records' blocks, then of ``other``."""
        for block in self.blocks:
            yield from block.subjects
        for subject in self.other.subjects(unique=True):
            if isinstance(subject, URIRef):
                yield str(subject)

    def types_of(self, iri: str) -> str:
        """The ``rdf:type`` lines of *iri*, from the records or from ``other``."""
        if iri in self._types:
            return self._types[iri]
        return nt_text(self.other.triples((URIRef(iri), RDF.type, None)))

    def graph(self, of_type: URIRef | None = None) -> Graph:
        """An rdflib graph of the triples, or of ``other`` and the records of one class.

        Parameters
        ----------
        of_type : URIRef, optional
            Only the records of this class (with all of ``other``).

        Returns
        -------
        Graph
            For a record or a region, not for a national network. The graph of all
            triples is made once and kept until triples are added: do not change it.
        """
        if of_type is None and self._graph is not None:
            return self._graph
        blocks = self.blocks
        if of_type is not None:
            line = f"{_TYPE} <{of_type}> .\n"
            blocks = [b for b in blocks if line in self._types[b.subjects[0]]]
        graph = Graph() + self.other
        text = "".join(b.text for b in blocks)
        if text:
            graph.parse(data=text, format="nt")
        if of_type is None:
            self._graph = graph
        return graph

    def write(self, stream: BinaryIO) -> None:
        """Write every triple to *stream* as N-Triples in UTF-8."""
        for block in self.blocks:
            stream.write(block.text.encode("utf-8"))
        stream.write(nt_text(self.other).encode("utf-8"))
