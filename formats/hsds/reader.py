"""Reading Open Referral HSDS 3.0 data (JSON or the CSV data package) as zorgnet records.

The mapping, chosen so that nothing is invented and every HSDS field is accounted for:

- an **organization** becomes an actor (``label`` ← ``name``, ``altLabel`` ←
  ``alternate_name``, ``description`` ← ``description``); its id is the zorgnet id of
  ``organization_identifiers`` (``identifier_type`` ``zorgnet-id``) or of its ``uri``
  when zorgnet wrote it, else the HSDS id (or a slug of the name);
- a **service** becomes an actor of its own that is ``partOf`` its organization: the
  help kinds of zorgnet are a closed vocabulary, while HSDS services are named freely,
  so a service cannot become an ``offers`` value without guessing;
- **service areas** and the **city of a location's address** become ``area`` when their
  name (or ``uri``) is that of an area zorgnet already knows; otherwise they are
  reported;
- HSDS ``status`` becomes ``status`` (active → bestaand, inactive/defunct → beeindigd);
- **attributes** whose taxonomy term comes from a ``zorgnet:<field>`` taxonomy (as the
  HSDS export, :mod:`zorgnet.formats.hsds.writer`, writes them) give back the zorgnet
  fields HSDS has no place for: type, scale, status, domain, level, access, offers,
  area, further parents and alternate names, and a service's zorgnet id. An area term
  of that export (name, kind of area, zorgnet IRI) becomes an area record when the
  store does not have the area yet, so that the export reads into an empty store;
- **texts**: HSDS gives no language per field. A description is kept when zorgnet
  wrote the data (its texts are Dutch) or the reader is told the language is ``nl``;
  any other is reported, never stored as Dutch. Names are kept as they are: a name is
  what the organization or service is called (a proper name), and zorgnet stores every
  name as the actor's label, tagged ``nl`` as its shapes ask; when the data is not
  zorgnet's own and not said to be Dutch, the report warns once (at the first record)
  that the names were taken over without a language, so that a reader checks them;
- an actor needs a ``type`` and a ``scale``; HSDS has neither, so data without these
  attributes keeps the stored ones, or gets ``zorgaanbieder`` and ``lokaal``, and each
  such default is reported;
- a service's ``minimum_age`` and ``maximum_age`` (an organization's ``zorgnet:ageMin``
  and ``zorgnet:ageMax`` attributes) become ``ageMin`` and ``ageMax``, in whole years;
- the **eligibility** description, **contacts**, phones, locations' addresses and every
  other field have no place on a zorgnet actor: each is reported as a warning naming
  file, record and field, never silently dropped.

Reading is an **upsert**: a record whose id is stored is completed from the stored
record (a field the HSDS data gives replaces the stored value, one it leaves out keeps
it, the stored citations stay beside the HSDS one), and replaces it when committed, in
one step; reading the same file again changes nothing.

Each record cites the HSDS file itself (a source document ``hsds-<file>-<year>``, named
by the file's name only, with one section per entity), with the HSDS id as locator. The
records go through :func:`zorgnet.loaders.records.build_records` and SHACL like YAML
records do.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import FormatChecker
from rdflib import DCTERMS, RDF, Graph, URIRef

from zorgnet.formats.hsds.schema import ZORGNET_TAXONOMY, hsds_validator, schema_document
from zorgnet.formats.hsds.writer import IDENTIFIER_TYPE
from zorgnet.graph.rdf_records import record_fields
from zorgnet.loaders.dataset import Dataset, add_records
from zorgnet.loaders.messages import (
    JSON_TYPES,
    json_message,
    jsonschema_field,
    jsonschema_hint,
    jsonschema_message,
)
from zorgnet.loaders.report import Position, Problem, Severity
from zorgnet.loaders.sources import SourceRegister
from zorgnet.loaders.yaml_file import LinedDict
from zorgnet.ontology.models import SLUG_PATTERN
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.vocabulary import label_of, vocabulary

__all__ = ["DEFAULT_SCALE", "DEFAULT_TYPE", "STATUS_FROM_HSDS", "read_hsds"]

DEFAULT_TYPE = "zorgaanbieder"
DEFAULT_SCALE = "lokaal"
STATUS_FROM_HSDS = {"active": "bestaand", "inactive": "beeindigd", "defunct": "beeindigd"}
# Attribute fields the export writes that may hold several values.
_MULTI = {"altLabel", "domain", "level", "access", "offers", "area", "partOf"}
_MAPPED = {
    "organization": {
        "id",
        "name",
        "alternate_name",
        "description",
        "attributes",
        "services",
        "parent_organization_id",
    },
    "service": {
        "id",
        "name",
        "alternate_name",
        "description",
        "status",
        "attributes",
        "organization_id",
        "organization",
        "service_areas",
        "minimum_age",
        "maximum_age",
    },
}
# The placeholder seed that ties the records to the HSDS document in an in-memory
# register; it never reaches the RDF (citations point at the section IRI).
_SEED = "000"
# The tables of the data package that are read, and the entity of their rows.
_TABLES = {
    "organizations": "organization",
    "services": "service",
    "service_areas": "service_area",
    "attributes": "attribute",
    "taxonomy_terms": "taxonomy_term",
    "locations": "location",
    "addresses": "address",
    "service_at_location": "service_at_location",
}


@dataclass
class _Item:
    entity: str  # "organization" or "service"
    data: dict[str, Any]
    at: Position
    label: str  # e.g. "organization[0]" or "services.csv rij 2"
    parent: str | None = None  # the HSDS organization id of a nested service
    # Locations beside the data, as a service_at_location has its service's location.
    locations: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Reading:
    display: str
    problems: list[Problem] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)

    def error(
        self,
        at: Position,
        message: str,
        record: str | None,
        name: str | None,
        hint: str = "zie de HSDS 3.0-specificatie (schema/*.json)",
    ) -> None:
        self.problems.append(
            Problem.at(
                at,
                message,
                hint=hint,
                rule="hsds",
                record=record,
                field=name,
            )
        )

    def warn(
        self,
        at: Position,
        message: str,
        record: str | None,
        name: str | None,
        hint: str = "dit HSDS-veld heeft geen plaats in de zorgnet-ontologie",
    ) -> None:
        self.problems.append(
            Problem.at(
                at,
                message,
                hint=hint,
                rule="hsds-niet-overgenomen",
                record=record,
                field=name,
                severity=Severity.WARNING,
            )
        )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _line_of(text: str, entry: object) -> int | None:
    """The line of the first ``"id": "<id>"`` of *entry* in the JSON text (of its
    ``"name"`` when it has no id)."""
    if not isinstance(entry, dict):
        return None
    key = next((k for k in ("id", "name") if isinstance(entry.get(k), str)), None)
    if key is None:
        return None
    for needle in (json.dumps(entry[key]), json.dumps(entry[key], ensure_ascii=False)):
        match = re.search(f'"{key}"' + r"\s*:\s*" + re.escape(needle), text)
        if match:
            return text.count("\n", 0, match.start()) + 1
    return None


def _json_items(path: Path, reading: _Reading) -> None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
        document = json.loads(text)
    except UnicodeDecodeError as exc:
        reading.error(
            Position(reading.display, raw[: exc.start].count(b"\n") + 1),
            f"geen geldige UTF-8-tekst (byte {exc.start})",
            None,
            None,
            hint="sla het bestand op als UTF-8",
        )
        return
    except json.JSONDecodeError as exc:
        reading.error(
            Position(reading.display, exc.lineno if exc.doc.strip() else None),
            f"ongeldige JSON: {json_message(exc)}",
            None,
            None,
            hint="controleer haakjes, komma's en aanhalingstekens, of exporteer opnieuw"
            if exc.doc.strip()
            else "exporteer de gegevens opnieuw, of verwijder het bestand",
        )
        return
    except RecursionError:
        reading.error(
            Position(reading.display),
            "objecten en lijsten staan te diep in elkaar genest",
            None,
            None,
            hint="HSDS-gegevens hebben maar een paar niveaus; exporteer opnieuw",
        )
        return
    if isinstance(document, dict) and "organizations.csv" in document:
        _tabular_json_items(document, text, reading)
        return
    if isinstance(document, dict) and "openapi_url" in document:
        reading.warn(
            Position(reading.display, 1), "HSDS-profielbeschrijving: geen gegevens", None, None
        )
        return
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        document = document["contents"]
    entries = document if isinstance(document, list) else [document]
    for index, entry in enumerate(entries):
        label = f"[{index}]" if isinstance(document, list) else "$"
        at = Position(reading.display, _line_of(text, entry))
        if not isinstance(entry, dict):
            reading.error(
                Position(reading.display, at.line or 1),
                f"{label} is geen HSDS-object maar {_kind_of(entry)}",
                None,
                None,
                hint="een HSDS-bestand bevat een organisatie of dienst als object { }, of een "
                "lijst [ ] daarvan",
            )
            continue
        _add_entry(entry, _entity(entry), at, label, text, reading)


def _kind_of(value: object) -> str:
    """What a JSON value is, in Dutch words."""
    if isinstance(value, bool) or value is None:
        return JSON_TYPES["boolean" if isinstance(value, bool) else "null"]
    names = {str: "string", int: "integer", float: "number", list: "array", dict: "object"}
    return "een " + JSON_TYPES[names.get(type(value), "string")]


def _entity(entry: dict[str, Any]) -> str:
    """Which HSDS entity a JSON object is, from the keys only that entity has."""
    if "service" in entry and "location" in entry:
        return "service_at_location"
    if {"status", "organization", "organization_id", "service_areas"} & set(entry):
        return "service"
    if "location_type" in entry:
        return "location"
    if {"taxonomy", "code", "term_uri", "parent_id"} & set(entry):
        return "taxonomy_term"
    if "version" in entry:
        return "taxonomy"
    return "organization"


def _add_entry(
    entry: dict[str, Any],
    entity: str,
    at: Position,
    label: str,
    text: str,
    reading: _Reading,
    parent: str | None = None,
) -> None:
    """Add *entry* and the organizations and services nested in it."""

    def where(nested: object) -> Position:
        return Position(reading.display, _line_of(text, nested) or at.line)

    if entity == "service_at_location":
        # Validated as a whole; its service (with the location's address) is what is kept.
        reading.items.append(_Item(entity, entry, at, label))
        service = entry.get("service")
        if isinstance(service, dict):
            _add_entry(service, "service", where(service), f"{label}.service", text, reading)
            location = entry.get("location")
            if isinstance(location, dict):
                reading.items[-1].locations.append(location)
        return
    reading.items.append(_Item(entity, entry, at, label, parent))
    owner = entry.get("organization")
    if entity == "service" and isinstance(owner, dict):
        # service_full.json nests the organization that offers the service.
        reading.items.append(_Item("organization", owner, where(owner), f"{label}.organization"))
    if entity == "organization":
        services = entry.get("services") or []
        if not isinstance(services, list):
            reading.error(
                at,
                f"{label}.services is geen lijst maar {_kind_of(services)}",
                str(entry["id"]) if entry.get("id") is not None else None,
                "services",
                hint="zet de diensten tussen [ ], ook als het er één is",
            )
            services = []
        for number, service in enumerate(services):
            if isinstance(service, dict):
                item = _Item(
                    "service",
                    service,
                    where(service),
                    f"{label}.services[{number}]",
                    str(entry.get("id")),
                )
                reading.items.append(item)


def _date_time(value: object) -> bool:
    """Whether *value* is a date and time as HSDS writes them (RFC 3339)."""
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)?", value):
        return False
    try:
        datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return False
    return True


# HSDS leaves formats unchecked; zorgnet reads the year of last_modified, so that one is.
_FORMATS = FormatChecker(formats=())
_FORMATS.checks("date-time")(_date_time)


def _schema_errors(entity: str, data: dict[str, Any]) -> list[Any]:
    """The schema violations of *data* as jsonschema errors, in the order of their path."""
    validator = hsds_validator(entity).evolve(format_checker=_FORMATS)
    return sorted(validator.iter_errors(data), key=lambda error: error.json_path)


@cache
def _property_types(entity: str) -> dict[str, str | None]:
    properties = schema_document(entity)["properties"]
    return {name: spec.get("type") for name, spec in properties.items()}


def _typed(entity: str, row: dict[str, str], reading: _Reading, at: Position) -> dict[str, Any]:
    """A CSV row as JSON values, typed by the entity's JSON schema."""
    types = _property_types(entity)
    out: dict[str, Any] = {}
    for name, text in row.items():
        if name is None or text in ("", None):
            continue
        kind = types.get(name)
        if not isinstance(text, str):
            # tabular.json holds the CSV cells as JSON; a cell is text where the schema says so.
            out[name] = str(text) if kind == "string" else text
            continue
        try:
            out[name] = (
                int(text) if kind == "integer" else float(text) if kind == "number" else text
            )
        except ValueError:
            reading.error(
                at,
                f"{text!r} is geen {JSON_TYPES.get(str(kind), kind)}",
                row.get("id"),
                name,
                hint="schrijf een getal met een punt als decimaalteken, zoals 52.2292",
            )
    return out


