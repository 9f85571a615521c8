"""What a reasoner makes of the ontology: under RDFS the shipped data still passes its own
shapes (official pySHACL), and no zorgnet term claims a PROV reading that is wrong."""

import pyshacl
import pytest
from rdflib import PROV, RDFS, Graph

from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.files import ontology_graph, schema_graph, shapes_graph
from zorgnet.ontology.namespace import ZN


@pytest.mark.slow
def test_does_the_shipped_data_still_conform_when_pyshacl_reasons_with_rdfs(
    shipped: Dataset,
) -> None:
    data = Graph()
    for part in (shipped.graph, schema_graph()):
        for triple in part:
            data.add(triple)
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="rdfs", allow_warnings=True
    )
    assert conforms, text[:3000]


def test_is_a_source_document_left_out_of_the_records_by_the_domain_of_its_year() -> None:
    # zn:asOf is on source documents too: a domain of zn:Record made them records.
    assert ontology_graph().value(ZN.asOf, RDFS.domain) == PROV.Entity


def test_does_a_prov_reader_see_no_relation_target_as_its_influencer() -> None:
    onto = ontology_graph()
    influencers = {PROV.influencer, PROV.agent, PROV.entity, PROV.activity}
    for prop in (ZN["from"], ZN.to):
        assert not set(onto.transitive_objects(prop, RDFS.subPropertyOf)) & influencers, prop
    assert (ZN.Relation, RDFS.subClassOf, PROV.Influence) not in onto
