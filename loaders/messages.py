"""The Dutch words for what the libraries zorgnet reads with say in English.

pydantic, PyYAML, the json module, jsonschema, rdflib and openpyxl each explain a
refusal in English, in their own terms ("Input should be a valid integer", "could not
find expected ':'", "'name' is a required property", "Bad syntax (Prefix "skos:" not
bound)"). Every reader turns such an error into a :class:`~zorgnet.loaders.report.Problem`
with the one function here for its library, so that a user reads plain Dutch and no
library text reaches a message: an error this module does not know gets a general Dutch
sentence, never the library's own.

Values the user wrote are shown as they were written, between quotes.

Examples
--------
>>> pydantic_message({"type": "int_parsing", "input": "12 jaar", "loc": ("ageMin",)})
"'12 jaar' is geen geheel getal"
>>> pydantic_message({"type": "greater_than_equal", "input": -4, "ctx": {"ge": 0}, "loc": ()})
'-4 is te klein: de waarde moet minstens 0 zijn'
>>> turtle_reason('Prefix "skos:" not bound')
"het voorvoegsel 'skos:' is niet vastgelegd met @prefix"
"""

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "JSON_TYPES",
    "json_message",
    "jsonschema_field",
    "jsonschema_hint",
    "jsonschema_message",
    "ntriples_reason",
    "pydantic_message",
    "shown",
    "turtle_position",
    "turtle_reason",
    "workbook_message",
    "yaml_message",
]