_CSV_HINT = (
    "sla het op als CSV met komma's, in UTF-8 (in Excel: CSV UTF-8, door komma's gescheiden)"
)


def _csv_rows(folder: Path, table: str, reading: _Reading) -> list[tuple[Position, dict[str, str]]]:
    path = folder / f"{table}.csv"
    if not path.exists():
        return []
    name = f"{reading.display}/{path.name}"
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"geen geldige UTF-8-tekst (byte {exc.start})"
        reading.error(Position(name, line), message, None, None, hint=_CSV_HINT)
        return []
    if not text.strip():
        if table == "organizations":
            hint = "vul organizations.csv met een kopregel en een rij per organisatie"
            reading.error(Position(name), "bestand is leeg", None, None, hint=hint)
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        by = "puntkomma's (;)" if ";" in header[0] else "tabs"
        message = f"de kolommen zijn gescheiden door {by}, niet door komma's"
        reading.error(Position(name, 1), message, None, None, hint=_CSV_HINT)
        return []
    rows = []
    try:
        # Row 1 is the header, so the first record is on row 2 as a spreadsheet shows it.
        for number, row in enumerate(reader, 2):
            at = Position(name, number)
            extra = row.pop(None, None)  # type: ignore[call-overload]
            if extra:
                reading.error(
                    at,
                    f"rij {number} heeft {len(header) + len(extra)} velden, de kopregel "
                    f"{len(header)}",
                    row.get("id") or None,
                    None,
                    hint="staat er een komma in een tekst? Zet die tekst tussen dubbele "
                    "aanhalingstekens",
                )
                continue
            rows.append((at, row))
    except csv.Error:
        reading.error(
            Position(name, reader.line_num or None),
            "het CSV-bestand is hier niet te lezen (een aanhalingsteken of teken dat niet past)",
            None,
            None,
            hint=_CSV_HINT,
        )
    return rows


