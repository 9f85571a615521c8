"""Scenarios as files, and the records a scenario adds, checked like any data.

A scenario file is YAML with four keys, all optional but one change::

    naam: POH-jeugd Gooise Meren stopt
    zonder: [gooise-meren-poh-jeugd]          # actor ids
    zonder-bevoegdheid: [huisarts-verwijzen]  # mandate ids
    met: [nieuwe-aanbieder.yaml]              # data files, beside the scenario file

The files under ``met`` are records in the data format (``data/README.md``). They are
read by the same loaders as ``zorgnet load --add`` (fields, references into the stored
data, vocabularies, citations against the stored source register, SHACL over the
union), so a wrong record is refused with a Dutch message naming the file, line and
record. They are never stored: :func:`added_projection` makes a projection of the
stored data with them, beside the shared one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from rdflib import Graph

from zorgnet.core.editing import _register
from zorgnet.graph.analyses.scenarios import (
    Scenario,
    ScenarioResult,
    apply_scenario,
    check_scenario,
    compare,
)
from zorgnet.graph.reprojection import reproject
from zorgnet.loaders.dataset import Dataset, add_records
from zorgnet.loaders.report import Position, Problem, Report
from zorgnet.loaders.yaml_file import YamlFileError, read_yaml
from zorgnet.ontology.exceptions import LoadError

if TYPE_CHECKING:
    import networkx as nx

    from zorgnet.graph.contract import TripleStore
    from zorgnet.graph.projection_cache import ProjectionCache

__all__ = [
    "SCENARIO_KEYS",
    "added_projection",
    "read_scenario",
    "scenario_projection",
    "scenario_result",
    "scenario_yaml",
    "write_scenario",
]

#: The keys of a scenario file, with the Scenario field each fills.
SCENARIO_KEYS = {
    "naam": "name",
    "zonder": "without_actors",
    "zonder-bevoegdheid": "without_mandates",
    "met": "with_records",
}
_YAML_SUFFIXES = (".yaml", ".yml")


def _problem(file: str, line: int | None, message: str, hint: str, rule: str) -> LoadError:
    report = Report()
    report.extend([Problem.at(Position(file, line), message, hint=hint, rule=rule)])
    return LoadError(report)


def _names(value: Any, key: str, file: str, line: int | None) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise _problem(
            file,
            line,
            f"{key!r} moet een id of een lijst van ids zijn",
            f"schrijf bijvoorbeeld {key}: [eerste-id, tweede-id]",
            "scenario-waarde",
        )
    return tuple(v.strip() for v in values)


def read_scenario(path: Path) -> Scenario:
    """The scenario in the YAML file at *path*; the ``met`` files relative to its folder.

    Raises
    ------
    LoadError
        When the file is no YAML mapping of the keys of :data:`SCENARIO_KEYS`; its
        report names the file and line.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "poh.yaml"
    >>> _ = path.write_text("naam: POH stopt\\nzonder: gooise-meren-poh-jeugd\\n")
    >>> scenario = read_scenario(path)
    >>> scenario.name, scenario.without_actors, scenario.with_records
    ('POH stopt', ('gooise-meren-poh-jeugd',), ())
    """
    file = str(path)
    if not path.is_file():
        raise _problem(file, None, "scenariobestand bestaat niet", "controleer het pad", "pad")
    try:
        document = read_yaml(path, file)
    except YamlFileError as exc:
        report = Report()
        report.extend([exc.problem])
        raise LoadError(report) from exc
    return _scenario(document, file, path.parent)


def _scenario(document: Any, file: str, folder: Path) -> Scenario:
    if not isinstance(document, dict):
        raise _problem(
            file,
            1,
            "een scenario is een lijst van velden (naam, zonder, zonder-bevoegdheid, met)",
            "begin met bijvoorbeeld 'naam: mijn scenario'",
            "scenario",
        )
    lines = getattr(document, "key_lines", {})
    values: dict[str, Any] = {}
    for key, value in document.items():
        line = lines.get(key)
        if key not in SCENARIO_KEYS:
            raise _problem(
                file,
                line,
                f"onbekend veld {key!r} in het scenario",
                "gebruik naam, zonder, zonder-bevoegdheid of met",
                "scenario-veld",
            )
        if value is None:
            continue
        if key == "naam":
            values["name"] = str(value).strip()
        elif key == "met":
            values["with_records"] = tuple(
                str(folder / name) for name in _names(value, key, file, line)
            )
        else:
            values[SCENARIO_KEYS[key]] = _names(value, key, file, line)
    return Scenario(**values)


def scenario_yaml(scenario: Scenario, folder: Path | None = None) -> str:
    """*scenario* as the YAML text of a scenario file; ``met`` files relative to *folder*
    where they lie inside it.

    Examples
    --------
    >>> print(scenario_yaml(Scenario(name="POH stopt", without_actors=("gooise-meren-poh-jeugd",))))
    naam: POH stopt
    zonder:
    - gooise-meren-poh-jeugd
    <BLANKLINE>
    """
    document: dict[str, Any] = {}
    if scenario.name:
        document["naam"] = scenario.name
    if scenario.without_actors:
        document["zonder"] = list(scenario.without_actors)
    if scenario.without_mandates:
        document["zonder-bevoegdheid"] = list(scenario.without_mandates)
    if scenario.with_records:
        document["met"] = [_relative(Path(p), folder) for p in scenario.with_records]
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def write_scenario(scenario: Scenario, path: Path) -> None:
    """Save *scenario* as a YAML file :func:`read_scenario` reads back.

    The ``met`` files are written relative to the scenario file's folder where they
    lie inside it, so the two can be shared together.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "poh.yaml"
    >>> write_scenario(Scenario(name="POH stopt", without_actors=("gooise-meren-poh-jeugd",)), path)
    >>> read_scenario(path).without_actors
    ('gooise-meren-poh-jeugd',)
    """
    path.write_text(scenario_yaml(scenario, path.resolve().parent), encoding="utf-8")


def _relative(path: Path, folder: Path | None) -> str:
    if folder is None:
        return str(path)
    try:
        return str(path.resolve().relative_to(folder))
    except ValueError:
        return str(path.resolve())


def _checked(files: Iterable[tuple[Path, str]], base: Graph) -> Dataset:
    """The records of the YAML *files* (path, name in messages), checked against the
    stored data *base*."""
    dataset = Dataset()
    documents = []
    for path, name in files:
        dataset.files.append(name)
        if path.suffix not in _YAML_SUFFIXES:
            dataset.report.extend(
                [
                    Problem.at(
                        Position(name),
                        f"onbekend bestandstype {path.suffix!r} voor een scenario",
                        hint="geef de registraties als .yaml-bestand in het dataformaat",
                        rule="bestandstype",
                    )
                ]
            )
            continue
        if not path.is_file():
            dataset.report.extend(
                [
                    Problem.at(
                        Position(name),
                        "bestand bestaat niet",
                        hint="controleer het pad",
                        rule="pad",
                    )
                ]
            )
            continue
        try:
            documents.append((name, read_yaml(path, name)))
        except YamlFileError as exc:
            dataset.report.extend([exc.problem])
    if dataset.report.ok:
        display = ", ".join(dataset.files)
        add_records(dataset, documents, _register(base), base=base, display=display)
    return dataset


def added_projection(
    store: TripleStore,
    G: nx.MultiDiGraph,
    files: Sequence[str | Path],
    *,
    names: Sequence[str] | None = None,
) -> nx.MultiDiGraph:
    """The projection of the stored data with the records of *files* added; not stored.

    A record whose id is stored replaces the stored record as a whole, as
    ``zorgnet load --add --vervang`` would.

    Parameters
    ----------
    store : TripleStore
        The open store (either backend); it is only read.
    G : networkx.MultiDiGraph
        Its projection (not changed).
    files : sequence of path
        YAML files in the data format.
    names : sequence of str, optional
        How messages name the files (default: their paths), e.g. for a file the web
        app wrote from a form.

    Raises
    ------
    LoadError
        When a record is wrong; its report names the file, line and record.
    """
    base = store.graph()
    shown = names if names is not None else [str(f) for f in files]
    dataset = _checked(zip((Path(f) for f in files), shown, strict=True), base)
    if not dataset.report.ok:
        raise LoadError(dataset.report)
    added = dataset.triples.graph()
    union = Graph()
    for triple in base:
        union.add(triple)
    for triple in dataset.replaced:
        union.remove(triple)
    for triple in added:
        union.add(triple)
    subjects = {str(s) for s in added.subjects(unique=True)}
    subjects.update(str(s) for s in dataset.replaced.subjects(unique=True))
    return reproject(G, union, subjects)


def scenario_projection(
    store: TripleStore,
    scenario: Scenario,
    cache: ProjectionCache | None = None,
    *,
    names: Sequence[str] | None = None,
) -> nx.MultiDiGraph:
    """The projection of *store* as it would be in *scenario*: a copy, nothing stored.

    What a report or a map of the scenario is drawn from.
    """
    from zorgnet.core import projection

    G = projection(store, cache)
    if not scenario.with_records:
        return apply_scenario(G, scenario)
    added = added_projection(store, G, scenario.with_records, names=names)
    return apply_scenario(G, scenario, added=added)


def scenario_result(
    store: TripleStore,
    scenario: Scenario,
    cache: ProjectionCache | None = None,
    *,
    names: Sequence[str] | None = None,
) -> ScenarioResult:
    """What changes if *scenario* happens (:func:`~zorgnet.graph.analyses.scenarios.compare`)
    on the projection of *store*, with the records of its ``met`` files added (*names*:
    how messages name them, as for :func:`added_projection`). What the data as it is
    answered is saved with the version (``ProjectionCache.keep_answers``), so that the
    next process's scenario need not compute it again.

    Raises
    ------
    UnknownName
        An actor or mandate of the scenario is not in the data.
    LoadError
        A record of a ``met`` file is wrong.
    """
    from zorgnet.graph.projection_cache import ProjectionCache

    cache = cache or ProjectionCache()
    G = cache.with_answers(store)
    if not scenario.with_records:
        result = compare(G, check_scenario(G, scenario))
    else:
        added = added_projection(store, G, scenario.with_records, names=names)
        result = compare(G, check_scenario(added, scenario), added=added)
    # What the data as it is answered is saved for the next process's scenario.
    cache.keep_answers(store)
    return result
