"""An advisor fills in the template in Excel: the dropdowns offer the Dutch labels of the
vocabularies, refuse anything else, and what was picked loads as the right concept.

The workbook is read with openpyxl and the vocabularies with rdflib, not with zorgnet's
own readers, so that the lists are checked as Excel shows them.
"""

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from rdflib import RDF, SKOS, Graph, URIRef

from zorgnet.formats.xlsx import LISTS_SHEET, SHEETS, read_xlsx, workbook_bytes
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.files import ONTOLOGY_DIR
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.schema import ValueKind, record_kinds


@pytest.fixture(scope="module")
def template(shipped: Dataset) -> Workbook:
    return load_workbook(BytesIO(workbook_bytes(shipped.graph, empty=True)))


@pytest.fixture(scope="module")
def vocabularies() -> Graph:
    graph = Graph()
    for path in sorted((ONTOLOGY_DIR / "vocabularies").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _dutch_labels(vocabularies: Graph, concept_class: URIRef) -> set[str]:
    return {
        str(label)
        for concept in vocabularies.subjects(RDF.type, concept_class)
        for label in vocabularies.objects(concept, SKOS.prefLabel)
        if label.language == "nl"
    }


def _listed(book: Workbook, formula: str) -> list[str]:
    """The strings in the cells of a range formula such as ``keuzelijsten!$B$2:$B$60``."""
    sheet_name, cells = formula.split("!")
    assert sheet_name == LISTS_SHEET
    return [cell.value for row in book[sheet_name][cells.replace("$", "")] for cell in row]


def _dropdowns(book: Workbook, sheet: str) -> dict[str, object]:
    """Column header → the list validation of that column."""
    header = [cell.value for cell in book[sheet][1]]
    found = {}
    for validation in book[sheet].data_validations.dataValidation:
        first = str(validation.sqref).split(":")[0]
        column = ord(first[0]) - ord("A")
        found[header[column]] = validation
    return found


def test_every_dropdown_offers_the_dutch_labels_of_its_vocabulary(
    template: Workbook, vocabularies: Graph
) -> None:
    checked = 0
    for key, sheet in SHEETS.items():
        dropdowns = _dropdowns(template, sheet)
        for name, spec in record_kinds()[key].fields.items():
            if spec.value_kind is not ValueKind.CONCEPT or spec.multiple:
                continue
            listed = _listed(template, dropdowns[name].formula1)
            wanted = _dutch_labels(vocabularies, spec.target)
            assert wanted, spec.target
            assert sorted(listed) == sorted(wanted), (sheet, name)
            checked += 1
    assert checked >= 15
    actor_types = _listed(template, _dropdowns(template, "actoren")["type"].formula1)
    assert "huisarts" in actor_types


def test_a_dropdown_refuses_another_value_with_a_dutch_message(template: Workbook) -> None:
    for sheet in SHEETS.values():
        for name, validation in _dropdowns(template, sheet).items():
            assert validation.type == "list"
            assert validation.showErrorMessage is True, (sheet, name)
            assert validation.errorStyle == "stop"
            assert validation.errorTitle == "Waarde niet in de lijst"
            assert "Kies een waarde uit de keuzelijst" in validation.error
            assert len(validation.errorTitle) <= 32 and len(validation.error) <= 255


def _label_differing_from_notation(vocabularies: Graph, concept_class: URIRef) -> tuple[str, str]:
    for concept in sorted(vocabularies.subjects(RDF.type, concept_class)):
        notation = str(vocabularies.value(concept, SKOS.notation))
        label = next(
            str(o) for o in vocabularies.objects(concept, SKOS.prefLabel) if o.language == "nl"
        )
        if label != notation:
            return label, notation
    raise AssertionError(f"every label of {concept_class} is its notation")


def test_labels_picked_in_the_workbook_load_as_their_concepts(
    shipped: Dataset, vocabularies: Graph, tmp_path: Path
) -> None:
    book = load_workbook(BytesIO(workbook_bytes(shipped.graph, empty=True)))
    sources = book["bronnen"]
    document, section = sources["A2"].value, sources["E2"].value
    type_label, type_notation = _label_differing_from_notation(vocabularies, ZN.ActorType)
    domain_label, domain_notation = _label_differing_from_notation(vocabularies, ZN.Domain)
    sheet = book["actoren"]
    header = [cell.value for cell in sheet[1]]
    rows = [
        {"id": "door-label", "type": type_label, "domain": f"{domain_label}; jeugd"},
        {"id": "door-notatie", "type": type_notation, "domain": domain_notation.upper()},
    ]
    for row in rows:
        row |= {"label": row["id"], "scale": "Lokaal", "source": f"{document} §{section}"}
        sheet.append([row.get(column) for column in header])
    book.save(tmp_path / "ingevuld.xlsx")
    dataset = read_xlsx(tmp_path / "ingevuld.xlsx")
    assert dataset.report.ok, dataset.report
    graph = dataset.graph
    for actor in ("door-label", "door-notatie"):
        subject = URIRef(f"https://w3id.org/zorgnet/id/actor/{actor}")
        concept = graph.value(subject, ZN.actorType)
        assert str(vocabularies.value(concept, SKOS.notation)) == type_notation
        domains = {
            str(vocabularies.value(d, SKOS.notation)) for d in graph.objects(subject, ZN.domain)
        }
        assert domain_notation in domains
    by_label = URIRef("https://w3id.org/zorgnet/id/actor/door-label")
    assert len(set(graph.objects(by_label, ZN.domain))) == (2 if domain_notation != "jeugd" else 1)


def test_the_exported_workbook_shows_labels_not_notations(
    shipped: Dataset, vocabularies: Graph
) -> None:
    book = load_workbook(BytesIO(workbook_bytes(shipped.graph)), read_only=True)
    rows = list(book["actoren"].iter_rows(values_only=True))
    types = {row[rows[0].index("type")] for row in rows[1:]}
    assert types <= _dutch_labels(vocabularies, ZN.ActorType)