def _csv_items(folder: Path, reading: _Reading) -> None:
    if not (folder / "organizations.csv").exists():
        reading.error(
            Position(reading.display), "geen organizations.csv in de HSDS-map", None, None
        )
        return
    tables = {table: _csv_rows(folder, table, reading) for table in _TABLES}
    _tabular_items(tables, reading)
    _report_unread_tables(folder, reading)


def _tabular_json_items(document: dict[str, Any], text: str, reading: _Reading) -> None:
    """``tabular.json``: every CSV table of the data package as a JSON list of rows."""
    tables = {}
    for table in _TABLES:
        rows = document.get(f"{table}.csv") or []
        tables[table] = [
            (Position(reading.display, _line_of(text, row)), row)
            for row in rows
            if isinstance(row, dict)
        ]
    _tabular_items(tables, reading)
    for name, rows in document.items():
        if name.removesuffix(".csv") not in (*_TABLES, "meta_table_descriptions") and rows:
            reading.warn(
                Position(reading.display),
                f"tabel {name.removesuffix('.csv')} ({len(rows)} rij(en)) niet overgenomen",
                None,
                None,
            )


def _tabular_items(
    raw: dict[str, list[tuple[Position, dict[str, Any]]]], reading: _Reading
) -> None:
    """Join the rows of the data package's tables into nested organizations and services."""
    tables = {
        table: [(at, _typed(_TABLES[table], row, reading, at)) for at, row in rows]
        for table, rows in raw.items()
    }
    terms = {row.get("id"): row for _, row in tables["taxonomy_terms"]}
    attributes: dict[str, list[dict[str, Any]]] = {}
    for _, row in tables["attributes"]:
        attribute = dict(row)
        attribute.pop("link_id", None)
        term = terms.get(row.get("taxonomy_term_id"))
        if term is not None:
            attribute["taxonomy_term"] = term
        attributes.setdefault(str(row.get("link_id")), []).append(attribute)
    areas = _grouped(tables["service_areas"], "service_id")
    addresses = _grouped(tables["addresses"], "location_id")
    locations = {
        str(row.get("id")): {**row, "addresses": addresses.get(str(row.get("id")), [])}
        for _, row in tables["locations"]
    }
    located: dict[str, list[dict[str, Any]]] = {}
    for _, row in tables["service_at_location"]:
        link = {k: v for k, v in row.items() if k not in ("service_id", "location_id")}
        if str(row.get("location_id")) in locations:
            link["location"] = locations[str(row.get("location_id"))]
        located.setdefault(str(row.get("service_id")), []).append(link)
    for at, row in tables["organizations"]:
        key = str(row.get("id"))
        org = {**row, "attributes": attributes.get(key, [])}
        own = [
            {k: v for k, v in location.items() if k != "organization_id"}
            for location in locations.values()
            if str(location.get("organization_id")) == key
        ]
        if own:
            org["locations"] = own
        reading.items.append(_Item("organization", org, at, f"rij {at.line}"))
    for at, row in tables["services"]:
        key = str(row.get("id"))
        service = {
            **row,
            "attributes": attributes.get(key, []),
            "service_areas": areas.get(key, []),
        }
        if key in located:
            service["service_at_locations"] = located[key]
        reading.items.append(_Item("service", service, at, f"rij {at.line}"))


