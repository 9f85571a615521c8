"""One reader of records from RDF: an edited record reads the same in the history, in the
record shown after the edit and in the exports."""

import json
from pathlib import Path

import pytest
from rdflib import XSD, Literal, URIRef

from zorgnet.core.editing import apply_edit, history
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.rdf_records import field_value, graph_records, record_fields
from zorgnet.graph.store import Store
from zorgnet.loaders.sources import read_register
from zorgnet.ontology.schema import FieldSpec, ValueKind, record_kinds

REGISTER = Path(__file__).resolve().parents[1] / "loaders" / "fixture-bronnen.yaml"
FIGURE = {
    "measure": "wachtende jeugdigen",
    "value": "12.5",
    "unit": "jeugdigen",
    "area": ["hilversum"],
    "source": ["003 §4"],
    "asOf": 2023,
    "description": "Een cijfer met een jaartal, een decimaal getal en teksten.",
}
RELATION = {
    "from": "huisarts",
    "to": "buurtteam",
    "kind": "verwijst",
    "domain": ["jeugd"],
    "ageMin": 4,
    "ageMax": 17,
    "source": ["003 §4"],
    "asOf": 2022,
}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    register, problems = read_register(REGISTER)
    assert problems == []
    with Store(tmp_path / "store") as opened:
        # The example network with the source register its citations come from.
        opened.replace(example_graph() + register.graph)
        yield opened


def _exported(store: Store, key: str, record: str) -> dict:
    return next(r for r in graph_records(store.graph())[key] if r["id"] == record)


@pytest.mark.parametrize(
    ("key", "record", "fields"),
    [("figures", "wachtenden-hilversum", FIGURE), ("relations", "huisarts-naar-bt", RELATION)],
)
def test_an_edited_record_reads_the_same_in_editing_history_and_export(
    store: Store, key: str, record: str, fields: dict
) -> None:
    edit = apply_edit(store, key, "aanmaken", record, fields, door="test", reden="Test.")
    shown = record_fields(store.graph(), key, record)
    exported = _exported(store, key, record)
    assert shown == exported == edit.after == history(store.graph())[0].after
    assert exported == {"id": record, **fields}


def test_years_are_numbers_and_decimals_keep_their_lexical_form(store: Store) -> None:
    apply_edit(store, "figures", "aanmaken", "wachtenden", FIGURE, door="test", reden="Test.")
    figure = _exported(store, "figures", "wachtenden")
    assert figure["asOf"] == 2023 and isinstance(figure["asOf"], int)
    assert figure["value"] == "12.5"
    assert figure["measure"] == "wachtende jeugdigen"
    json.dumps(figure)  # a record is plain JSON: it goes into the history as it is


def test_a_date_reads_as_its_lexical_form() -> None:
    # No shape has a date field yet; a field that had one would read as plain JSON text.
    asof = record_kinds()["figures"].fields["asOf"]
    date = FieldSpec(
        name="datum",
        path=URIRef("https://example.org/datum"),
        value_kind=ValueKind.LITERAL,
        target=XSD.date,
        required=False,
        multiple=False,
        hint="",
        order=asof.order,
    )
    value = field_value(example_graph(), date, Literal("2024-03-01", datatype=XSD.date))
    assert value == "2024-03-01"
