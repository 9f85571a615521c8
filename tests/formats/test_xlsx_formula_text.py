"""An advisor opens the exported workbook in Excel: a label that looks like a formula stays text."""

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import SKOS, Graph, Literal, URIRef

from zorgnet.formats.xlsx import read_xlsx, workbook_bytes
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.namespace import ID, ZN

LABELS = ['=HYPERLINK("http://x","klik")', "+1", "-2", "@SUM(A1)"]


def _with_labels(shipped: Dataset) -> tuple[Graph, dict[URIRef, str]]:
    graph = Graph()
    graph += shipped.graph
    actors = sorted(
        s for s in graph.subjects(predicate=None, object=ZN.Actor) if str(s).startswith(str(ID))
    )[: len(LABELS)]
    assert len(actors) == len(LABELS)
    wanted = {}
    for actor, label in zip(actors, LABELS, strict=True):
        graph.remove((actor, SKOS.prefLabel, None))
        graph.add((actor, SKOS.prefLabel, Literal(label, lang="nl")))
        wanted[actor] = label
    return graph, wanted


@pytest.mark.slow
def test_labels_that_look_like_formulas_are_written_as_text_and_read_back_unchanged(
    shipped: Dataset, tmp_path: Path
) -> None:
    graph, wanted = _with_labels(shipped)
    data = workbook_bytes(graph)
    sheet = load_workbook(BytesIO(data))["actoren"]
    label_column = [c.value for c in sheet[1]].index("label")
    cells = {row[label_column].value: row[label_column] for row in sheet.iter_rows(min_row=2)}
    for label in LABELS:
        cell = cells[label]
        assert (cell.data_type, cell.quotePrefix) == ("s", True), label
    path = tmp_path / "kaart.xlsx"
    path.write_bytes(data)
    dataset = read_xlsx(path)
    assert dataset.report.ok, dataset.report
    read_back = {a: str(dataset.graph.value(a, SKOS.prefLabel)) for a in wanted}
    assert read_back == wanted


def test_an_ordinary_label_gets_no_quote_prefix(shipped: Dataset) -> None:
    sheet = load_workbook(BytesIO(workbook_bytes(shipped.graph)))["actoren"]
    label_column = [c.value for c in sheet[1]].index("label")
    first = next(sheet.iter_rows(min_row=2))[label_column]
    assert (first.data_type, first.quotePrefix) == ("s", False)
