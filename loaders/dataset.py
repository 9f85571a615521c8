"""Reading a dataset (a folder of files, or one file) into validated RDF.

This is where every check happens before anything is written: file syntax and
encoding, record fields, ids, references, vocabulary values, citations, and SHACL over
the whole result. Nothing here touches the store; :mod:`zorgnet.graph.store` commits a
result only when its report has no errors.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, SKOS, Graph

from zorgnet.loaders.rdf_file import RDF_SUFFIXES, read_rdf
from zorgnet.loaders.records import SourceMap, build_records, stored_ids
from zorgnet.loaders.report import Position, Problem, Report, Severity
from zorgnet.loaders.shacl import shacl_problems
from zorgnet.loaders.sources import REGISTER_FILE, SourceRegister, read_register
from zorgnet.loaders.triples import Triples
from zorgnet.loaders.yaml_file import YamlFileError, read_yaml
from zorgnet.ontology.namespace import ZN

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

    @property
    def graph(self) -> Graph:
        """All triples as a new rdflib graph: for a region, not for a national network."""
        return self.triples.graph()


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
        it, and SHACL checks the union.
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
        return _refused(
            dataset,
            Position(_display(path)),
            "geen databestanden gevonden",
            "zet .yaml-, .ttl- of .jsonld-bestanden in de map",
            "leeg",
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
            dataset.triples.add_graph(graph)
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

    The one last step of every reader (YAML, HSDS, workbook): references may point into
    *base*, the data already stored, and SHACL checks the union; SHACL only runs when
    nothing else is wrong, and names *display* for results without a known position.
    """
    build = build_records(documents, register, stored_ids(base) if base is not None else {})
    dataset.report.extend(build.problems)
    dataset.triples.extend(build.triples)
    dataset.source_map.update(build.source_map)
    dataset.record_count = build.record_count
    if dataset.report.ok:
        dataset.report.extend(
            shacl_problems(dataset.triples, dataset.source_map, display, stored=base)
        )
    return dataset


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
