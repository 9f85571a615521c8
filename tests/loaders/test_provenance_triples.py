"""What a PROV or ORG tool without a reasoner sees in the stored data: each record
``prov:wasDerivedFrom`` the sections it cites, an edited record ``prov:wasAttributedTo``
the editor's role, and the ORG term of a part-of where one fits, on both backends."""

from pathlib import Path

import pytest
from rdflib import DCTERMS, ORG, PROV, RDF, RDFS, Graph, URIRef

from zorgnet.core.editing import apply_edit
from zorgnet.core.loading import load
from zorgnet.graph.backends import open_store
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset, read_dataset
from zorgnet.loaders.standard_terms import graph_standard_triples
from zorgnet.ontology.files import ontology_graph
from zorgnet.ontology.namespace import ID, ZN

REGISTER = (Path(__file__).parent / "fixture-bronnen.yaml").read_text(encoding="utf-8")
ACTORS = """\
actors:
  - id: gemeente-x
    label: Gemeente X
    type: gemeente
    scale: lokaal
    source: "003 §4"
  - id: team-x
    label: Team X
    type: buurtteam
    scale: lokaal
    partOf: gemeente-x
    source: ["003 §4, regel 1", "003 §4, regel 2"]
  - id: consulent-x
    label: jeugdconsulent van team X
    type: jeugdconsulent
    scale: lokaal
    partOf: team-x
    source: "003 §4"
  - id: pilot-x
    label: pilot X
    type: pilot
    scale: lokaal
    partOf: gemeente-x
    source: "003 §4"
"""
SECTION = URIRef("https://w3id.org/zorgnet/id/source/003/4")