def _grouped(
    rows: list[tuple[Position, dict[str, Any]]], key: str
) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for _, row in rows:
        item = {k: v for k, v in row.items() if k != key}
        grouped.setdefault(str(row.get(key)), []).append(item)
    return grouped


def _report_unread_tables(folder: Path, reading: _Reading) -> None:
    for path in sorted(folder.glob("*.csv")):
        if path.stem in _TABLES or path.stem == "meta_table_descriptions":
            continue
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            try:
                count = sum(1 for _ in csv.DictReader(handle))
            except csv.Error:
                count = 1
        if count:
            reading.warn(
                Position(f"{reading.display}/{path.name}"),
                f"tabel {path.stem} ({count} rij(en)) niet overgenomen",
                None,
                None,
            )


@dataclass
class _Attributes:
    """The zorgnet fields an HSDS entity carries as attributes, and the area terms."""

    values: dict[str, list[str]] = field(default_factory=dict)
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)


def _zorgnet_attributes(item: _Item, reading: _Reading) -> _Attributes:
    found = _Attributes()
    for index, attribute in enumerate(item.data.get("attributes") or []):
        term = attribute.get("taxonomy_term") or {}
        taxonomy = str(term.get("taxonomy") or "")
        # A concept or an area is the term itself (its code); any other value is the
        # attribute's value under a shared term. Older exports wrote every value as code.
        value = attribute.get("value") or term.get("code")
        if taxonomy.startswith(ZORGNET_TAXONOMY) and value:
            name = taxonomy[len(ZORGNET_TAXONOMY) :]
            found.values.setdefault(name, []).append(str(value))
            if name == "area":
                found.areas[str(value)] = term
        else:
            reading.warn(
                item.at,
                f"attribuut {term.get('name') or attribute.get('value')!r} niet overgenomen",
                str(item.data.get("id")),
                f"attributes[{index}]",
            )
    return found