def shown(value: Any, limit: int = 60) -> str:
    """*value* as the user wrote it, quoted when it is text, cut to *limit* characters."""
    text = repr(value) if isinstance(value, str) else _plain(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _plain(value: Any) -> str:
    if value is None:
        return "leeg (null)"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


# --- pydantic ------------------------------------------------------------------------

_PYDANTIC: dict[str, str] = {
    "string_type": "{value} is geen tekst",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "tekst is te lang: {length} tekens, hoogstens {max_length}",
    "string_pattern_mismatch": "{value} heeft niet de goede vorm",
    "int_type": "{value} is geen geheel getal",
    "int_parsing": "{value} is geen geheel getal",
    "int_parsing_size": "{value} is een te groot getal",
    "int_from_float": "{value} is geen geheel getal (zonder cijfers achter de komma)",
    "decimal_type": "{value} is geen getal",
    "decimal_parsing": "{value} is geen getal",
    "decimal_max_digits": "{value} heeft te veel cijfers",
    "decimal_max_places": "{value} heeft te veel cijfers achter de komma",
    "float_type": "{value} is geen getal",
    "float_parsing": "{value} is geen getal",
    "finite_number": "{value} is geen eindig getal",
    "bool_type": "{value} is geen ja/nee-waarde (true of false)",
    "bool_parsing": "{value} is geen ja/nee-waarde (true of false)",
    "greater_than_equal": "{value} is te klein: de waarde moet minstens {ge} zijn",
    "greater_than": "{value} is te klein: de waarde moet groter zijn dan {gt}",
    "less_than_equal": "{value} is te groot: de waarde mag hoogstens {le} zijn",
    "less_than": "{value} is te groot: de waarde moet kleiner zijn dan {lt}",
    "too_short": "te weinig waarden: minstens {min_length} nodig",
    "too_long": "te veel waarden: hoogstens {max_length}",
    "list_type": "{value} is geen lijst van waarden",
    "dict_type": "{value} is geen blok met velden",
    "model_type": "{value} is geen blok met velden",
    "model_attributes_type": "{value} is geen blok met velden",
    "literal_error": "onbekende waarde {value}",
    "enum": "onbekende waarde {value}",
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "frozen_instance": "waarde mag niet veranderen",
    "none_required": "hier hoort geen waarde",
    "date_type": "{value} is geen datum",
    "date_parsing": "{value} is geen datum (zoals 2024-03-15)",
    "date_from_datetime_parsing": "{value} is geen datum (zoals 2024-03-15)",
    "datetime_type": "{value} is geen datum en tijd",
    "datetime_parsing": "{value} is geen datum en tijd (zoals 2024-03-15T10:30:00)",
    "url_parsing": "{value} is geen geldig webadres",
    "url_type": "{value} is geen webadres",
    "uuid_parsing": "{value} is geen UUID",
}


class _Values(dict[str, object]):
    """The values of a message template; one the error does not give shows as '?'."""

    def __missing__(self, key: str) -> str:
        return "?"


def pydantic_message(error: Mapping[str, Any]) -> str:
    """What one pydantic error (an item of ``ValidationError.errors()``) says, in Dutch.

    Chosen by the error's ``type``, with the numbers of its ``ctx`` (``{"ge": 0}``); an
    item of a list names its place (``waarde 2 van de lijst``). A type not listed here
    gets a general sentence with the value, never pydantic's English ``msg``.
    """
    kind = str(error.get("type", ""))
    value = error.get("input")
    context = {key: _plain(item) for key, item in (error.get("ctx") or {}).items()}
    template = _PYDANTIC.get(kind, "ongeldige waarde {value}")
    length = len(value) if isinstance(value, str | list) else "?"
    message = template.format_map(_Values(value=shown(value), length=length, **context))
    place = [part for part in error.get("loc", ())[1:] if isinstance(part, int)]
    if place:
        message += f" (waarde {place[0] + 1} van de lijst)"
    return message


# --- PyYAML --------------------------------------------------------------------------

# (pattern of PyYAML's or libyaml's problem, Dutch) in the order they are tried.
_YAML: list[tuple[str, str]] = [
    (r"could not find expected ':'|expected ':'", "dubbele punt (:) ontbreekt na een sleutel"),
    (
        r"mapping values are not allowed|found unexpected ':'",
        "dubbele punt (:) op een plek waar die niet mag; staat er ': ' in een tekst? Zet de "
        "tekst dan tussen aanhalingstekens",
    ),
    (
        r"did not find expected '-' indicator|block sequence entries are not allowed",
        "inspringing klopt niet: de regels van een lijst ('- ') staan niet recht onder elkaar",
    ),
    (
        r"did not find expected key|expected <block end>",
        "inspringing klopt niet: deze regel staat niet recht onder de velden erboven",
    ),
    (
        r"did not find expected ',' or '\]'",
        "lijst tussen [ ] is niet afgesloten: ',' of ']' ontbreekt",
    ),
    (
        r"did not find expected ',' or '\}'",
        "blok tussen { } is niet afgesloten: ',' of '}' ontbreekt",
    ),
    (
        r"found unexpected end of stream|unexpected end of stream",
        "het bestand houdt op in een tekst tussen aanhalingstekens: het sluitende "
        "aanhalingsteken ontbreekt",
    ),
    (
        r"unknown escape character|expected escape sequence",
        "ongeldige \\-code in een tekst tussen dubbele aanhalingstekens",
    ),
    (r"found undefined alias", "alias (*naam) zonder anker (&naam) ervoor"),
    (r"found duplicate anchor|second occurrence", "anker (&naam) staat twee keer in het bestand"),
    (
        r"but found another document|expected a single document",
        "het bestand bevat meer dan één YAML-document (gescheiden door ---)",
    ),
    (r"did not find expected <document start>", "onverwachte tekst na het einde van het document"),
    (r"constructor for the tag|undefined tag handle|expected tag", "onbekende YAML-tag (!...)"),
    (
        r"unhashable key|found unacceptable key",
        "een lijst of blok staat op de plaats van een sleutel",
    ),
    (
        r"expected alphabetic or numeric character",
        "naam van een anker of alias (&, *) ontbreekt; begint een waarde met & of *? Zet hem "
        "dan tussen aanhalingstekens",
    ),
    (r"did not find expected node content", "hier ontbreekt een waarde"),
    (r"directive", "ongeldige %-regel (YAML-directief)"),
]


def yaml_message(exc: Exception, text: str | None = None) -> str:
    """What a PyYAML error says, in Dutch (without "YAML-syntaxfout:" before it).

    *text*, the file as read, lets a character that cannot start a value be named: a tab
    used for indentation, or a value starting with ``@`` or a backquote.
    """
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    if "cannot start any token" in problem:
        char = _char_at(text, getattr(exc, "problem_mark", None))
        if char == "\t":
            return "tab gebruikt om in te springen; YAML wil spaties"
        what = f"het teken {char!r}" if char else "een teken"
        return (
            f"een waarde begint met {what}, waarmee in YAML geen waarde mag beginnen; zet de "
            "waarde tussen aanhalingstekens"
        )
    for pattern, dutch in _YAML:
        if re.search(pattern, problem) or (not problem and re.search(pattern, context)):
            return dutch
    return "dit is geen geldige YAML"


def _char_at(text: str | None, mark: Any) -> str | None:
    if text is None or mark is None:
        return None
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines):
        return None
    row = lines[mark.line]
    return row[mark.column] if 0 <= mark.column < len(row) else None


