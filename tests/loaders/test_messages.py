"""Whatever a library says about a broken file, the user reads it in Dutch.

Each case makes the library itself refuse a typical mistake, and checks the one
translation in :mod:`zorgnet.loaders.messages` of what it said.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import FormatChecker
from pydantic import ValidationError
from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax
from test_bad_input_corpus import english_fragments

from zorgnet.formats.hsds import hsds_validator
from zorgnet.loaders.messages import (
    json_message,
    jsonschema_field,
    jsonschema_hint,
    jsonschema_message,
    pydantic_message,
    turtle_reason,
)
from zorgnet.loaders.yaml_file import YamlFileError, read_yaml
from zorgnet.ontology.models import record_models

# YAML a person types by hand -> (line of the error, Dutch words of the message)
YAML = {
    "actors:\n  - id: a\n    label Veilig\n    type: x\n": (4, "dubbele punt (:) ontbreekt"),
    "actors:\n  - id: a\n    label: Hulp: snel\n": (3, "dubbele punt (:) op een plek"),
    "actors:\n  - id: a\n   label: b\n": (3, "inspringing klopt niet"),
    "actors:\n  - id: a\n    label: b\n  type: c\n": (4, "inspringing klopt niet"),
    "actors:\n\t- id: a\n": (2, "tab gebruikt om in te springen"),
    'actors:\n  - id: "a\n': (3, "het sluitende aanhalingsteken ontbreekt"),
    "actors:\n  - id: a\n    domain: [jeugd, wmo\n": (4, "lijst tussen [ ] is niet afgesloten"),
    "actors:\n  - {id: a, label: b\n": (3, "blok tussen { } is niet afgesloten"),
    "actors:\n  - id: @a\n": (2, "het teken '@'"),
    "actors:\n  - *a\n": (2, "alias (*naam) zonder anker"),
    'actors:\n  - id: "a\\q"\n': (2, "ongeldige \\-code"),
    "actors: []\n---\nactors: []\n": (2, "meer dan één YAML-document"),
    "actors:\n  - !python/object x\n": (2, "onbekende YAML-tag"),
    "actors:\n  id: a\n  - label: b\n": (3, "inspringing klopt niet"),
    'actors:\n  - id: "a" b\n': (2, "inspringing klopt niet"),
}


@pytest.mark.parametrize("text", list(YAML), ids=[f"yaml{i}" for i in range(len(YAML))])
def test_a_yaml_mistake_is_told_in_dutch_at_its_line(text: str, tmp_path: Path) -> None:
    line, words = YAML[text]
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlFileError) as raised:
        read_yaml(path)
    problem = raised.value.problem
    assert words in problem.message
    assert problem.line == line
    assert english_fragments(problem.message) == []


# (record kind, fields) whose values pydantic refuses
PYDANTIC = [
    ("relations", {"ageMin": "12 jaar"}, "'12 jaar' is geen geheel getal"),
    ("relations", {"ageMin": -4}, "-4 is te klein: de waarde moet minstens 0 zijn"),
    ("relations", {"ageMin": 12.5}, "12.5 is geen geheel getal (zonder cijfers achter de komma)"),
    ("actors", {"label": 1251}, "1251 is geen tekst"),
    ("actors", {"label": ""}, "mag niet leeg zijn"),
    ("actors", {"asOf": "2024-03-01"}, "'2024-03-01' is geen geheel getal"),
    ("actors", {"asOf": 1850}, "1850 is te klein: de waarde moet minstens 1900 zijn"),
    ("actors", {"asOf": 2200}, "2200 is te groot: de waarde mag hoogstens 2100 zijn"),
    ("actors", {"area": ["Hilversum Oost"]}, "'Hilversum Oost' heeft niet de goede vorm (waarde 1"),
    ("actors", {"area": [{"a": 1}]}, "is geen tekst (waarde 1 van de lijst)"),
    ("actors", {"label": "x" * 5000}, "tekst is te lang: 5000 tekens, hoogstens 4000"),
    ("actors", {"scale": "gemeentelijk"}, "onbekende waarde 'gemeentelijk'"),
    ("figures", {"value": "negen"}, "'negen' is geen getal"),
    ("figures", {"value": [1, 2]}, "[1, 2] is geen getal"),
    ("figures", {"value": float("nan")}, "nan is geen eindig getal"),
]
_VALID = {
    "actors": {"label": "x", "type": "buurtteam", "scale": "lokaal"},
    "relations": {"from": "a", "to": "b", "kind": "verwijst"},
    "figures": {"measure": "x", "value": 1},
}


@pytest.mark.parametrize(("kind", "values", "words"), PYDANTIC)
def test_a_value_pydantic_refuses_is_told_in_dutch(
    kind: str, values: dict[str, Any], words: str
) -> None:
    record = {"id": "x", "source": "003 §4", **_VALID[kind], **values}
    with pytest.raises(ValidationError) as raised:
        record_models()[kind].model_validate(record)
    [error] = raised.value.errors()
    message = pydantic_message(error)
    assert words in message
    assert english_fragments(message) == []


JSON = {
    '{"a": 1,}': "staat er een komma te veel",
    '{"a": 1 "b": 2}': "komma (,) ontbreekt",
    '{"a" 1}': "dubbele punt (:) ontbreekt",
    '{"a": "b': "tekst tussen aanhalingstekens is niet afgesloten",
    '{"a": "b\n"}': "regeleinde of stuurteken",
    '{"a": 1} x': "na het einde van het JSON-document",
    '{"a": "\\x"}': "ongeldige \\-code",
    '{"a": ': "het bestand houdt te vroeg op",
    "": "bestand is leeg",
}


@pytest.mark.parametrize("text", list(JSON))
def test_a_json_mistake_is_told_in_dutch(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as raised:
        json.loads(text)
    message = json_message(raised.value)
    assert JSON[text] in message
    assert english_fragments(message) == []


SERVICE = {"id": "s", "name": "Inloop", "status": "active"}
SCHEMA = [
    ({"id": "s", "name": "Inloop"}, "verplicht veld 'status' ontbreekt", "status"),
    ({**SERVICE, "name": 42}, "42 is geen tekst", "name"),
    ({**SERVICE, "status": "actief"}, "onbekende waarde 'actief'", "status"),
    ({**SERVICE, "languages": "nl"}, "'nl' is geen lijst", "languages"),
    ({**SERVICE, "last_modified": "15-03-2024"}, "is geen geldige datum en tijd", "last_modified"),
]


@pytest.mark.parametrize(("service", "words", "field"), SCHEMA)
def test_an_hsds_schema_violation_is_told_in_dutch_with_its_field(
    service: dict[str, Any], words: str, field: str
) -> None:
    checker = FormatChecker(formats=())
    checker.checks("date-time")(lambda value: not isinstance(value, str) or "T" in value)
    validator = hsds_validator("service").evolve(format_checker=checker)
    [error] = list(validator.iter_errors(service))
    assert words in jsonschema_message(error)
    assert jsonschema_field(error) == field
    for text in (jsonschema_message(error), jsonschema_hint(error, "service")):
        assert english_fragments(text) == [], text


TURTLE = {
    '<https://x/a> skos:prefLabel "A" .': "het voorvoegsel 'skos:' is niet vastgelegd",
    '<https://x/a> <https://x/p> "A"\n<https://x/b> <https://x/p> "B" .': "ontbreekt er een punt",
    "<https://x/a> <https://x/p> <https://x/": "niet afgesloten met '>'",
    '<https://x/a> <https://x/p> "A .\n<https://x/b> <https://x/p> "B" .': "loopt door na het eind",
    "<https://x/a> <https://x/p> .": "na een eigenschap ontbreekt de waarde",
    "@prefix x <https://x/> .": "@prefix of @base is niet goed geschreven",
    "<https://x/a> <https://x/p> ( <https://x/b> .": "een lijst tussen ( )",
    '<https://x/a> <https://x/p> [ <https://x/q> "A" ': "het bestand houdt op",
}


@pytest.mark.parametrize("text", list(TURTLE), ids=[f"ttl{i}" for i in range(len(TURTLE))])
def test_a_turtle_mistake_is_told_in_dutch(text: str) -> None:
    with pytest.raises(BadSyntax) as raised:
        Graph().parse(data=text, format="turtle")
    reason = turtle_reason(raised.value._why)
    assert TURTLE[text] in reason
    assert english_fragments(reason) == []