def _written_id(data: dict[str, Any], attributes: _Attributes) -> str | None:
    """The zorgnet id an export of zorgnet gave the entity, or None (other HSDS data)."""
    for identifier in data.get("organization_identifiers") or []:
        if isinstance(identifier, dict) and identifier.get("identifier_type") == IDENTIFIER_TYPE:
            return str(identifier.get("identifier"))
    uri = str(data.get("uri") or "")
    if uri.startswith(f"{ID}actor/"):
        return uri.removeprefix(f"{ID}actor/")
    return attributes.values["id"][0] if "id" in attributes.values else None


def _area_index(base: Graph | None) -> dict[str, str]:
    """Known area names and ids (lower case) → area id."""
    index: dict[str, str] = {}
    if base is None:
        return index
    for area in base.subjects(RDF.type, ZN.Area):
        area_id = str(area).rsplit("/", 1)[-1]
        index[area_id] = area_id
        index[label_of(base, URIRef(area)).lower()] = area_id
    return index


@dataclass
class _Mapper:
    reading: _Reading
    areas: dict[str, str]
    language: str | None
    ids: dict[str, str] = field(default_factory=dict)  # HSDS id -> zorgnet id
    # Areas that zorgnet's export describes (its area terms), by id.
    area_terms: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The zorgnet ids of the records that took a default type or scale, with the field.
    defaulted: dict[str, set[str]] = field(default_factory=dict)
    # Whether the report already says that the names' language was not given.
    names_reported: bool = False

    def zorgnet_id(self, item: _Item, written: str | None) -> str:
        hsds_id = str(item.data.get("id", ""))
        if written is not None:
            chosen = written
        elif re.fullmatch(SLUG_PATTERN, hsds_id.lower()):
            chosen = hsds_id.lower()
        else:
            chosen = _slug(str(item.data.get("name", hsds_id)))
        self.ids[hsds_id] = chosen
        return chosen

    def record(self, item: _Item, line: int) -> LinedDict:
        data = item.data
        hsds_id = str(data.get("id"))
        attributes = _zorgnet_attributes(item, self.reading)
        written = _written_id(data, attributes)
        record = LinedDict(id=self.zorgnet_id(item, written), label=str(data["name"]))
        language = "nl" if written is not None else self.language
        self._texts(item, record, language)
        if language != "nl":
            self._report_names(item)
        for name in ("type", "scale"):
            if name in attributes.values:
                record[name] = attributes.values[name][0]
            else:
                self.defaulted.setdefault(record["id"], set()).add(name)
        for name in sorted(_MULTI & set(attributes.values)):
            record[name] = [*record.get(name, []), *attributes.values[name]]
        self.area_terms.update(attributes.areas)
        self._ages(item, record, attributes)
        if "status" in attributes.values:
            record["status"] = attributes.values["status"][0]
        elif written is not None:
            pass  # written by zorgnet: an actor without a status had none to give
        elif item.entity == "service" and data.get("status") in STATUS_FROM_HSDS:
            record["status"] = STATUS_FROM_HSDS[data["status"]]
        elif item.entity == "service":
            self.reading.warn(
                item.at, f"status {data.get('status')!r} niet overgenomen", hsds_id, "status"
            )
        record["source"] = [f"{_SEED} §{item.entity}, {item.entity} {hsds_id}"]
        for index, area in enumerate(data.get("service_areas") or []):
            self._area(item, record, area, f"service_areas[{index}]")
        for where, city in _cities(data, item.locations):
            self._area(item, record, {"name": city}, where)
        self._unmapped(item, written)
        record.line = line
        record.key_lines = {}
        return record

    def _report_names(self, item: _Item) -> None:
        """Say once that the names of data in another or an unknown language were kept."""
        if self.names_reported:
            return
        self.names_reported = True
        said = f"in het {self.language!r}" if self.language else "zonder taal"
        self.reading.warn(
            item.at,
            f"namen overgenomen als naam van de actor: de gegevens staan {said}, en een "
            "naam is een eigennaam, die zorgnet als Nederlandse naam (label) bewaart; "
            f"dit geldt voor alle namen uit dit bestand, te beginnen bij {item.data['name']!r}",
            str(item.data.get("id")),
            "name",
            hint="controleer na het importeren of de namen zo in het Nederlands heten, en "
            "pas ze anders aan; zijn de gegevens Nederlands, lees ze dan in met taal 'nl' "
            "(zorgnet import --format hsds --taal nl)",
        )

    def _texts(self, item: _Item, record: LinedDict, language: str | None) -> None:
        """The names, and the description when the data says it is Dutch.

        zorgnet keeps Dutch texts only (its shapes), and HSDS has no language per field:
        a description in another language, or one whose language the data does not give,
        is reported instead of being stored as Dutch. Names and alternate names are kept
        either way: they are what the organization or service is called."""
        data = item.data
        if data.get("alternate_name"):
            record["altLabel"] = [str(data["alternate_name"])]
        if not data.get("description"):
            return
        if language == "nl":
            record["description"] = str(data["description"])
            return
        said = f"in het {language!r}" if language else "in een taal die de gegevens niet noemen"
        self.reading.warn(
            item.at,
            f"omschrijving niet overgenomen: zij staat {said}, en zorgnet bewaart alleen "
            "Nederlandse omschrijvingen",
            str(data.get("id")),
            "description",
            hint="is de omschrijving Nederlands? Lees de gegevens dan in met taal 'nl' "
            "(zorgnet import --format hsds --taal nl)",
        )

    def _ages(self, item: _Item, record: LinedDict, attributes: _Attributes) -> None:
        """A service's ``minimum_age``/``maximum_age`` (an organization's age attributes)
        as ``ageMin``/``ageMax``; an age that is no whole number is reported."""
        given = {
            "ageMin": item.data.get("minimum_age", (attributes.values.get("ageMin") or [None])[0]),
            "ageMax": item.data.get("maximum_age", (attributes.values.get("ageMax") or [None])[0]),
        }
        for name, value in given.items():
            if value is None:
                continue
            try:
                age = float(value)
            except ValueError:
                age = -1.0
            if age.is_integer() and age >= 0:
                record[name] = int(age)
                continue
            self.reading.warn(
                item.at,
                f"leeftijd {value!r} niet overgenomen: zorgnet kent alleen hele jaren",
                str(item.data.get("id")),
                "minimum_age" if name == "ageMin" else "maximum_age",
                hint="geef de leeftijd in hele jaren, zoals 12",
            )

    def _unmapped(self, item: _Item, written: str | None) -> None:
        data = item.data
        hsds_id = str(data.get("id"))
        mapped = _MAPPED[item.entity] | ({"uri", "organization_identifiers"} if written else set())
        for name in sorted(set(data) - mapped):
            partly = name in ("locations", "service_at_locations")
            message = "alleen de plaats (city) als gebied gelezen" if partly else "niet overgenomen"
            self.reading.warn(item.at, f"veld {message}", hsds_id, name)

    def _area(self, item: _Item, record: LinedDict, area: dict[str, Any], where: str) -> None:
        uri = str(area.get("uri") or "")
        names = [str(area.get(k) or "").lower() for k in ("name", "description")]
        if uri.startswith(f"{ID}area/"):
            names.insert(0, uri.removeprefix(f"{ID}area/"))
        found = next((self.areas[n] for n in names if n in self.areas), None)
        if found is None and uri.startswith(f"{ID}area/") and "area" in record:
            found = uri.removeprefix(f"{ID}area/")  # also an area attribute of the record
        if found is None:
            self.reading.warn(
                item.at,
                f"werkgebied {area.get('name')!r} is geen bekend zorgnet-gebied",
                str(item.data.get("id")),
                where,
            )
            return
        record.setdefault("area", [])
        if found not in record["area"]:
            record["area"].append(found)

    def new_areas(self, records: list[LinedDict]) -> list[LinedDict]:
        """Area records for the areas zorgnet's export describes that are not stored.

        An area term of zorgnet's export gives the area's id, name and kind of area, so
        that the export reads into an empty store; an area that is stored stays as it is.
        """
        wanted = sorted({a for r in records for a in r.get("area", [])} - set(self.areas))
        created = []
        for area_id in wanted:
            term = self.area_terms.get(area_id) or {}
            kind = _area_type(str(term.get("description") or ""))
            if term.get("term_uri") != f"{ID}area/{area_id}" or kind is None:
                continue  # no area of zorgnet's: a reference, which the checks then name
            area = LinedDict(id=area_id, label=str(term.get("name") or area_id), type=kind)
            area["source"] = [f"{_SEED} §area, area {area_id}"]
            area.line, area.key_lines = 1, {}
            created.append(area)
            self.reading.warn(
                Position(self.reading.display),
                f"gebied {area_id!r} aangemaakt uit de HSDS-gegevens (naam en soort); "
                "HSDS zegt niet onder welk gebied het valt",
                area_id,
                "area",
                hint="laad de gebieden van zorgnet (gebieden.yaml) voor de indeling",
            )
        return created


