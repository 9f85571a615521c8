"""Turning the records of YAML data files into RDF.

The work is done in two passes so that every problem of a dataset is reported at once:
first each record is validated on its own against its pydantic model (made from the
SHACL shapes); then ids are collected and every reference, vocabulary value and citation
is resolved. Each record's IRI is mapped to the file and line it came from, so that
SHACL's results can later be reported as ``file:line``.
"""

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from rdflib import DCTERMS, RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from zorgnet.loaders.messages import pydantic_message
from zorgnet.loaders.report import Position, Problem
from zorgnet.loaders.sources import REGISTER_FILE, SourceRegister, parse_citation
from zorgnet.loaders.standard_terms import derivation, membership_terms, part_of_term
from zorgnet.loaders.text import SINGLE_LINE_PATHS, bad_character, character_problem
from zorgnet.loaders.triples import Triples
from zorgnet.loaders.yaml_file import LinedDict
from zorgnet.ontology.literals import canonical_decimal
from zorgnet.ontology.models import record_models
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import FieldSpec, RecordKind, ValueKind, record_kinds
from zorgnet.ontology.vocabulary import class_label, vocabulary

__all__ = ["RecordBuild", "SourceMap", "build_records", "record_iri", "stored_ids"]

SourceMap = dict[URIRef, Position]
_Triple = tuple[URIRef, URIRef, Node]


def record_iri(kind: RecordKind, record_id: str) -> URIRef:
    """The stable IRI of a record: ``.../id/<kind prefix>/<id>``."""
    return ID[f"{kind.id_prefix}/{record_id}"]


def stored_ids(graph: Graph) -> dict[str, URIRef]:
    """The id and class of every record in *graph*: what a new record may refer to.

    One SPARQL query, which on a store runs in its own engine: a look-up per record
    costs seconds on a national network.
    """
    classes = " ".join(sorted(f"<{kind.rdf_class}>" for kind in record_kinds().values()))
    rows = graph.query(f"SELECT ?s ?c WHERE {{ VALUES ?c {{ {classes} }} ?s a <{ZN.Record}>, ?c }}")
    known: dict[str, URIRef] = {}
    for subject, cls in rows:  # type: ignore[misc]
        text = str(subject)
        if text.startswith(str(ID)):
            known.setdefault(text[len(str(ID)) :].split("/")[1], URIRef(cls))
    return known


@dataclass
class _Parsed:
    kind: RecordKind
    model: BaseModel
    raw: LinedDict
    position: Position

    @property
    def iri(self) -> URIRef:
        return record_iri(self.kind, self.model.id)  # type: ignore[attr-defined]

    def field_position(self, name: str) -> Position:
        return Position(self.position.file, self.raw.key_lines.get(name, self.raw.line))


@dataclass
class RecordBuild:
    """The RDF of a set of data files, where each subject came from, and the problems."""

    triples: Triples = field(default_factory=Triples)
    source_map: SourceMap = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    record_count: int = 0


def _problem(
    at: Position,
    message: str,
    hint: str,
    rule: str,
    record: str | None = None,
    field_name: str | None = None,
) -> Problem:
    return Problem.at(at, message, hint=hint, rule=rule, record=record, field=field_name)


