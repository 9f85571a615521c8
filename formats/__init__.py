"""The exchange formats, one module per format with its reader and its writer.

- :mod:`~zorgnet.formats.rdf`: Turtle, N-Triples and JSON-LD (Turtle and JSON-LD are
  read by the loaders, as part of a dataset folder);
- :mod:`~zorgnet.formats.hsds`: Open Referral HSDS 3.0, JSON or the CSV data package;
- :mod:`~zorgnet.formats.xlsx`: the Excel workbook (``zorgnet template``);
- :mod:`~zorgnet.formats.fhir`: a FHIR R4 directory bundle (written only);
- :mod:`~zorgnet.formats.network`: GraphML and GEXF for Gephi and Cytoscape (written only).

:func:`export_bytes` and :func:`read_import` are the one way in and out that the CLI
(``zorgnet export``, ``zorgnet import``) and the web app use. The format modules are
imported when a file is written or read, so that importing this package costs nothing.
"""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

    from zorgnet.loaders.dataset import Dataset

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "MEDIA_TYPES",
    "SUFFIXES",
    "export_bytes",
    "read_import",
]

EXPORT_FORMATS = ("turtle", "ntriples", "jsonld", "hsds", "fhir", "xlsx", "graphml", "gexf")
IMPORT_FORMATS = ("hsds", "xlsx", "jsonld")
MEDIA_TYPES = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "hsds": "application/json",
    "fhir": "application/fhir+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}
SUFFIXES = {
    "turtle": ".ttl",
    "ntriples": ".nt",
    "jsonld": ".jsonld",
    "hsds": ".hsds.json",
    "fhir": ".fhir.json",
    "xlsx": ".xlsx",
    "graphml": ".graphml",
    "gexf": ".gexf",
}
_NETWORK_FORMATS = ("graphml", "gexf")
_RDF_FORMATS = ("turtle", "ntriples", "jsonld")


def export_bytes(
    graph: "Graph",
    fmt: str,
    *,
    gemeente: str | None = None,
    team: str | None = None,
    schema: bool = False,
) -> bytes:
    """*graph* in any of :data:`EXPORT_FORMATS`, as the bytes of a file.

    Parameters
    ----------
    graph : Graph
        The store's data.
    fmt : str
        One of :data:`EXPORT_FORMATS`.
    gemeente, team : str, optional
        For ``graphml`` and ``gexf``: only the network of this area or team.
    schema : bool
        For ``turtle``, ``ntriples`` and ``jsonld``: the ontology and the SKOS
        vocabularies beside the data, so that a tool without the SPARQL endpoint has the
        classes and the concepts' labels too. Off by default: the export is then exactly
        the store.

    Raises
    ------
    ValueError
        For an unknown format, a subgraph asked of a format that is not a network, or
        the schema asked of a format that is not RDF.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> export_bytes(example_graph(), "turtle").startswith(b"@prefix")
    True
    >>> b"skos:prefLabel" in export_bytes(example_graph(), "ntriples", schema=True)
    False
    >>> b"/2004/02/skos/core#prefLabel>" in export_bytes(example_graph(), "ntriples", schema=True)
    True
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if (gemeente or team) and fmt not in _NETWORK_FORMATS:
        raise ValueError("a gemeente or team subgraph exists only for graphml and gexf")
    if schema and fmt not in _RDF_FORMATS:
        raise ValueError("the ontology and vocabularies go only with turtle, ntriples, jsonld")
    if fmt in _RDF_FORMATS:
        from zorgnet.formats.rdf import serialize

        return serialize(_with_schema(graph) if schema else graph, fmt).encode("utf-8")
    if fmt == "hsds":
        from zorgnet.formats.hsds import hsds_json

        return hsds_json(graph).encode("utf-8")
    if fmt == "fhir":
        from zorgnet.formats.fhir import fhir_json

        return fhir_json(graph).encode("utf-8")
    if fmt == "xlsx":
        from zorgnet.formats.xlsx import workbook_bytes

        return workbook_bytes(graph)
    from zorgnet.formats.network import network, network_text

    return network_text(network(graph, gemeente=gemeente, team=team), fmt).encode("utf-8")


def _with_schema(graph: "Graph") -> "Graph":
    """A new graph of *graph*'s triples and those of the ontology and vocabularies."""
    from rdflib import Graph

    from zorgnet.ontology.files import schema_graph

    union = Graph()
    for part in (graph, schema_graph()):
        for triple in part:
            union.add(triple)
    return union


def read_import(
    path: Path, fmt: str, base: "Graph | None" = None, *, language: str | None = None
) -> "Dataset":
    """Read and check *path* in *fmt* (one of :data:`IMPORT_FORMATS`) on top of *base*.

    Parameters
    ----------
    path : Path
        The file (or, for HSDS, the folder of the CSV data package).
    fmt : str
        ``hsds``, ``xlsx`` or ``jsonld``.
    base : Graph, optional
        The data already stored, which the records may refer to.
    language : str, optional
        For HSDS: the language of its texts (see :func:`~zorgnet.formats.hsds.read_hsds`).

    Returns
    -------
    Dataset
        The records' graph and a report; use the graph only when ``report.ok``.

    Raises
    ------
    ValueError
        For an unknown format.
    """
    if fmt == "hsds":
        from zorgnet.formats.hsds import read_hsds

        return read_hsds(path, base=base, language=language)
    if fmt == "xlsx":
        from zorgnet.formats.xlsx import read_xlsx

        return read_xlsx(path, base=base)
    if fmt == "jsonld":
        from zorgnet.loaders.dataset import read_dataset

        return read_dataset(path, base=base)
    raise ValueError(f"unknown import format {fmt!r}")