def _area_type(label: str) -> str | None:
    """The notation of the kind of area whose Dutch label (or notation) is *label*."""
    words = vocabulary()
    for notation in words.notations(ZN.AreaType):
        concept = words.concept(ZN.AreaType, notation)
        if label in (notation, words.label(concept)):
            return notation
    return None


def _unique(items: list[_Item]) -> list[_Item]:
    """Each HSDS entity once: a list may repeat an organization that a service nests."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in items:
        key = (item.entity, str(item.data.get("id")))
        if key not in seen or item.data.get("id") is None:
            seen.add(key)
            unique.append(item)
    return unique


def _documents(
    items: list[_Item], records: list[LinedDict], areas: list[LinedDict], display: str
) -> list[tuple[str, LinedDict]]:
    """The records grouped by the file they came from, as ``build_records`` reads files."""
    by_file: dict[str, dict[str, list[LinedDict]]] = {}
    for item, record in zip(items, records, strict=True):
        by_file.setdefault(item.at.file, {"actors": []})["actors"].append(record)
    if areas:
        by_file.setdefault(display, {"actors": []})["areas"] = areas
    documents = []
    for name, kinds in by_file.items():
        document = LinedDict(kinds)
        document.line = 1
        document.key_lines = dict.fromkeys(kinds, 1)
        documents.append((name, document))
    return documents


def _cities(data: dict[str, Any], beside: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The city of every address of the locations of an organization or service."""
    locations = [(f"locations[{i}]", loc) for i, loc in enumerate(data.get("locations") or [])]
    locations += [(f"location[{i}]", location) for i, location in enumerate(beside)]
    locations += [
        (f"service_at_locations[{i}].location", link.get("location"))
        for i, link in enumerate(data.get("service_at_locations") or [])
        if isinstance(link, dict)
    ]
    cities = []
    for where, location in locations:
        if not isinstance(location, dict):
            continue
        for number, address in enumerate(location.get("addresses") or []):
            if isinstance(address, dict) and address.get("city"):
                cities.append((f"{where}.addresses[{number}].city", str(address["city"])))
    return cities