# --- json ----------------------------------------------------------------------------

_JSON: list[tuple[str, str]] = [
    (
        r"Expecting property name",
        "hier hoort een sleutel tussen dubbele aanhalingstekens; staat er een komma te veel "
        "voor '}' of ']'?",
    ),
    (r"Expecting ',' delimiter", "komma (,) ontbreekt tussen twee waarden"),
    (r"Expecting ':' delimiter", "dubbele punt (:) ontbreekt na een sleutel"),
    (r"Unterminated string", "tekst tussen aanhalingstekens is niet afgesloten"),
    (
        r"Invalid control character",
        "regeleinde of stuurteken in een tekst tussen aanhalingstekens; is de tekst niet "
        "afgesloten?",
    ),
    (r"Extra data", "na het einde van het JSON-document staat nog tekst"),
    (r"Invalid \\escape|Invalid \\u", "ongeldige \\-code in een tekst"),
    (r"Unexpected UTF-8 BOM", "het bestand begint met een onzichtbaar BOM-teken"),
    (r"Expecting value", "hier ontbreekt een waarde"),
]


def json_message(exc: json.JSONDecodeError) -> str:
    """What a JSON syntax error says, in Dutch, with its column.

    A document that ends where a value was expected is cut off; an empty one is empty.
    """
    if not exc.doc.strip():
        return "bestand is leeg"
    dutch = next((d for p, d in _JSON if re.search(p, exc.msg)), "dit is geen geldige JSON")
    if exc.msg.startswith(("Expecting", "Unterminated")) and not exc.doc[exc.pos :].strip():
        dutch = "het bestand houdt te vroeg op: " + dutch
    return f"{dutch} (kolom {exc.colno})"


# --- jsonschema ----------------------------------------------------------------------

JSON_TYPES = {
    "string": "tekst",
    "integer": "geheel getal",
    "number": "getal",
    "boolean": "ja/nee-waarde (true of false)",
    "array": "lijst",
    "object": "object met velden",
    "null": "leeg (null)",
}
_FORMATS = {
    "date-time": "datum en tijd (zoals 2024-03-15T10:30:00Z)",
    "date": "datum (zoals 2024-03-15)",
    "time": "tijd (zoals 10:30:00)",
    "email": "e-mailadres",
    "uri": "webadres",
    "uuid": "UUID",
}