def _pydantic_problems(
    exc: ValidationError, raw: LinedDict, at: Position, kind: RecordKind, record_id: str | None
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else None
        line = raw.key_lines.get(name, raw.line) if name else raw.line
        where = Position(at.file, line)
        spec = kind.fields.get(name or "")
        value = error.get("input")
        kind_of_error = error["type"]
        if kind_of_error == "extra_forbidden":
            close = difflib.get_close_matches(name or "", [*kind.fields, "id"], n=3)
            hint = (
                f"bedoelde u: {', '.join(close)}?"
                if close
                else ("toegestane velden: " + ", ".join(["id", *kind.fields]))
            )
            message = f"onbekend veld {name!r} voor {kind.key}"
            rule = "onbekend-veld"
        elif kind_of_error == "missing":
            message = f"verplicht veld {name!r} ontbreekt"
            hint = spec.hint if spec else "voeg het veld toe"
            rule = "verplicht-veld"
        elif kind_of_error == "literal_error" and spec is not None:
            close = vocabulary().closest(spec.target, str(value))
            message = f"onbekende waarde {value!r}"
            hint = (
                f"bedoelde u: {', '.join(close)}?"
                if close
                else "toegestaan: " + ", ".join(vocabulary().notations(spec.target))
            )
            rule = "vocabulaire"
        elif name == "source":
            message = f"bronvermelding {value!r} heeft niet de vorm '<seed> §<paragraaf>'"
            hint = "bijvoorbeeld '003 §4' of '002 §3.1, p. 12'"
            rule = "bron-vorm"
        elif name == "id":
            message = f"id {value!r} is geen geldige slug"
            hint = "alleen kleine letters, cijfers en koppeltekens, zoals hilversum-buurtteam-oost"
            rule = "id-vorm"
        else:
            message = pydantic_message(error)
            hint = spec.hint if spec else ""
            rule = "waarde"
        problems.append(_problem(where, message, hint, rule, record_id, name))
    return problems


def _character_problems(
    item: LinedDict, kind: RecordKind, at: Position, record_id: str | None
) -> list[Problem]:
    """A problem for each field whose text holds a character text may not hold.

    The one check of every reader of records (YAML, HSDS, workbook, the edit API):
    only text that is not a name (description, reading, measure) may span lines.
    """
    problems = []
    if record_id is not None and bad_character(record_id, multiline=False) is not None:
        record_id = None  # the id is reported as a field, not repeated in every message
    for name, value in item.items():
        spec = kind.fields.get(name)
        multiline = (
            spec is not None
            and spec.value_kind is ValueKind.TEXT
            and spec.path not in SINGLE_LINE_PATHS
        )
        where = Position(at.file, item.key_lines.get(name, item.line))
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                problem = character_problem(
                    text, where, multiline=multiline, record=record_id, field=name
                )
                if problem is not None:
                    problems.append(problem)
                    break
    return problems


def _parse_records(files: Iterable[tuple[str, Any]], build: RecordBuild) -> list[_Parsed]:
    kinds = record_kinds()
    models = record_models()
    parsed: list[_Parsed] = []
    for display, data in files:
        if not isinstance(data, LinedDict):
            build.problems.append(
                _problem(
                    Position(display, 1),
                    "het bestand is geen lijst van soorten registraties",
                    "begin met bijvoorbeeld 'actors:' en zet de registraties daaronder",
                    "bestandsvorm",
                )
            )
            continue
        for key, items in data.items():
            at = Position(display, data.key_lines[key])
            if key not in kinds:
                close = difflib.get_close_matches(key, list(kinds), n=3)
                hint = (
                    f"bedoelde u: {', '.join(close)}?"
                    if close
                    else "toegestaan: " + ", ".join(kinds)
                )
                build.problems.append(
                    _problem(at, f"onbekende soort registratie {key!r}", hint, "onbekende-soort")
                )
                continue
            if not isinstance(items, list):
                build.problems.append(
                    _problem(
                        at,
                        f"'{key}' moet een lijst zijn",
                        "zet elke registratie op een regel die met '- ' begint",
                        "bestandsvorm",
                    )
                )
                continue
            for item in items:
                line = item.line if isinstance(item, LinedDict) else at.line
                where = Position(display, line)
                if not isinstance(item, LinedDict):
                    build.problems.append(
                        _problem(
                            where,
                            f"registratie onder '{key}' is geen blok met velden",
                            "schrijf 'id: ...' en de andere velden onder elkaar",
                            "bestandsvorm",
                        )
                    )
                    continue
                record_id = item.get("id") if isinstance(item.get("id"), str) else None
                characters = _character_problems(item, kinds[key], where, record_id)
                build.problems.extend(characters)
                if any(p.field == "id" for p in characters):
                    continue  # a record with a bad id is not built; others are, for references

                try:
                    model = models[key].model_validate(dict(item))
                except ValidationError as exc:
                    build.problems.extend(
                        _pydantic_problems(exc, item, where, kinds[key], record_id)
                    )
                    continue
                parsed.append(_Parsed(kinds[key], model, item, where))
    return parsed


def _literal(spec: FieldSpec, value: Any) -> Literal:
    if spec.value_kind is ValueKind.TEXT:
        return Literal(value, lang="nl")
    if spec.target == XSD.gYear:
        return Literal(f"{int(value):04d}", datatype=XSD.gYear)
    if spec.target == XSD.decimal:
        return Literal(canonical_decimal(value), datatype=XSD.decimal)
    return Literal(value, datatype=spec.target)


class _Resolver:
    def __init__(
        self,
        parsed: list[_Parsed],
        register: SourceRegister,
        known: Mapping[str, URIRef],
        build: RecordBuild,
        stored: Graph | None = None,
    ) -> None:
        self.register = register
        self.build = build
        self.stored = stored
        self.ids: dict[str, _Parsed] = {}
        self.known = known  # ids already in the store: {id: class}
        for record in parsed:
            record_id = record.model.id  # type: ignore[attr-defined]
            if record_id in self.ids:
                first = self.ids[record_id].position
                build.problems.append(
                    _problem(
                        record.field_position("id"),
                        f"id {record_id!r} bestaat al (ook in {first})",
                        "geef elke registratie een eigen id",
                        "dubbel-id",
                        record_id,
                        "id",
                    )
                )
                continue
            self.ids[record_id] = record

    def _class_of(self, record_id: str) -> URIRef | None:
        if record_id in self.ids:
            return self.ids[record_id].kind.rdf_class
        return self.known.get(record_id)

    def classes_of(self, target: URIRef) -> set[Node]:
        """The classes of the record *target*: from its type if it is read here, else as
        stored."""
        record = self.ids.get(target.rsplit("/", 1)[-1])
        if record is not None and record.iri == target:
            return {o for _, p, o in _typing(record) if p == RDF.type}
        if self.stored is None:
            return set()
        return set(self.stored.objects(target, RDF.type))

    def reference(self, record: _Parsed, spec: FieldSpec, value: str) -> URIRef | None:
        cls = self._class_of(value)
        if cls is None:
            candidates = [
                i
                for i in {*self.ids, *self.known}
                if spec.target == ZN.Record or self._class_of(i) == spec.target
            ]
            close = difflib.get_close_matches(value, candidates, n=3, cutoff=0.6)
            self.build.problems.append(
                _problem(
                    record.field_position(spec.name),
                    f"verwijzing naar onbekende id {value!r}",
                    f"bedoelde u: {', '.join(close)}?"
                    if close
                    else "voeg de registratie toe of verbeter de id",
                    "verwijzing",
                    record.model.id,
                    spec.name,
                )
            )  # type: ignore[attr-defined]
            return None
        if spec.target not in (ZN.Record, cls):
            expected = class_label(str(spec.target))
            self.build.problems.append(
                _problem(
                    record.field_position(spec.name),
                    f"{value!r} is een {class_label(str(cls))}, maar hier hoort een {expected}",
                    "verwijs naar een registratie van de goede soort",
                    "verwijzing-soort",
                    record.model.id,
                    spec.name,
                )
            )  # type: ignore[attr-defined]
            return None
        if value in self.ids:
            return self.ids[value].iri
        return ID[f"{_prefix_of(cls)}/{value}"]

    def citation(
        self, record: _Parsed, index: int, text: str, triples: list[_Triple]
    ) -> tuple[URIRef, int, URIRef] | None:
        citation = parse_citation(text)
        section = self.register.section(citation) if citation else None
        if citation is None or section is None:
            seed = citation.seed if citation else "?"
            known = self.register.sections_of(seed)
            hint = (
                f"paragrafen van {seed} in {REGISTER_FILE}: {', '.join(known)}"
                if known
                else f"voeg bron {seed} toe aan {REGISTER_FILE}"
            )
            self.build.problems.append(
                _problem(
                    record.field_position("source"),
                    f"bron {text!r} staat niet in {REGISTER_FILE}",
                    hint,
                    "bron-onbekend",
                    record.model.id,
                    "source",
                )
            )  # type: ignore[attr-defined]
            return None
        node = URIRef(f"{record.iri}/bron/{index + 1}")
        triples.append((node, RDF.type, ZN.Citation))
        triples.append((node, ZN.section, section))
        if citation.locator:
            triples.append((node, ZN.locator, Literal(citation.locator, datatype=XSD.string)))
        self.build.source_map[node] = record.position
        return node, self.register.years[citation.seed], section


def _prefix_of(cls: URIRef) -> str:
    return next(k.id_prefix for k in record_kinds().values() if k.rdf_class == cls)


def _typing(record: _Parsed) -> list[_Triple]:
    """The ``rdf:type`` triples of *record*: record, its kind's class, an actor's class."""
    subject = record.iri
    triples: list[_Triple] = [
        (subject, RDF.type, ZN.Record),
        (subject, RDF.type, record.kind.rdf_class),
    ]
    for name, spec in record.kind.fields.items():
        value = getattr(record.model, name)
        if spec.path == ZN.actorType and value is not None:
            actor_class = vocabulary().actor_class(vocabulary().concept(spec.target, value))
            triples.append((subject, RDF.type, actor_class))
    return triples


def _org_part_of(record: _Parsed, resolver: _Resolver, triples: list[_Triple]) -> list[_Triple]:
    """The ORG triple beside each ``dct:isPartOf`` of an actor, where one fits."""
    if record.kind.rdf_class != ZN.Actor:
        return []
    part = [o for _, p, o in triples if p == RDF.type]
    implied: list[_Triple] = []
    for s, p, whole in triples:
        if p == DCTERMS.isPartOf and isinstance(whole, URIRef):
            term = part_of_term(part, resolver.classes_of(whole))
            if term is not None:
                implied.append((s, term, whole))
    return implied


def _org_membership(record: _Parsed, triples: list[_Triple]) -> list[_Triple]:
    """The ORG triples of a membership that is not ``buiten`` (see standard_terms)."""
    if record.kind.rdf_class != ZN.Membership:
        return []
    values = {p: o for _, p, o in triples}
    return membership_terms(
        record.iri,
        values.get(ZN.networkTeam),
        values.get(ZN.networkMember),
        values.get(ZN.membershipStatus),
    )


def _emit(record: _Parsed, resolver: _Resolver, build: RecordBuild) -> None:
    subject = record.iri
    build.source_map[subject] = record.position
    triples = _typing(record)
    citations: list[_Triple] = []
    years: list[int] = []
    for name, spec in record.kind.fields.items():
        value = getattr(record.model, name)
        values = value if isinstance(value, list) else ([] if value is None else [value])
        for index, item in enumerate(values):
            if name == "source":
                cited = resolver.citation(record, index, item, citations)
                if cited:
                    triples.append((subject, ZN.citation, cited[0]))
                    triples.append(derivation(subject, cited[2]))
                    years.append(cited[1])
            elif spec.value_kind is ValueKind.CONCEPT:
                triples.append((subject, spec.path, vocabulary().concept(spec.target, item)))
            elif spec.value_kind is ValueKind.REFERENCE:
                target = resolver.reference(record, spec, item)
                if target is not None:
                    triples.append((subject, spec.path, target))
            else:
                triples.append((subject, spec.path, _literal(spec, item)))
    if getattr(record.model, "asOf", None) is None and years:
        triples.append((subject, ZN.asOf, Literal(f"{years[0]:04d}", datatype=XSD.gYear)))
    implied = _org_part_of(record, resolver, triples) + _org_membership(record, triples)
    build.triples.add_record(triples + implied + citations)


def build_records(
    files: Iterable[tuple[str, Any]],
    register: SourceRegister,
    known: Mapping[str, URIRef] | None = None,
    stored: Graph | None = None,
) -> RecordBuild:
    """Validate the records of parsed YAML files and build their RDF.

    Parameters
    ----------
    files : iterable of (str, object)
        Each file's display name and its parsed content (from ``read_yaml``).
    register : SourceRegister
        The documents and sections records may cite.
    known : dict, optional
        Ids already in the store and their record class, which references may use.
    stored : Graph, optional
        The stored data, where the classes of the records referred to are read (the
        ORG term of a part-of depends on them; see :mod:`zorgnet.loaders.standard_terms`).

    Returns
    -------
    RecordBuild
        The RDF, the map from subject IRIs to file and line, and every problem found.
        The RDF is only meant to be used when there are no problems.
    """
    build = RecordBuild()
    parsed = _parse_records(files, build)
    resolver = _Resolver(parsed, register, {} if known is None else known, build, stored)
    for record in resolver.ids.values():
        _emit(record, resolver, build)
    build.record_count = len(resolver.ids)
    return build