def _document_year(items: list[_Item], path: Path) -> int:
    """The year of the newest ``last_modified`` in the data, else of the file itself."""
    years = [
        int(str(item.data["last_modified"])[:4])
        for item in items
        if re.match(r"\d{4}", str(item.data.get("last_modified") or ""))
    ]
    if years:
        return max(years)
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).year


def _document_iri(path: Path, year: int) -> URIRef:
    """The source document of an HSDS file: one per file name and year, so that reading
    the same file again gives the same document, and a newer one a document beside it."""
    return ID[f"source/hsds-{_slug(path.stem)}-{year}"]


def _register(path: Path, year: int) -> SourceRegister:
    register = SourceRegister()
    # The file's name only: where it stood on the machine that read it is no source.
    title = f"HSDS-gegevens uit {path.name}"
    document = register.add_document(_SEED, path.name, title, year, iri=_document_iri(path, year))
    for entity in ("organization", "service", "area"):
        register.add_section(
            _SEED, entity, f"HSDS {entity}", document, iri=URIRef(f"{document}/{entity}")
        )
    return register


def _stored_sources(
    base: Graph, subject: URIRef, path: Path, register: SourceRegister
) -> list[str]:
    """The stored citations of *subject*, as citations *register* can resolve; those of
    an earlier reading of the same HSDS file are left out, since this reading replaces it.

    The stored documents are given seeds of the in-memory register only (``001`` ...):
    a citation still points at the stored section, whatever its document's id."""
    earlier = re.compile(re.escape(f"{ID}source/hsds-{_slug(path.stem)}") + r"(-\d{4})?$")
    seeds = {str(iri): seed for (seed, _), iri in register.sections.items() if seed != _SEED}
    cited = []
    for citation in sorted(base.objects(subject, ZN.citation), key=str):
        section = base.value(citation, ZN.section)
        document = base.value(section, DCTERMS.isPartOf) if section is not None else None
        number = base.value(section, ZN.sectionNumber) if section is not None else None
        if document is None or number is None or earlier.match(str(document)):
            continue
        seed = seeds.get(str(section)) or f"{len(register.years):03d}"
        if str(section) not in seeds:
            year = base.value(document, ZN.asOf)
            register.years[seed] = int(str(year)[:4]) if year is not None else 0
            register.sections[(seed, str(number))] = URIRef(section)
        locator = base.value(citation, ZN.locator)
        cited.append(f"{seed} §{number}" + (f", {locator}" if locator is not None else ""))
    return cited


