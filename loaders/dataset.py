"""Reading a dataset (a folder of files, or one file) into validated RDF.

This is where every check happens before anything is written: file syntax and
encoding, record fields, ids, references, vocabulary values, citations, and SHACL over
the whole result. Nothing here touches the store; :mod:`zorgnet.graph.store` commits a
result only when its report has no errors.

Data added to stored data (``base``) is compared with it: a record whose id is already
stored is never merged into the stored one. The dataset lists such records
(``Dataset.existing``) with the stored triples they would replace (``Dataset.replaced``);
whoever commits either refuses them (:meth:`Dataset.existing_problems`) or replaces
each stored record as a whole. Blank nodes cannot be added at all: they cannot be found
again, so every addition of the same file would store another copy.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, SKOS, BNode, Graph, URIRef

from zorgnet.loaders.rdf_file import RDF_SUFFIXES, read_rdf
from zorgnet.loaders.records import SourceMap, build_records, record_iri, stored_ids
from zorgnet.loaders.report import Position, Problem, Report, Severity
from zorgnet.loaders.shacl import shacl_problems
from zorgnet.loaders.sources import REGISTER_FILE, SourceRegister, read_register
from zorgnet.loaders.standard_terms import graph_standard_triples
from zorgnet.loaders.triples import Triples
from zorgnet.loaders.yaml_file import YamlFileError, read_yaml
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import RecordKind, record_kinds
from zorgnet.ontology.vocabulary import class_label

__all__ = ["DATA_SUFFIXES", "Dataset", "Progress", "add_records", "read_dataset"]

DATA_SUFFIXES = {".yaml", ".yml", *RDF_SUFFIXES}
Progress = Callable[[str, int, int], None]


@dataclass
class Dataset:
    """A dataset read and checked, ready to be committed when ``report.ok``."""

    triples: Triples = field(default_factory=Triples)
    source_map: SourceMap = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    files: list[str] = field(default_factory=list)
    record_count: int = 0
    existing: dict[URIRef, Position] = field(default_factory=dict)
    """The records whose id is already stored (read with ``base``), with where each
    stands in the input."""
    replaced: Graph = field(default_factory=Graph)
    """The stored triples of the ``existing`` records and of their citations: what
    replacing them takes out."""

    @property
    def graph(self) -> Graph:
        """All triples as a new rdflib graph: for a region, not for a national network."""
        return self.triples.graph()

    def existing_problems(self) -> list[Problem]:
        """An error for each record whose id is already stored: for an addition that
        may not replace stored records."""
        return [
            Problem.at(
                at,
                f"id {_record_id(iri)!r} bestaat al in de opslag",
                hint=(
                    "gebruik --vervang om de opgeslagen registratie in zijn geheel te "
                    "vervangen, of kies een andere id"
                ),
                record=_record_id(iri),
                field="id",
                rule="bestaat-al",
            )
            for iri, at in self.existing.items()
        ]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _data_files(path: Path) -> tuple[list[Path], Path | None]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in DATA_SUFFIXES and p.is_file())
        register = path / REGISTER_FILE
        return [
            p for p in files if p.name != REGISTER_FILE
        ], register if register.exists() else None
    register = path.parent / REGISTER_FILE
    return [path], register if register.exists() else None


def read_dataset(
    path: Path, *, base: Graph | None = None, progress: Progress | None = None
) -> Dataset:
    """Read and check every data file at *path*.

    Parameters
    ----------
    path : Path
        A dataset folder (``*.yaml`` records with ``bronnen.yaml``, and/or ``*.ttl``,
        ``*.nt``, ``*.jsonld``), or one such file. A YAML file is read with the
        ``bronnen.yaml`` beside it.
    base : Graph, optional
        Data already in the store that the new files add to: references may point into
        it, and SHACL checks the union. Records whose id is stored are listed in
        ``existing`` (see :func:`add_records`); blank nodes are an error.
    progress : callable, optional
        Called as ``progress(file, done, total)`` after each file.

    Returns
    -------
    Dataset
        The combined graph and a report; use the graph only when ``report.ok``.
    """
    dataset = Dataset()
    if not path.exists():
        return _refused(
            dataset, Position(str(path)), "bestand of map bestaat niet", "controleer het pad", "pad"
        )
    files, register_path = _data_files(path)
    if path.is_file() and path.suffix not in DATA_SUFFIXES:
        return _refused(
            dataset,
            Position(_display(path)),
            f"onbekend bestandstype {path.suffix!r}",
            "gebruik .yaml, .ttl, .nt of .jsonld",
            "bestandstype",
        )
    if not files:
        inside = sorted(
            d.name
            for d in (path.iterdir() if path.is_dir() else ())
            if d.is_dir() and any(d.glob("*.yaml"))
        )
        hint = "zet .yaml-, .ttl- of .jsonld-bestanden in de map"
        if inside:
            hint += f", of kies een map erin met databestanden: {', '.join(inside)}"
        return _refused(
            dataset, Position(_display(path)), "geen databestanden gevonden", hint, "leeg"
        )
    register = SourceRegister()
    if register_path is not None:
        register, problems = read_register(register_path, _display(register_path))
        dataset.report.extend(problems)
        dataset.triples.add_graph(register.graph)
        dataset.files.append(_display(register_path))
    yaml_documents = []
    for done, file in enumerate(files, start=1):
        name = _display(file)
        dataset.files.append(name)
        if file.suffix in RDF_SUFFIXES:
            graph, positions, problems = read_rdf(file, name)
            dataset.report.extend(problems)
            if base is not None:
                dataset.report.extend(_blank_node_problems(file, name, graph, positions))
            dataset.triples.add_graph(graph)
            dataset.triples.add_graph(graph_standard_triples(graph, base))
            dataset.source_map.update(positions)
        else:
            try:
                yaml_documents.append((name, read_yaml(file, name)))
            except YamlFileError as exc:
                dataset.report.extend([exc.problem])
        if progress:
            progress(name, done, len(files))
    if yaml_documents and register_path is None:
        dataset.report.extend(
            [
                Problem.at(
                    Position(_display(path)),
                    f"geen {REGISTER_FILE} gevonden naast de YAML-bestanden",
                    hint=f"zet {REGISTER_FILE} met de brondocumenten in dezelfde map",
                    rule="bronnenregister",
                )
            ]
        )
    add_records(dataset, yaml_documents, register, base=base, display=_display(path))
    dataset.report.extend(_known_issues(dataset))
    return dataset


def add_records(
    dataset: Dataset,
    documents: Iterable[tuple[str, Any]],
    register: SourceRegister,
    *,
    base: Graph | None,
    display: str,
) -> Dataset:
    """Build the records of parsed *documents* into *dataset*, then check it with SHACL.

    The one last step of every reader (YAML, HSDS, workbook, and RDF files through
    :func:`read_dataset`): references may point into *base*, the data already stored,
    and SHACL checks the union; SHACL only runs when nothing else is wrong, and names
    *display* for results without a known position.

    A record of the dataset whose id *base* holds goes into ``dataset.existing``, its
    stored triples into ``dataset.replaced``, and SHACL checks the new record without
    them, as it would stand after replacing the stored one. A stored record that cannot
    be replaced by it is an error: one of another kind, one holding blank nodes, or one
    of which the input gives loose triples rather than the whole record.
    """
    known = stored_ids(base) if base is not None else {}
    build = build_records(documents, register, known, stored=base)
    dataset.report.extend(build.problems)
    dataset.triples.extend(build.triples)
    dataset.source_map.update(build.source_map)
    dataset.record_count = build.record_count
    stored = base
    if base is not None:
        dataset.report.extend(_compare_with_stored(dataset, base, known, display))
        if dataset.existing:
            stored = _Without(base, {s for s in dataset.replaced.subjects(unique=True)})
    if dataset.report.ok:
        dataset.report.extend(
            shacl_problems(dataset.triples, dataset.source_map, display, stored=stored)
        )
    return dataset


def _record_id(iri: str) -> str:
    """The id of a record's IRI (``.../id/<kind prefix>/<id>``)."""
    return iri[len(str(ID)) :].split("/")[1]


