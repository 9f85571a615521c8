"""The vocabulary look-ups, read from the Turtle files with pyoxigraph, give what rdflib's
reading of the same files gives: every concept by class and notation, every label."""

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from zorgnet.ontology.files import ontology_graph, vocabulary_graph
from zorgnet.ontology.vocabulary import _chosen, _labels, _read, class_label, label_of, vocabulary


def test_concepts_by_class_and_notation_are_rdflibs() -> None:
    graph = vocabulary_graph()
    concept_classes = set(ontology_graph().subjects(RDFS.subClassOf, SKOS.Concept))
    expected: dict[URIRef, dict[str, URIRef]] = {cls: {} for cls in concept_classes}
    for concept, cls in graph.subject_objects(RDF.type):
        if cls in concept_classes:
            expected[cls][str(graph.value(concept, SKOS.notation))] = concept
    assert sum(len(concepts) for concepts in expected.values()) > 100
    assert vocabulary().by_class == expected


@pytest.mark.parametrize("lang", ["nl", "en", "de"])
def test_every_label_is_rdflibs(lang: str) -> None:
    vocab, onto = vocabulary_graph(), ontology_graph()
    concepts = {s for s in vocab.subjects() if isinstance(s, URIRef)}
    classes = {s for s in onto.subjects() if isinstance(s, URIRef)}
    assert len(concepts) > 100 and len(classes) > 50
    assert {c: vocabulary().label(c, lang) for c in concepts} == {
        c: label_of(vocab, c, lang) for c in concepts
    }
    assert {c: class_label(str(c), lang) for c in classes} == {
        c: label_of(onto, c, lang) for c in classes
    }
    # An IRI the files do not label reads as its tail, as label_of reads it.
    unknown = URIRef("https://w3id.org/zorgnet/vocab/domains/bestaat-niet")
    assert vocabulary().label(unknown, lang) == label_of(vocab, unknown, lang) == "bestaat-niet"


def test_the_label_chosen_from_a_file_is_rdflibs(tmp_path: Path) -> None:
    # Cases the shipped files do not have: both label kinds, no label in the language,
    # an empty label first, and the same triple twice.
    path = tmp_path / "labels.ttl"
    path.write_text(
        """
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix x: <urn:x:> .
        x:both rdfs:label "rdfs-nl"@nl ; skos:prefLabel "pref-en"@en , "pref-nl"@nl .
        x:rdfs rdfs:label "alleen-en"@en , "nl"@nl .
        x:english skos:prefLabel "english"@en .
        x:empty skos:prefLabel ""@en , "tweede"@de .
        x:plain rdfs:label "zonder taal" , "zonder taal" .
        x:iri skos:prefLabel x:thing .
        x:none rdfs:comment "geen label" .
        """,
        encoding="utf-8",
    )
    graph = Graph().parse(path, format="turtle")
    labels = _labels(_read([path]))
    for node in ("both", "rdfs", "english", "empty", "plain", "iri", "none"):
        iri = URIRef(f"urn:x:{node}")
        for lang in ("nl", "en", "de"):
            assert _chosen(labels.get(str(iri), ()), iri, lang) == label_of(graph, iri, lang), (
                node,
                lang,
            )
