"""Reading the Turtle files that ship with the package."""

from functools import cache
from pathlib import Path

from rdflib import Graph

__all__ = [
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILE",
    "ontology_graph",
    "schema_graph",
    "shapes_graph",
    "vocabulary_files",
    "vocabulary_graph",
]

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILE = ONTOLOGY_DIR / "zorgnet.ttl"


def vocabulary_files() -> list[Path]:
    """The Turtle files of the SKOS concept schemes, ``vocabularies/*.ttl``, sorted."""
    return sorted((ONTOLOGY_DIR / "vocabularies").glob("*.ttl"))


def _parse(paths: list[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@cache
def ontology_graph() -> Graph:
    """The OWL ontology (classes and properties), ``zorgnet.ttl``."""
    return _parse([ONTOLOGY_FILE])


@cache
def vocabulary_graph() -> Graph:
    """All SKOS concept schemes of ``vocabularies/``."""
    return _parse(vocabulary_files())


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes of ``shapes/``."""
    return _parse(sorted((ONTOLOGY_DIR / "shapes").glob("*.ttl")))


@cache
def schema_graph() -> Graph:
    """Ontology and vocabularies together: what validation needs beside the data."""
    graph = Graph()
    for part in (ontology_graph(), vocabulary_graph()):
        for triple in part:
            graph.add(triple)
    return graph