def _compare_with_stored(
    dataset: Dataset, base: Graph, known: Mapping[str, URIRef], display: str
) -> list[Problem]:
    """Fill ``existing`` and ``replaced`` of *dataset*; the stored records it touches
    that it cannot replace, as problems."""
    kinds = {kind.id_prefix: kind for kind in record_kinds().values()}
    classes = {kind.rdf_class: kind for kind in kinds.values()}
    problems: list[Problem] = []
    seen: set[URIRef] = set()
    for subject in dataset.triples.subjects():
        # A record's IRI, or a node under it such as a citation ``.../bron/1``.
        if not subject.startswith(str(ID)):
            continue
        prefix, _, rest = subject[len(str(ID)) :].partition("/")
        kind, record_id = kinds.get(prefix), rest.split("/", 1)[0]
        if kind is None or record_id not in known:
            continue
        iri = record_iri(kind, record_id)
        if iri in seen:
            continue
        seen.add(iri)
        at = dataset.source_map.get(iri) or dataset.source_map.get(URIRef(subject))
        problem = _not_replaceable(
            dataset, base, iri, kind, classes[known[record_id]], at or Position(display)
        )
        if problem is not None:
            problems.append(problem)
            continue
        dataset.existing[iri] = at or Position(display)
        for triple in _record_triples(base, iri):
            dataset.replaced.add(triple)
    return problems