def _types(value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    return " of ".join(JSON_TYPES.get(str(name), str(name)) for name in names)


def _missing(error: Any) -> str | None:
    """The property a ``required`` error is about."""
    instance, required = error.instance, error.validator_value
    if isinstance(instance, dict) and isinstance(required, list):
        missing = [name for name in required if name not in instance]
        for name in missing:
            if repr(name) in error.message:
                return str(name)
        return str(missing[0]) if missing else None
    return None


def jsonschema_field(error: Any) -> str | None:
    """The field a jsonschema error is about, as a path (``locations[0].location_type``).

    For a missing property, the property itself.
    """
    path = str(error.json_path).removeprefix("$").lstrip(".")
    if error.validator == "required":
        name = _missing(error)
        if name is not None:
            path = f"{path}.{name}" if path else name
    return path or None


def jsonschema_message(error: Any) -> str:
    """What one jsonschema ``ValidationError`` says, in Dutch, by its ``validator``."""
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        return f"verplicht veld {_missing(error)!r} ontbreekt"
    if kind == "type":
        return f"{shown(value)} is geen {_types(expected)}"
    if kind == "enum":
        return f"onbekende waarde {shown(value)}"
    if kind == "const":
        return f"{shown(value)} moet {shown(expected)} zijn"
    if kind == "format":
        return f"{shown(value)} is geen geldige {_FORMATS.get(expected, str(expected))}"
    if kind == "pattern":
        return f"{shown(value)} heeft niet de vorm die HSDS vraagt"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{shown(value)} is te klein: de waarde moet minstens {expected} zijn"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{shown(value)} is te groot: de waarde mag hoogstens {expected} zijn"
    if kind == "minLength":
        return (
            "mag niet leeg zijn"
            if expected == 1
            else f"tekst is te kort: minstens {expected} tekens"
        )
    if kind == "maxLength":
        return f"tekst is te lang: hoogstens {expected} tekens"
    if kind == "minItems":
        return f"te weinig waarden: minstens {expected} nodig"
    if kind == "maxItems":
        return f"te veel waarden: hoogstens {expected}"
    if kind == "uniqueItems":
        return "dezelfde waarde staat meer dan eens in de lijst"
    if kind in ("additionalProperties", "unevaluatedProperties"):
        return "onbekend veld"
    if kind in ("oneOf", "anyOf"):
        return f"{shown(value)} past bij geen van de vormen die HSDS toestaat"
    return f"{shown(value)} voldoet niet aan het HSDS-schema"


_ENTITIES = {
    "organization": "organisatie",
    "service": "dienst",
    "location": "locatie",
    "service_at_location": "dienst op een locatie",
    "taxonomy_term": "taxonomieterm",
    "taxonomy": "taxonomie",
}


def jsonschema_hint(error: Any, entity: str) -> str:
    """How to repair what one jsonschema error about an HSDS *entity* is about."""
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        return f"HSDS vraagt dit veld bij elke {_ENTITIES.get(entity, entity)}; vul het in"
    if kind == "enum":
        return "toegestaan in HSDS: " + ", ".join(repr(str(v)) for v in expected)
    if kind == "type":
        return f"schrijf hier een {_types(expected)}"
    if kind == "format" and expected in _FORMATS:
        return f"schrijf een {_FORMATS[expected]}"
    return f"zie de HSDS 3.0-specificatie (schema/{entity}.json)"


# --- rdflib --------------------------------------------------------------------------

_TURTLE: list[tuple[str, str]] = [
    (r'Prefix "([^"]*):" not bound', "het voorvoegsel '{0}:' is niet vastgelegd met @prefix"),
    (
        r"expected '\.' or '\}' or '\]' at end of statement",
        "hier verwacht zorgnet het eind van een uitspraak: ontbreekt er een punt (.) aan het "
        "eind van de uitspraak erboven, of een ';' tussen twee eigenschappen?",
    ),
    (r"unterminated URI reference", "een adres tussen < > is niet afgesloten met '>'"),
    (r"unterminated string|Quote expected", "een tekst tussen aanhalingstekens is niet afgesloten"),
    (
        r"newline found in string",
        "een tekst tussen aanhalingstekens loopt door na het eind van de regel: het sluitende "
        'aanhalingsteken ontbreekt (tekst over meer regels staat tussen """ en """)',
    ),
    (r"EOF found|needed .*found end", "het bestand houdt op midden in een uitspraak"),
    (r"objectList expected", "na een eigenschap ontbreekt de waarde"),
    (r"expected propertylist|property_list expected", "hier ontbreekt een eigenschap"),
    (
        r"expected directive or statement",
        "hier hoort een uitspraak of een @prefix-regel te beginnen",
    ),
    (
        r"after @prefix|after @base",
        "@prefix of @base is niet goed geschreven: @prefix naam: <adres> .",
    ),
    (r"bad escape|escape", "ongeldige \\-code in een tekst"),
    (
        r"Keyword .* not allowed",
        "een woord zonder aanhalingstekens of voorvoegsel; is het een tekst?",
    ),
    (r"in Turtle mode", "dit is Notation3, geen Turtle"),
    (r"expected item in list|bad list content", "een lijst tussen ( ) is niet goed geschreven"),
    (r"'\]' expected", "een blok tussen [ ] is niet afgesloten met ']'"),
]


def turtle_reason(why: str) -> str:
    """What the reason of rdflib's Turtle ``BadSyntax`` says, in Dutch."""
    for pattern, dutch in _TURTLE:
        match = re.search(pattern, why)
        if match:
            return dutch.format(*match.groups())
    return "de Turtle-tekst is hier niet te lezen"


def turtle_position(exc: Any) -> tuple[int | None, int | None]:
    """The line and column (from 1) where rdflib's Turtle parser stopped."""
    try:
        text = exc._str.decode("utf-8", errors="replace")
        index = min(int(exc._i), len(text))
        line = int(exc.lines) + 1
    except (AttributeError, TypeError, ValueError):
        found = re.search(r"line (\d+)", str(exc))
        return (int(found.group(1)) if found else None), None
    if index < 0:
        return line, None
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


_IRI = re.compile(r"<([^<>\s]*)>")


def ntriples_reason(line: str) -> str:
    """Why *line* of an N-Triples file is not a triple, in Dutch."""
    stripped = line.strip()
    if len(re.findall(r'(?<!\\)"', stripped)) % 2:
        return "een tekst tussen aanhalingstekens is niet afgesloten"
    bare = _IRI.sub("<>", re.sub(r'"(?:[^"\\]|\\.)*"', '""', stripped))
    if stripped.startswith("@") or re.search(r"(^|\s)[A-Za-z][\w-]*:[\w-]", bare):
        return (
            "N-Triples kent geen voorvoegsels (zoals skos:) of andere Turtle-schrijfwijzen; "
            "schrijf elk adres voluit tussen < >"
        )
    if not stripped.startswith(("<", "_:")):
        return "een regel begint met het adres van het onderwerp tussen < >"
    loose = [token for token in bare.split()[1:] if not token.startswith(("<", '"', "_:", "."))]
    if loose:
        return (
            f"de waarde {loose[0]} staat niet tussen aanhalingstekens; schrijf een getal of "
            'jaartal als "2024"^^<http://www.w3.org/2001/XMLSchema#gYear>'
        )
    relative = [iri for iri in _IRI.findall(stripped) if not re.match(r"[A-Za-z][\w+.-]*:", iri)]
    if relative:
        return (
            f"het adres <{relative[0]}> is niet volledig: het begint niet met https:// of een "
            "ander schema"
        )
    if not stripped.endswith("."):
        return "de punt (.) aan het eind van de regel ontbreekt"
    return "de regel is geen triple: <onderwerp> <eigenschap> waarde ."


# --- openpyxl ------------------------------------------------------------------------


def workbook_message(exc: Exception) -> str:
    """Why openpyxl cannot open a file as a workbook, in Dutch."""
    name = type(exc).__name__
    if name == "BadZipFile":
        return (
            "het bestand is geen Excel-werkboek (.xlsx): het is beschadigd, niet helemaal "
            "gedownload, of een ander soort bestand (zoals CSV) met de naam .xlsx"
        )
    if name == "InvalidFileException":
        return (
            "dit soort bestand is geen .xlsx-werkboek (een oud .xls-bestand of een ander formaat)"
        )
    if isinstance(exc, OSError):
        return "het bestand is niet te lezen"
    return "het werkboek is beschadigd of onvolledig"
