"""The SHACL engine in use (pyshacl-turbo, in the test extra) against pySHACL: the same problems."""

import shutil
from pathlib import Path

import pytest
from rdflib import RDF, SH, Graph, URIRef

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders import shacl
from zorgnet.loaders.dataset import Dataset, read_dataset
from zorgnet.loaders.report import Problem, Severity
from zorgnet.ontology.files import shapes_graph
from zorgnet.ontology.namespace import ZN

FIXTURE = Path(__file__).parent / "fixtures" / "every-shacl-violation.ttl"


def _problems_with_pyshacl(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[Problem]:
    with monkeypatch.context() as patched:
        patched.setattr(shacl, "ENGINE", "pyshacl")
        return read_dataset(path).report.problems


def test_every_kind_of_constraint_is_reported_as_pyshacl_reports_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problems = read_dataset(FIXTURE).report.problems
    assert problems == _problems_with_pyshacl(monkeypatch, FIXTURE)
    fields = {(p.record, p.field) for p in problems if p.rule == "shacl"}
    assert {
        ("zonder-naam", "label"),
        ("twee-schalen", "scale"),
        ("twee-schalen", "label"),
        ("verkeerd-gebied", "area"),
        ("kapotte-relatie", "from"),
        ("kapotte-relatie", "ageMin"),
    } <= fields
    warnings = {p.record for p in problems if p.severity is Severity.WARNING}
    assert "zonder-naam" in warnings


@pytest.mark.slow
def test_the_shipped_data_gets_the_same_warnings_from_both_engines(
    monkeypatch: pytest.MonkeyPatch, shipped: Dataset
) -> None:
    path = Path(shipped.files[0]).parent
    assert read_dataset(path).report.problems == _problems_with_pyshacl(monkeypatch, path)


def _record(graph: Graph, subject: URIRef) -> Graph:
    record = Graph()
    for p, o in graph.predicate_objects(subject):
        record.add((subject, p, o))
        for triple in graph.triples((o, None, None)) if p == ZN.citation else ():
            record.add(triple)
    return record


def test_a_record_checked_alone_has_the_problems_it_has_in_the_whole_dataset() -> None:
    dataset = read_dataset(FIXTURE)
    whole = dataset.report.problems
    records = sorted(set(dataset.graph.subjects(RDF.type, ZN.Record)))
    assert len(records) >= 4
    for subject in records:
        alone = shacl.record_problems(
            dataset.graph, _record(dataset.graph, subject), dataset.source_map, "x"
        )
        record_id = str(subject).rsplit("/", 1)[-1]
        assert alone == [p for p in whole if p.rule == "shacl" and p.record == record_id]
        assert alone, f"{record_id} breaks a rule"


def test_a_valid_shipped_record_with_citations_is_valid_alone(shipped: Dataset) -> None:
    graph = shipped.graph
    for subject in sorted(set(graph.subjects(RDF.type, ZN.Relation)))[:25]:
        record = _record(graph, subject)
        assert (subject, ZN.citation, None) in record
        problems = shacl.record_problems(graph, record, shipped.source_map, "x")
        assert [p for p in problems if p.severity is Severity.ERROR] == []


def test_every_shape_sees_only_its_focus_node_and_the_types_of_its_values() -> None:
    # What record_problems relies on: a shape that targets otherwise, follows a longer
    # or inverse path, or runs SPARQL could see more than one record and its neighbours.
    shapes = shapes_graph()
    allowed = {
        SH.targetClass,
        SH.property,
        SH.path,
        SH["class"],
        SH.datatype,
        SH.minCount,
        SH.maxCount,
        SH.languageIn,
        SH.severity,
        SH.message,
        SH.name,
        SH.description,
        SH.order,
        SH.group,
        SH.nodeKind,
        SH.pattern,
        SH["in"],
        SH.minInclusive,
        SH.maxInclusive,
        SH.minLength,
        SH.maxLength,
        SH.deactivated,
        SH["or"],  # of sh:class members: still only the types of the values
        SH.lessThanOrEquals,  # compares two of the focus node's own values
    }
    used = {p for p in shapes.predicates() if str(p).startswith(str(SH))} - {RDF.type}
    assert used <= allowed, used - allowed
    for path in shapes.objects(None, SH.path):
        assert isinstance(path, URIRef), f"path {path} is not one predicate"


def _shipped_with(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "dataset"
    shutil.copytree(SHIPPED_DATASET, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


_UNDESCRIBED = """\
actors:
  - id: buurtteam-zonder-omschrijving
    label: buurtteam zonder omschrijving
    type: buurtteam
    scale: lokaal
    area: hilversum
    domain: [jeugd]
    source: "003 §bijlage 1"
"""


@pytest.mark.slow
def test_a_dataset_checked_a_record_at_a_time_has_the_problems_of_one_check(
    tmp_path: Path,
) -> None:
    # Parts of one record see the types of what they refer to only through the context
    # the check adds: without it every reference would break sh:class.
    dataset = read_dataset(_shipped_with(tmp_path, "extra.yaml", _UNDESCRIBED))
    at_once = shacl.shacl_problems(dataset.triples, dataset.source_map, "x", part_size=10**9)
    for size in (1, 500):
        assert shacl.shacl_problems(dataset.triples, dataset.source_map, "x", part_size=size) == (
            at_once
        )
    assert [(p.record, p.field, p.severity) for p in at_once] == [
        ("buurtteam-zonder-omschrijving", "description", Severity.WARNING)
    ]
    assert at_once[0].file.endswith("extra.yaml") and at_once[0].line == 2


@pytest.mark.slow
def test_parts_checked_side_by_side_lose_no_problem(tmp_path: Path) -> None:
    # Twelve undescribed teams, each in a part of its own among the shipped records.
    teams = "".join(
        _UNDESCRIBED.replace(
            "buurtteam-zonder-omschrijving", f"team-{i:02d}-zonder-omschrijving"
        ).removeprefix("actors:\n")
        for i in range(12)
    )
    dataset = read_dataset(_shipped_with(tmp_path, "extra.yaml", "actors:\n" + teams))
    at_once = shacl.shacl_problems(dataset.triples, dataset.source_map, "x", part_size=10**9)
    in_parts = shacl.shacl_problems(dataset.triples, dataset.source_map, "x", part_size=1)
    assert in_parts == at_once
    assert [p.record for p in at_once] == [f"team-{i:02d}-zonder-omschrijving" for i in range(12)]


@pytest.mark.slow
def test_an_rdf_file_that_gives_a_record_a_second_label_is_refused_part_by_part(
    tmp_path: Path,
) -> None:
    folder = _shipped_with(
        tmp_path,
        "extra.ttl",
        "<https://w3id.org/zorgnet/id/actor/aanbieders-jeugd-ggz> "
        '<http://www.w3.org/2004/02/skos/core#prefLabel> "tweede naam"@nl .\n',
    )
    dataset = read_dataset(folder)
    problems = [(p.record, p.field) for p in dataset.report.errors]
    assert problems == [("aanbieders-jeugd-ggz", "label")]
    assert shacl.shacl_problems(dataset.triples, dataset.source_map, "x", part_size=1) == (
        shacl.shacl_problems(dataset.triples, dataset.source_map, "x", part_size=10**9)
    )