def _not_replaceable(
    dataset: Dataset, base: Graph, iri: URIRef, kind: RecordKind, stored: RecordKind, at: Position
) -> Problem | None:
    """Why the stored record *iri* (of kind *stored*) cannot be replaced by the record
    of *kind* in *dataset*; None when it can."""
    record_id = _record_id(iri)

    def problem(message: str, hint: str) -> Problem:
        return Problem.at(
            at,
            f"id {record_id!r} bestaat al in de opslag, {message}",
            hint=hint,
            record=record_id,
            field="id",
            rule="bestaat-al",
        )

    if stored is not kind:
        return problem(
            f"als {class_label(str(stored.rdf_class))}",
            "kies een andere id; --vervang vervangt alleen een registratie van dezelfde soort",
        )
    types = dataset.triples.types_of(str(iri))
    if f"<{ZN.Record}>" not in types or f"<{kind.rdf_class}>" not in types:
        return problem(
            "en hier staan alleen losse gegevens over die registratie",
            "geef de hele registratie (met rdf:type) om hem met --vervang te vervangen, "
            "of haal deze gegevens weg",
        )
    if any(isinstance(term, BNode) for triple in _record_triples(base, iri) for term in triple):
        return problem(
            "met lege knopen (blank nodes), en is daarom niet te vervangen",
            "laad alle data opnieuw zonder --add",
        )
    return None


def _record_triples(graph: Graph, iri: URIRef) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of the stored record *iri* and of its citations."""
    for p, o in graph.predicate_objects(iri):
        yield iri, p, o
        if p == ZN.citation and isinstance(o, URIRef):
            for cp, co in graph.predicate_objects(o):
                yield o, cp, co


class _Without(Graph):
    """A view of *graph* without the triples of the subjects *hidden*: the stored data
    as SHACL sees it once the records of those subjects are replaced."""

    def __init__(self, graph: Graph, hidden: set[Any]) -> None:
        super().__init__(store=graph.store, identifier=graph.identifier)
        self._hidden = hidden

    def triples(self, triple: Any) -> Iterator[Any]:  # type: ignore[override]
        if triple[0] in self._hidden:
            return
        for found in super().triples(triple):
            if found[0] not in self._hidden:
                yield found


# How a blank node shows in a line of each format: ``_:a``, in Turtle also ``[``.
_BLANK = {
    ".nt": re.compile(r"(?:^|\s)_:\S"),
    ".ttl": re.compile(r"(?:^|[\s,;(\[])_:\S|\["),
    ".jsonld": re.compile(r'"_:'),
}


def _blank_node_problems(
    path: Path, name: str, graph: Graph, positions: Mapping[URIRef, Position]
) -> list[Problem]:
    """An error when the RDF file *graph* read from holds blank nodes, at the first
    line that shows one (or the statement that refers to one)."""
    blank = [t for t in graph if any(isinstance(term, BNode) for term in t)]
    if not blank:
        return []
    line = None
    pattern = _BLANK.get(path.suffix)
    if pattern is not None:
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next((i for i, row in enumerate(lines, start=1) if pattern.search(row)), None)
    if line is None:
        line = next(
            (positions[s].line for s, _, _ in blank if isinstance(s, URIRef) and s in positions),
            None,
        )
    return [
        Problem.at(
            Position(name, line),
            f"{len(blank)} triple(s) met lege knopen (blank nodes), zoals _:a of [ ... ]; "
            "die kunnen niet aan de opgeslagen data worden toegevoegd: ze zijn daarna niet "
            "terug te vinden, dus elke keer toevoegen zou een kopie opslaan",
            hint=(
                "geef elke knoop een eigen IRI; of laad alle data opnieuw zonder --add, "
                "dan vervangt het bestand alles wat is opgeslagen"
            ),
            rule="lege-knoop",
        )
    ]


def _known_issues(dataset: Dataset) -> list[Problem]:
    """Each known contradiction or vagueness in the sources, as a warning."""
    graph = dataset.triples.graph(of_type=ZN.KnownIssue)
    warnings = []
    for issue in sorted(graph.subjects(RDF.type, ZN.KnownIssue)):
        readings = " | ".join(sorted(str(r) for r in graph.objects(issue, ZN.reading)))
        label = graph.value(issue, SKOS.prefLabel)
        warnings.append(
            Problem.at(
                dataset.source_map.get(issue, Position("?")),
                f"bekende kwestie in de bronnen: {label}",
                hint=f"lezingen: {readings}",
                record=str(issue).rsplit("/", 1)[-1],
                rule="bekende-kwestie",
                severity=Severity.WARNING,
            )
        )
    return warnings


def _refused(dataset: Dataset, at: Position, message: str, hint: str, rule: str) -> Dataset:
    dataset.report.extend([Problem.at(at, message, hint=hint, rule=rule)])
    return dataset
