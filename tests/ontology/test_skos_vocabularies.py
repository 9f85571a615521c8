"""The SKOS vocabularies as NL-SBB asks: every concept a Dutch definition with its
source, every scheme its top concepts, SKOS's integrity conditions, and the legal bases
with their identifiers in the Basiswettenbestand (BWB)."""

import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import DCTERMS, RDF, SKOS, Literal, URIRef

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders.sources import SourceRegister, parse_citation, read_register
from zorgnet.ontology.files import vocabulary_graph
from zorgnet.ontology.namespace import VOCAB

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DERIVED = Literal("definitie afgeleid van het label; de bronnen geven geen definitie", lang="nl")
# A law is cited by name, place and BWB id: "Jeugdwet, artikel 1.1 (BWBR0034925)".
LAW = re.compile(r"^[A-Z][^,]+, .+ \((BWBR\d{7})\)$|^Burgerlijk Wetboek, Boek 1 \(.+\)$")
LINES = re.compile(r"regel (\d+)(?:-(\d+))?$")


@pytest.fixture(scope="module")
def register() -> SourceRegister:
    register, problems = read_register(SHIPPED_DATASET / "bronnen.yaml")
    assert not problems
    return register


def _concepts() -> list[URIRef]:
    graph = vocabulary_graph()
    return sorted(URIRef(c) for c in graph.subjects(RDF.type, SKOS.Concept))


def test_does_every_concept_have_a_dutch_definition_and_say_where_it_comes_from() -> None:
    graph = vocabulary_graph()
    concepts = _concepts()
    assert len(concepts) > 150
    derived = 0
    for concept in concepts:
        dutch = [d for d in graph.objects(concept, SKOS.definition) if d.language == "nl"]
        assert len(dutch) == 1, concept
        sources = list(graph.objects(concept, DCTERMS.source))
        marked = (concept, SKOS.editorialNote, DERIVED) in graph
        assert sources or marked, concept
        assert not (sources and marked), concept
        derived += marked
    # Most definitions come from the seeds or the law; few only restate the label.
    assert derived < len(concepts) / 5


def test_does_every_cited_seed_section_exist_with_the_cited_lines(
    register: SourceRegister,
) -> None:
    graph = vocabulary_graph()
    lengths = {
        seed: len((SEEDS / file).read_text(encoding="utf-8").splitlines())
        for seed, file in register.files.items()
    }
    cited = [str(s) for s in graph.objects(None, DCTERMS.source)]
    assert len(cited) > 150
    for text in cited:
        if LAW.match(text):
            continue
        citation = parse_citation(text)
        assert citation is not None, text
        assert register.section(citation) is not None, text
        lines = LINES.search(citation.locator or "")
        if lines:
            first, last = int(lines[1]), int(lines[2] or lines[1])
            assert 1 <= first <= last <= lengths[citation.seed], text


def test_does_every_scheme_list_exactly_its_concepts_without_broader_as_top_concepts() -> None:
    graph = vocabulary_graph()
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 16
    for scheme in schemes:
        members = set(graph.subjects(SKOS.inScheme, scheme))
        without_broader = {c for c in members if graph.value(c, SKOS.broader) is None}
        tops = set(graph.objects(scheme, SKOS.hasTopConcept))
        assert tops, scheme
        assert tops == without_broader == set(graph.subjects(SKOS.topConceptOf, scheme)), scheme


def test_do_the_vocabularies_keep_the_skos_integrity_conditions() -> None:
    graph = vocabulary_graph()
    for concept in _concepts():
        # S14: one preferred label per language; S13: preferred and alternative disjoint.
        languages = Counter(label.language for label in graph.objects(concept, SKOS.prefLabel))
        assert languages and max(languages.values()) == 1, concept
        preferred = set(graph.objects(concept, SKOS.prefLabel))
        assert not preferred & set(graph.objects(concept, SKOS.altLabel)), concept
        # A top concept has nothing broader in its scheme.
        if graph.value(concept, SKOS.topConceptOf) is not None:
            assert graph.value(concept, SKOS.broader) is None, concept
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        # Within one scheme no two concepts share a preferred label in a language.
        labels = Counter(
            (str(label), label.language)
            for concept in graph.subjects(SKOS.inScheme, scheme)
            for label in graph.objects(concept, SKOS.prefLabel)
        )
        assert max(labels.values()) == 1, (scheme, labels.most_common(1))


def test_do_the_laws_carry_their_identifiers_in_the_basiswettenbestand() -> None:
    graph = vocabulary_graph()
    expected = {
        "jeugdwet": "BWBR0034925",
        "wmo-2015": "BWBR0035362",
        "participatiewet": "BWBR0015703",
    }
    for notation, bwb in expected.items():
        law = VOCAB[f"legalbases/{notation}"]
        assert graph.value(law, DCTERMS.identifier) == Literal(bwb), notation
        assert graph.value(law, SKOS.exactMatch) == URIRef(f"https://wetten.overheid.nl/{bwb}")
    # The others say why they have none, instead of an identifier nobody checked.
    for law in graph.subjects(SKOS.inScheme, VOCAB["legalbases"]):
        if graph.value(law, DCTERMS.identifier) is None:
            notes = [str(n) for n in graph.objects(law, SKOS.editorialNote)]
            assert any(n.startswith("geen BWB-identificatie") for n in notes), law
