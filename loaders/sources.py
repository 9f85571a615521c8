"""The register of source documents (``bronnen.yaml``) and the citations that use it.

Every record cites ``"<seed> §<section>[, <locator>]"``; the register says which seeds
and sections exist, their titles, and the year of the situation each seed describes.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import DCTERMS, RDF, XSD, Graph, Literal, URIRef

from zorgnet.loaders.report import Position, Problem
from zorgnet.loaders.yaml_file import LinedDict, YamlFileError, read_yaml
from zorgnet.ontology.models import CITATION_PATTERN
from zorgnet.ontology.namespace import ID, ZN

__all__ = ["REGISTER_FILE", "Citation", "SourceRegister", "parse_citation", "read_register"]

REGISTER_FILE = "bronnen.yaml"
_CITATION = re.compile(CITATION_PATTERN)


@dataclass(frozen=True)
class Citation:
    """A parsed citation: seed id, section number, optional locator."""

    seed: str
    section: str
    locator: str | None


def parse_citation(text: str) -> Citation | None:
    """Parse ``"003 §4, afspraak 2"``; None when *text* is not a citation.

    Examples
    --------
    >>> parse_citation("003 §4, afspraak 2")
    Citation(seed='003', section='4', locator='afspraak 2')
    >>> parse_citation("seed 3") is None
    True
    """
    match = _CITATION.match(text)
    if match is None:
        return None
    return Citation(match["seed"], match["section"].strip(), match["locator"])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def section_iri(seed: str, section: str) -> URIRef:
    """The IRI of a section of a seed document."""
    return ID[f"source/{seed}/{_slug(section)}"]


@dataclass
class SourceRegister:
    """The documents and sections records may cite, as RDF and as a look-up."""

    graph: Graph = field(default_factory=Graph)
    years: dict[str, int] = field(default_factory=dict)
    sections: dict[tuple[str, str], URIRef] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)

    def section(self, citation: Citation) -> URIRef | None:
        return self.sections.get((citation.seed, citation.section))

    def sections_of(self, seed: str) -> list[str]:
        return [number for (doc, number) in self.sections if doc == seed]

    def add_document(
        self, seed: str, file: str, title: str, year: int, iri: URIRef | None = None
    ) -> URIRef:
        """Register a source document; its IRI defaults to ``.../id/source/<seed>``."""
        document = iri or ID[f"source/{seed}"]
        self.years[seed] = year
        self.files[seed] = file
        self.graph.add((document, RDF.type, ZN.SourceDocument))
        self.graph.add((document, ZN.fileName, Literal(file, datatype=XSD.string)))
        self.graph.add((document, DCTERMS.title, Literal(title, lang="nl")))
        self.graph.add((document, ZN.asOf, Literal(f"{year:04d}", datatype=XSD.gYear)))
        return document

    def add_section(
        self, seed: str, number: str, title: str, document: URIRef, iri: URIRef | None = None
    ) -> URIRef:
        """Register a section of *document* that records may cite as ``<seed> §<number>``."""
        section = iri or section_iri(seed, number)
        self.sections[(seed, number)] = section
        self.titles[(seed, number)] = title
        self.graph.add((section, RDF.type, ZN.SourceSection))
        self.graph.add((section, ZN.sectionNumber, Literal(number, datatype=XSD.string)))
        self.graph.add((section, DCTERMS.title, Literal(title, lang="nl")))
        self.graph.add((section, DCTERMS.isPartOf, document))
        return section


def _problem(position: Position, message: str, hint: str) -> Problem:
    return Problem.at(position, message, hint=hint, rule="bronnenregister")


def read_register(path: Path, display: str | None = None) -> tuple[SourceRegister, list[Problem]]:
    """Read a ``bronnen.yaml`` register.

    Parameters
    ----------
    path : Path
        The register file.
    display : str, optional
        How to name the file in messages.

    Returns
    -------
    (SourceRegister, list of Problem)
        The register (partial when there are problems) and the problems found.
    """
    name = display or str(path)
    register = SourceRegister()
    try:
        data = read_yaml(path, name)
    except YamlFileError as exc:
        return register, [exc.problem]
    documents = data.get("documents") if isinstance(data, LinedDict) else None
    if not isinstance(documents, list):
        return register, [
            _problem(
                Position(name, 1),
                "geen lijst 'documents' gevonden",
                "zet de brondocumenten onder 'documents:'",
            )
        ]
    problems: list[Problem] = []
    for doc in documents:
        at = Position(name, getattr(doc, "line", None))
        if not isinstance(doc, LinedDict) or not all(
            k in doc for k in ("id", "file", "title", "asOf")
        ):
            problems.append(
                _problem(
                    at,
                    "document mist id, file, title of asOf",
                    "geef elk document id, file, title, asOf en sections",
                )
            )
            continue
        seed = str(doc["id"])
        if not re.fullmatch(r"\d{3}", seed) or seed in register.years:
            problems.append(
                _problem(
                    at,
                    f"document-id {seed!r} is geen nieuw getal van drie cijfers",
                    "gebruik het nummer vóór de underscore van de bestandsnaam",
                )
            )
            continue
        doc_iri = register.add_document(seed, str(doc["file"]), str(doc["title"]), int(doc["asOf"]))
        for sec in doc.get("sections") or []:
            sat = Position(name, getattr(sec, "line", None))
            if not isinstance(sec, LinedDict) or "number" not in sec or "title" not in sec:
                problems.append(
                    _problem(
                        sat,
                        "paragraaf mist number of title",
                        "geef elke paragraaf een number en een title",
                    )
                )
                continue
            number = str(sec["number"])
            if (seed, number) in register.sections:
                problems.append(
                    _problem(
                        sat,
                        f"paragraaf {number!r} van {seed} staat er twee keer",
                        "verwijder de dubbele paragraaf",
                    )
                )
                continue
            register.add_section(seed, number, str(sec["title"]), doc_iri)
    return register, problems