def _actor(record_id: str) -> URIRef:
    return ID[f"actor/{record_id}"]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A dataset of a gemeente, its team, a role in the team and a pilot."""
    (tmp_path / "bronnen.yaml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    return tmp_path


def test_does_every_shipped_record_say_in_prov_which_sections_it_is_derived_from(
    shipped: Dataset,
) -> None:
    graph = shipped.graph
    records = set(graph.subjects(RDF.type, ZN.Record))
    derived = {(s, o) for s, o in graph.subject_objects(PROV.wasDerivedFrom)}
    cited = {
        (record, section)
        for record, citation in graph.subject_objects(ZN.citation)
        for section in graph.objects(citation, ZN.section)
    }
    assert len(records) > 500
    assert derived == cited
    assert {record for record, _ in derived} == records
    assert all((s, RDF.type, ZN.SourceSection) in graph for _, s in derived)


def test_does_an_org_tool_see_which_shipped_units_belong_to_which_organisation(
    shipped: Dataset,
) -> None:
    graph = shipped.graph
    usd = _actor("usd-hilversum")
    assert (usd, ORG.unitOf, _actor("gemeente-hilversum")) in graph
    assert (_actor("hilversum-gezinsregisseurs"), ORG.postIn, usd) in graph
    # Each ORG statement stands beside the dct:isPartOf it comes from.
    for term in (ORG.unitOf, ORG.subOrganizationOf, ORG.postIn):
        for part, whole in graph.subject_objects(term):
            assert (part, DCTERMS.isPartOf, whole) in graph
    # An area is part of an area: ORG has no term for that.
    areas = set(graph.subjects(RDF.type, ZN.Area))
    org_parts = {
        s for t in (ORG.unitOf, ORG.subOrganizationOf, ORG.postIn) for s in graph.subjects(t)
    }
    assert areas and not areas & org_parts


def test_is_a_pilot_part_of_a_gemeente_left_without_an_org_term(small: Path) -> None:
    graph = read_dataset(small).graph
    assert (_actor("team-x"), ORG.unitOf, _actor("gemeente-x")) in graph
    assert (_actor("consulent-x"), ORG.postIn, _actor("team-x")) in graph
    pilot = _actor("pilot-x")
    assert (pilot, DCTERMS.isPartOf, _actor("gemeente-x")) in graph
    assert not [p for p, _ in graph.predicate_objects(pilot) if str(p).startswith(str(ORG))]
    # Two citations of one section make one derivation.
    assert list(graph.objects(_actor("team-x"), PROV.wasDerivedFrom)) == [SECTION]


def test_does_a_turtle_file_without_prov_triples_get_them_when_loaded(
    small: Path, tmp_path: Path
) -> None:
    turtle = read_dataset(small).graph
    for triple in [*turtle.triples((None, PROV.wasDerivedFrom, None))]:
        turtle.remove(triple)
    for term in (ORG.unitOf, ORG.postIn):
        turtle.remove((None, term, None))
    folder = tmp_path / "turtle"
    folder.mkdir()
    turtle.serialize(folder / "data.ttl", format="turtle")
    graph = read_dataset(folder / "data.ttl").graph
    assert (_actor("consulent-x"), PROV.wasDerivedFrom, SECTION) in graph
    assert (_actor("team-x"), ORG.unitOf, _actor("gemeente-x")) in graph


def _store_has(location: str, query: str) -> bool:
    with open_store(location) as store:
        return bool(store.graph().query(query).askAnswer)


@pytest.mark.slow
def test_do_both_backends_store_the_prov_and_org_triples(any_store: str, small: Path) -> None:
    with open_store(any_store) as store:
        load(store, small)
    assert _store_has(
        any_store,
        f"ASK {{ <{_actor('consulent-x')}> <{PROV.wasDerivedFrom}> <{SECTION}> ; "
        f"<{ORG.postIn}> <{_actor('team-x')}> }}",
    )


@pytest.mark.slow
def test_does_an_edit_say_which_role_made_it_and_keep_the_derivation(
    small: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "store") as store:
        load(store, small)
        fields = {
            "label": "Team X (nieuw)",
            "type": "buurtteam",
            "scale": "lokaal",
            "partOf": "gemeente-x",
            "source": ["003 §4"],
        }
        apply_edit(
            store, "actors", "wijzigen", "team-x", fields, door="team jeugd X", reden="Test."
        )
        graph = store.graph()
        team = _actor("team-x")
        agents = list(graph.objects(team, PROV.wasAttributedTo))
        assert len(agents) == 1
        assert (agents[0], RDF.type, PROV.Agent) in graph
        assert str(graph.value(agents[0], RDFS.label)) == "team jeugd X"
        assert list(graph.objects(team, PROV.wasDerivedFrom)) == [SECTION]
        # The whole is stored, not edited: its class is read from the store.
        assert (team, ORG.unitOf, _actor("gemeente-x")) in graph


def test_does_an_added_team_read_the_class_of_its_stored_organisation(
    small: Path, tmp_path: Path
) -> None:
    added = tmp_path / "erbij"
    added.mkdir()
    (added / "bronnen.yaml").write_text(REGISTER, encoding="utf-8")
    (added / "team.yaml").write_text(
        "actors:\n  - id: team-y\n    label: Team Y\n    type: wijkteam\n"
        '    scale: lokaal\n    partOf: gemeente-x\n    source: "003 §4"\n',
        encoding="utf-8",
    )
    with Store(tmp_path / "store") as store:
        load(store, small)
        load(store, added / "team.yaml", add=True)
        graph: Graph = store.graph()
        assert (_actor("team-y"), ORG.unitOf, _actor("gemeente-x")) in graph


def _memberships_by_status(graph: Graph) -> dict[str, set[URIRef]]:
    found: dict[str, set[URIRef]] = {}
    for membership, status in graph.subject_objects(ZN.membershipStatus):
        found.setdefault(str(status).rsplit("/", 1)[-1], set()).add(membership)
    return found


def test_does_an_org_tool_count_only_the_partners_that_belong_to_a_team_network(
    shipped: Dataset,
) -> None:
    graph = shipped.graph
    by_status = _memberships_by_status(graph)
    assert by_status["buiten"] and by_status["kern"] and by_status["verbonden"]
    # Outside the network: zorgnet's own terms only, nothing ORG reads as a member.
    for membership in by_status["buiten"]:
        assert not [p for p, _ in graph.predicate_objects(membership) if p in ORG]
        assert (membership, RDF.type, ORG.Membership) not in graph
        assert graph.value(membership, ZN.networkMember) is not None
    for membership in by_status["kern"] | by_status["verbonden"]:
        assert (membership, RDF.type, ORG.Membership) in graph
        team = graph.value(membership, ZN.networkTeam)
        assert (membership, ORG.organization, team) in graph
        assert (membership, ORG.member, graph.value(membership, ZN.networkMember)) in graph
    # Not even by RDFS: the ontology puts no membership or its terms under ORG's.
    ontology = ontology_graph()
    assert ORG.Membership not in set(ontology.transitive_objects(ZN.Membership, RDFS.subClassOf))
    for term in (ZN.networkTeam, ZN.networkMember):
        assert not [p for p in ontology.objects(term, RDFS.subPropertyOf) if p in ORG]


def test_does_a_turtle_file_of_memberships_get_the_org_terms_but_not_for_buiten(
    shipped: Dataset, tmp_path: Path
) -> None:
    graph = shipped.graph
    by_status = _memberships_by_status(graph)
    subjects = by_status["buiten"] | by_status["kern"]
    turtle = Graph()
    for triple in graph:
        if triple[0] in subjects and triple[1] not in ORG and triple[2] != ORG.Membership:
            turtle.add(triple)
    back = graph_standard_triples(turtle, graph)
    assert {s for s, _ in back.subject_objects(ORG.member)} == by_status["kern"]