def _upsert(
    records: list[LinedDict],
    mapper: _Mapper,
    base: Graph | None,
    path: Path,
    register: SourceRegister,
) -> None:
    """Complete each record from the stored record of the same id, if any: a field the
    HSDS data gives replaces the stored value, a field it leaves out keeps it; the record
    cites both the HSDS file and the stored sources. A type or scale that neither gives
    is the default, reported."""
    for record in records:
        stored = record_fields(base, "actors", record["id"]) if base is not None else None
        for name, value in (stored or {}).items():
            if name not in record and name != "source":
                record[name] = value
        if stored is not None:
            iri = ID[f"actor/{record['id']}"]
            record["source"] = [*_stored_sources(base, iri, path, register), *record["source"]]
        for name in sorted(mapper.defaulted.get(record["id"], set()) - set(record)):
            default = DEFAULT_TYPE if name == "type" else DEFAULT_SCALE
            record[name] = default
            mapper.reading.warn(
                Position(mapper.reading.display, record.line),
                f"HSDS kent geen zorgnet-{name}; aangenomen: {default}",
                record["id"],
                name,
                hint="verbeter de soort of schaal daarna in zorgnet",
            )


def read_hsds(
    path: Path,
    *,
    base: Graph | None = None,
    display: str | None = None,
    language: str | None = None,
) -> Dataset:
    """Read and check an HSDS 3.0 dataset as zorgnet records.

    Parameters
    ----------
    path : Path
        An HSDS JSON file (one organization or service, a list of them, or a paginated
        list response with ``contents``), or a folder with the CSV data package
        (``organizations.csv``, ``services.csv``, ...).
    base : Graph, optional
        Data already in the store: its areas are matched by name, references may point
        into it, and SHACL checks the union. A record whose id is stored is completed
        from the stored record (an upsert): its ``Dataset.existing`` entry then replaces
        the stored one when committed.
    display : str, optional
        How to name *path* in messages.
    language : str, optional
        The language of the descriptions (``nl``), which HSDS does not record. Without it
        only the descriptions of zorgnet's own export (Dutch by zorgnet's shapes) are
        kept; the others are reported, not stored as Dutch. Names are kept either way.

    Returns
    -------
    Dataset
        The records' graph and a report. Errors (bad JSON, schema violations, bad
        values) name the file, the row or record and the field; warnings list every HSDS
        field that was not taken over. Use the graph only when ``report.ok``.
    """
    reading = _Reading(display or str(path))
    dataset = Dataset(files=[reading.display])
    if not path.exists():
        reading.error(Position(reading.display), "bestand of map bestaat niet", None, None)
    elif path.is_dir():
        _csv_items(path, reading)
    else:
        _json_items(path, reading)
    reading.items = _unique(reading.items)
    for item in reading.items:
        record = str(item.data["id"]) if item.data.get("id") is not None else None
        for error in _schema_errors(item.entity, item.data):
            field_name = jsonschema_field(error)
            if item.parent is not None and field_name == "organization_id":
                continue
            reading.error(
                item.at,
                f"{item.label}: {jsonschema_message(error)}",
                record,
                field_name,
                hint=jsonschema_hint(error, item.entity),
            )
    if any(p.severity is Severity.ERROR for p in reading.problems):
        dataset.report.extend(reading.problems)
        return dataset
    mapper = _Mapper(reading, _area_index(base), language)
    for item in reading.items:
        if item.entity not in _MAPPED and item.entity != "service_at_location":
            reading.warn(
                item.at,
                f"HSDS-{item.entity} {item.label} niet overgenomen: geen organisatie of dienst",
                str(item.data.get("id")),
                None,
            )
    reading.items = [i for i in reading.items if i.entity in _MAPPED]
    records: list[LinedDict] = []
    for item in reading.items:
        line = item.at.line if item.at.line is not None else len(records) + 1
        records.append(mapper.record(item, line))
    for item, record in zip(reading.items, records, strict=True):
        _link_owner(item, record, mapper)
    register = _register(path, _document_year(reading.items, path))
    _upsert(records, mapper, base, path, register)
    areas = mapper.new_areas(records)
    dataset.report.extend(reading.problems)
    dataset.triples.add_graph(register.graph)
    documents = _documents(reading.items, records, areas, reading.display)
    return add_records(dataset, documents, register, base=base, display=reading.display)


def _link_owner(item: _Item, record: LinedDict, mapper: _Mapper) -> None:
    """Make *record* part of the organization that offers the service, or of the parent
    organization, when that is in the data too."""
    if item.entity == "service":
        owner = item.parent or item.data.get("organization_id")
    else:
        owner = item.data.get("parent_organization_id")
    if owner is None and isinstance(item.data.get("organization"), dict):  # a service
        owner = item.data["organization"].get("id")
    if owner is not None and str(owner) in mapper.ids:
        record.setdefault("partOf", [])
        if mapper.ids[str(owner)] not in record["partOf"]:
            record["partOf"].insert(0, mapper.ids[str(owner)])
    elif owner is not None:
        mapper.reading.warn(
            item.at,
            f"organisatie {owner} staat niet in de HSDS-gegevens; niet overgenomen",
            str(item.data.get("id")),
            "organization_id" if item.entity == "service" else "parent_organization_id",
        )
