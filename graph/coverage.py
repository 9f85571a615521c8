"""Which parts of the source documents the data cites, and which it leaves out.

Examples
--------
>>> from rdflib import Graph
>>> source_coverage(Graph()).uncited
[]
"""

from dataclasses import dataclass

from rdflib import Graph

from zorgnet.ontology.namespace import ZN

__all__ = ["SectionCoverage", "SourceCoverage", "source_coverage"]


@dataclass(frozen=True)
class SectionCoverage:
    """How many records cite one section of one source document."""

    document: str
    file: str
    section: str
    title: str
    records: int


@dataclass(frozen=True)
class SourceCoverage:
    """Citation counts for every registered section, in document order."""

    sections: list[SectionCoverage]

    @property
    def uncited(self) -> list[SectionCoverage]:
        """The sections that no record cites."""
        return [s for s in self.sections if s.records == 0]


def source_coverage(graph: Graph) -> SourceCoverage:
    """Count, for each section of each source document, the records that cite it.

    Parameters
    ----------
    graph : Graph
        The data, including the register of source documents (``bronnen.yaml``).

    Returns
    -------
    SourceCoverage
        One entry per registered section, uncited ones included.
    """
    query = f"""
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?doc ?file ?number ?title (COUNT(DISTINCT ?record) AS ?n) WHERE {{
          ?section a <{ZN.SourceSection}> ; <{ZN.sectionNumber}> ?number ;
                   dct:title ?title ; dct:isPartOf ?docIri .
          ?docIri <{ZN.fileName}> ?file .
          BIND(REPLACE(STR(?docIri), "^.*/", "") AS ?doc)
          OPTIONAL {{ ?record <{ZN.citation}> ?c . ?c <{ZN.section}> ?section }}
        }} GROUP BY ?doc ?file ?number ?title ORDER BY ?doc ?number"""
    rows = [
        SectionCoverage(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]))
        for r in graph.query(query)
    ]
    return SourceCoverage(rows)
