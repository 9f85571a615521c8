"""Records kept as N-Triples text: what goes in comes out, as a graph and as a file."""

import io

from pyoxigraph import RdfFormat, parse
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from zorgnet.loaders.dataset import Dataset
from zorgnet.loaders.triples import Triples, nt_line
from zorgnet.ontology.namespace import ZN

A, B = URIRef("https://w3id.org/zorgnet/id/actor/a"), URIRef("https://w3id.org/zorgnet/id/actor/b")
AWKWARD = [
    Literal('een "quote", een \\ en\neen regel\r terug', lang="nl"),
    Literal("Één café ✓"),
    Literal("2024", datatype=XSD.gYear),
    Literal("12.5", datatype=XSD.decimal),
    Literal("", datatype=XSD.string),
]


def test_awkward_literals_read_back_as_they_were_written() -> None:
    for value in AWKWARD:
        line = nt_line((A, RDFS.label, value))
        assert Graph().parse(data=line, format="nt").value(A, RDFS.label) == value


def test_the_graph_and_the_file_hold_the_records_and_the_other_triples() -> None:
    triples = Triples()
    triples.add_record([(A, RDF.type, ZN.Actor), *((A, RDFS.label, v) for v in AWKWARD)])
    triples.add_record([(B, RDF.type, ZN.Actor), (B, RDFS.seeAlso, A), (B, RDF.type, ZN.Actor)])
    other = Graph()
    other.add((BNode(), RDFS.comment, Literal("over a")))
    triples.add_graph(other)
    expected = Graph()
    expected.add((A, RDF.type, ZN.Actor))
    for value in AWKWARD:
        expected.add((A, RDFS.label, value))
    expected += [(B, RDF.type, ZN.Actor), (B, RDFS.seeAlso, A)]
    expected += other
    assert len(triples) == len(expected) == 9
    assert isomorphic(triples.graph(), expected)
    written = io.BytesIO()
    triples.write(written)
    assert len(list(parse(written.getvalue(), format=RdfFormat.N_TRIPLES))) == 9
    assert triples.blocks[1].references == (str(A),)
    assert triples.types_of(str(B)) == nt_line((B, RDF.type, ZN.Actor))


def test_the_records_of_one_class_come_with_the_other_triples() -> None:
    triples = Triples()
    triples.add_record([(A, RDF.type, ZN.KnownIssue), (A, RDFS.label, Literal("x"))])
    triples.add_record([(B, RDF.type, ZN.Actor)])
    triples.add_graph(Graph().add((B, RDFS.comment, Literal("y"))))
    issues = triples.graph(of_type=ZN.KnownIssue)
    assert set(issues.subjects()) == {A, B}
    assert (B, RDF.type, ZN.Actor) not in issues


def test_a_dataset_graph_is_made_again_after_more_triples_are_added() -> None:
    dataset = Dataset()
    dataset.triples.add_record([(A, RDF.type, ZN.Actor)])
    assert len(dataset.graph) == 1
    dataset.triples.add_record([(B, RDF.type, ZN.Actor)])
    assert len(dataset.graph) == 2
