"""The ontology is the one source of truth: the namespace, the shapes, the pydantic
models and the labels users see must all name exactly its terms."""

from rdflib import OWL, RDF, RDFS, SH, SKOS, Literal, URIRef

from zorgnet.ontology.files import ontology_graph, shapes_graph, vocabulary_graph
from zorgnet.ontology.models import record_models
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.schema import ValueKind, record_kinds

ZN_NS = str(ZN._NS)


def _zn_terms() -> set[str]:
    return {str(s)[len(ZN_NS) :] for s in ontology_graph().subjects() if str(s).startswith(ZN_NS)}


def test_the_defined_namespace_names_exactly_the_ontology_terms() -> None:
    declared = set(ZN.__annotations__) | set(ZN._extras)
    assert declared == _zn_terms()


def test_every_class_and_property_has_a_dutch_and_an_english_label() -> None:
    onto = ontology_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {s for k in kinds for s in onto.subjects(RDF.type, k)}
    assert len(terms) > 50
    for term in terms:
        languages = {
            lit.language for lit in onto.objects(term, RDFS.label) if isinstance(lit, Literal)
        }
        assert {"nl", "en"} <= languages, term
        definitions = {lit.language for lit in onto.objects(term, SKOS.definition)}
        assert {"nl", "en"} <= definitions, term


def test_every_concept_has_a_dutch_and_an_english_preferred_label_and_a_notation() -> None:
    vocab = vocabulary_graph()
    concepts = set(vocab.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 100
    for concept in concepts:
        languages = {lit.language for lit in vocab.objects(concept, SKOS.prefLabel)}
        assert {"nl", "en"} <= languages, concept
        assert vocab.value(concept, SKOS.notation) is not None, concept
        assert vocab.value(concept, SKOS.inScheme) is not None, concept


def test_every_concept_belongs_to_a_concept_class_of_the_ontology() -> None:
    concept_classes = set(ontology_graph().subjects(RDFS.subClassOf, SKOS.Concept))
    vocab = vocabulary_graph()
    for concept in vocab.subjects(RDF.type, SKOS.Concept):
        assert set(vocab.objects(concept, RDF.type)) & concept_classes, concept


def test_every_actor_type_points_to_an_actor_class() -> None:
    onto = ontology_graph()
    actor_classes = {ZN.Actor} | set(onto.transitive_subjects(RDFS.subClassOf, ZN.Actor))
    vocab = vocabulary_graph()
    for actor_type in vocab.subjects(RDF.type, ZN.ActorType):
        assert vocab.value(actor_type, ZN.actorClass) in actor_classes, actor_type


def test_shapes_use_only_ontology_classes_and_properties() -> None:
    onto, shapes = ontology_graph(), shapes_graph()
    classes = set(onto.subjects(RDF.type, OWL.Class))
    for cls in shapes.objects(None, SH.targetClass):
        assert cls in classes, cls
    for cls in shapes.objects(None, SH["class"]):
        assert cls in classes, cls
    for path in shapes.objects(None, SH.path):
        if str(path).startswith(ZN_NS):
            assert (path, RDF.type, None) in onto, path


def test_shape_classes_agree_with_the_ranges_of_the_ontology() -> None:
    onto = ontology_graph()
    for kind in record_kinds().values():
        for spec in kind.fields.values():
            declared = onto.value(spec.path, RDFS.range)
            if declared is None:  # a standard property (skos:prefLabel, org:member...)
                continue
            if spec.value_kind is ValueKind.REFERENCE:
                subclasses = {declared} | set(onto.transitive_subjects(RDFS.subClassOf, declared))
                assert spec.target in subclasses, (kind.key, spec.name)
            else:
                assert spec.target == declared, (kind.key, spec.name)


def test_every_zorgnet_data_property_is_used_by_some_shape() -> None:
    onto, shapes = ontology_graph(), shapes_graph()
    used = set(shapes.objects(None, SH.path))
    schema_only = {ZN.actorClass, ZN.opensContractedCare}  # said by the vocabularies, not the data
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, kind):
            assert prop in used or prop in schema_only, prop


def test_the_pydantic_models_have_exactly_the_shape_fields() -> None:
    models = record_models()
    assert set(models) == set(record_kinds())
    for key, kind in record_kinds().items():
        assert set(models[key].model_fields) == {"id", *kind.fields}, key


def test_required_fields_of_the_models_are_the_shapes_min_counts() -> None:
    for key, kind in record_kinds().items():
        model = record_models()[key]
        for name, spec in kind.fields.items():
            assert model.model_fields[name].is_required() == spec.required, (key, name)


def test_vocabulary_fields_accept_exactly_the_vocabulary() -> None:
    from zorgnet.ontology.vocabulary import vocabulary

    schema = record_models()["actors"].model_json_schema()
    scale_values = schema["properties"]["scale"]["enum"]
    assert sorted(scale_values) == vocabulary().notations(ZN.Scale)


def test_record_classes_are_ontology_classes_with_record_keys() -> None:
    classes = set(ontology_graph().subjects(RDF.type, OWL.Class))
    for kind in record_kinds().values():
        assert kind.rdf_class in classes
        assert isinstance(kind.rdf_class, URIRef)
