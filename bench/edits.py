"""Benchmark (not a test): edits through the web app's edit function, then a question.

Each edit goes through ``zorgnet.core.editing.apply_edit`` (``undo`` for the undo) on the
embedded on-disk store, at two scales:

- regio: the shipped dataset (``read_dataset(SHIPPED_DATASET)``, ``Store.replace``) in a
  temporary folder;
- nationaal: a copy (``shutil.copytree``, into a temporary folder) of an already loaded
  national store folder given with ``--store`` (made by ``zorgnet load DIR --store
  FOLDER``); the folder given is only read, never opened as a store.

Per scale: ``PROJECTIONS.get(store)`` once (it reads the projection saved with the version,
or builds and saves it), then ``--repeat`` rounds of four edits with fresh ids: create a
relation (aanmaken), change an actor's label (wijzigen, the fields of ``record_fields``
with another label), delete the relation created (verwijderen), and undo the label
change (ongedaan maken, ``undo``). After each edit, timed apart:

1. ``apply_edit`` (or ``undo``) itself: read, check, commit a new version;
2. the first ``PROJECTIONS.get(store)`` after it, which reprojects only the changed
   records (``reproject``) and saves the file for the next process in a thread;
3. a route question on the new projection (``referral_routes``, k = 5, cold: each
   projection has a memo and indexes of its own), as ``bench/backends.py`` asks it;

and their sum, the user-visible "edit, then ask". Then the script waits for the thread
saving the projection (``save wait``, the part of that write still running after the
route; not in the sum), so that one edit's save does not run into the next edit's
timings. It does run during the route step, as in the web app: CPU time is this
process's (``time.process_time``, all threads), so the route's CPU includes the save's.

Also per scale: the peak RSS of the process (``ru_maxrss``; the process runs regio
first, so nationaal's peak is the process's), the number of version folders left in the
store while it is open and after it is closed (each version is a folder; at most 2: the
current one and the one before), and, as the "before" number, a full
``project(store.graph())`` (about 25 s at national scale; ``--skip-full`` skips it). The
full projection runs last so that the edits' peak RSS is printed without it.

Run: .venv/bin/python bench/edits.py [--store /path/to/national/store] [--repeat 5] [--skip-full]
"""

import argparse
import fcntl
import resource
import shutil
import statistics
import tempfile
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from timing import timed

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.core.editing import Edit, apply_edit, undo
from zorgnet.graph import saved_projection
from zorgnet.graph.analyses.routes import RouteResult, referral_routes
from zorgnet.graph.projection import project
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.rdf_records import record_fields
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import read_dataset

ACTIONS = ("aanmaken", "wijzigen", "verwijderen", "ongedaan maken")
STAGES = ("apply_edit", "projection_for", "route", "edit + ask", "save wait")
DOOR = "bench"
#: The projections, kept between the edits as a web app keeps them.
PROJECTIONS = ProjectionCache()


@dataclass(frozen=True)
class Scenario:
    """What one scale edits and asks: ids that exist in its data."""

    relation_from: str
    relation_to: str
    relation_kind: str
    relation_source: str
    actor: str
    route_source: str
    route_help: str
    route_gemeente: str


SCENARIOS = {
    # data/gooi-en-vechtstreek/wettelijke-verwijzers.yaml
    "regio": Scenario(
        "veilig-thuis",
        "raad-voor-de-kinderbescherming",
        "meldt",
        "003 §4",
        "veilig-thuis",
        "huisarts",
        "jeugd-ggz",
        "hilversum",
    ),
    # /tmp/nat/data/regio-r01.yaml of `zorgnet synth`
    "nationaal": Scenario(
        "r01-ggd",
        "r01-veilig-thuis",
        "meldt",
        "900 §relaties",
        "r01-ggd",
        "g001-huisarts-1",
        "jeugd-ggz",
        "g001",
    ),
}

# (wall ms, cpu ms) per "action|stage", one per repeat.
Samples = dict[str, list[tuple[float, float]]]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _line(name: str, wall: float, cpu: float) -> None:
    print(
        f"{name:<52} wall {wall:10.1f} ms  cpu {cpu:10.1f} ms  peak RSS {_peak_mb():6.0f} MB",
        flush=True,
    )


def _step(name: str, function: Callable[[], Any]) -> tuple[Any, float, float]:
    result, wall, cpu = timed(function)
    _line(name, wall, cpu)
    return result, wall, cpu


def _join_background() -> None:
    """Wait for the threads still running (``ProjectionCache.get`` saving a projection)."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join()


def _route(G: nx.MultiDiGraph, s: Scenario) -> RouteResult:
    """The route question of scenario *s*, as bench/backends.py asks it."""
    return referral_routes(G, s.route_source, s.route_help, gemeente=s.route_gemeente, k=5)


def _versions(location: Path) -> tuple[int, int]:
    """The version folders of the store at *location*, and the files derived from them."""
    entries = list((location / "versions").iterdir())
    return sum(e.is_dir() for e in entries), sum(not e.is_dir() for e in entries)


def _edit_round(
    scale: str,
    store: Store,
    scenario: Scenario,
    round_number: int,
    tag: str,
    samples: Samples,
) -> None:
    """One round of the four edits, each followed by a projection and a route."""
    s = scenario
    relation = f"bench-{tag}-{round_number}-{s.relation_from}-{s.relation_kind}"[:120]
    relation_fields = {
        "from": s.relation_from,
        "to": s.relation_to,
        "kind": s.relation_kind,
        "source": s.relation_source,
    }
    actor_fields = record_fields(store.graph(), "actors", s.actor)
    if actor_fields is None:
        raise SystemExit(f"{scale}: actor {s.actor!r} is not in the store")
    actor_fields["label"] = f"{actor_fields['label']} (bench {tag}-{round_number})"
    changed: list[Edit] = []

    def create() -> Edit:
        return apply_edit(
            store,
            "relations",
            "aanmaken",
            relation,
            relation_fields,
            door=DOOR,
            reden="benchmark: relatie aanmaken",
        )

    def change() -> Edit:
        changed.append(
            apply_edit(
                store,
                "actors",
                "wijzigen",
                s.actor,
                actor_fields,
                door=DOOR,
                reden="benchmark: label wijzigen",
            )
        )
        return changed[-1]

    def delete() -> Edit:
        return apply_edit(
            store,
            "relations",
            "verwijderen",
            relation,
            None,
            door=DOOR,
            reden="benchmark: relatie verwijderen",
        )

    def undo_change() -> Edit:
        return undo(store, changed[-1].id, door=DOOR, reden="benchmark: ongedaan maken")

    edits: dict[str, Callable[[], Edit]] = {
        "aanmaken": create,
        "wijzigen": change,
        "verwijderen": delete,
        "ongedaan maken": undo_change,
    }
    for action in ACTIONS:
        before = store.version
        _, edit_wall, edit_cpu = _step(
            f"{scale} #{round_number}: {action}: apply_edit", edits[action]
        )
        if store.changes_since(before) is None:
            print(f"  {scale}: the store does not know what {action} changed: a full projection")
        G, proj_wall, proj_cpu = _step(
            f"{scale} #{round_number}: {action}: projection_for", lambda: PROJECTIONS.get(store)
        )
        result, route_wall, route_cpu = _step(
            f"{scale} #{round_number}: {action}: route (cold)",
            lambda: _route(G, s),  # noqa: B023 (called at once)
        )
        _, wait_wall, wait_cpu = _step(
            f"{scale} #{round_number}: {action}: save wait", _join_background
        )
        # The projection must show the edit.
        expected = {
            "aanmaken": relation in G.graph["records"],
            "wijzigen": G.nodes[s.actor]["label"] == actor_fields["label"],
            "verwijderen": relation not in G.graph["records"],
            "ongedaan maken": G.nodes[s.actor]["label"] != actor_fields["label"],
        }
        if not expected[action]:
            raise SystemExit(f"{scale}: the projection after {action} does not show the edit")
        if round_number == 0 and action == "aanmaken":
            print(
                f"  route {s.route_source} → {s.route_help} ({s.route_gemeente}): "
                f"{len(result.routes)} routes"
            )
        for stage, wall, cpu in (
            ("apply_edit", edit_wall, edit_cpu),
            ("projection_for", proj_wall, proj_cpu),
            ("route", route_wall, route_cpu),
            ("edit + ask", edit_wall + proj_wall + route_wall, edit_cpu + proj_cpu + route_cpu),
            ("save wait", wait_wall, wait_cpu),
        ):
            samples[f"{action}|{stage}"].append((wall, cpu))


def run_scale(
    scale: str, location: Path, repeat: int, skip_full: bool, once: dict[str, Any]
) -> Samples:
    """Open the store at *location*, edit it *repeat* rounds; the samples per edit and stage.

    *once* receives the numbers measured once: the first projection, the full projection,
    the peak RSS and the version folders.
    """
    scenario = SCENARIOS[scale]
    samples: Samples = defaultdict(list)
    tag = uuid.uuid4().hex[:6]
    with Store(location) as store:
        path = store.derived_path(saved_projection.NAME)
        how = "reads the saved" if path is not None and path.exists() else "builds and saves"
        G, wall, cpu = _step(f"{scale}: projection_for, {how}", lambda: PROJECTIONS.get(store))
        _join_background()
        once[f"{scale}|projection_for, {how}"] = (wall, cpu)
        once[f"{scale}|actors / edges"] = f"{G.number_of_nodes():,} / {G.number_of_edges():,}"
        print(
            f"  {scale}: {G.number_of_nodes():,} actors, {G.number_of_edges():,} edges, "
            f"{len(store):,} triples"
        )
        s = scenario
        _, wall, cpu = _step(
            f"{scale}: route before the edits (cold)",
            lambda: _route(G, s),
        )
        once[f"{scale}|route before the edits (cold)"] = (wall, cpu)
        for round_number in range(repeat):
            _edit_round(scale, store, scenario, round_number, tag, samples)
        once[f"{scale}|peak RSS after the edits"] = f"{_peak_mb():,.0f} MB"
        folders, files = _versions(location)
        once[f"{scale}|version folders (files) while open"] = f"{folders} ({files})"
        print(
            f"  {scale}: peak RSS {_peak_mb():,.0f} MB; {folders} version folders and "
            f"{files} derived files while open"
        )
        if not skip_full:
            _, wall, cpu = _step(
                f"{scale}: project(store.graph()) (before)", lambda: project(store.graph())
            )
            once[f"{scale}|project(store.graph()), the full projection"] = (wall, cpu)
            once[f"{scale}|peak RSS after the full projection"] = f"{_peak_mb():,.0f} MB"
    folders, files = _versions(location)
    once[f"{scale}|version folders (files) after closing"] = f"{folders} ({files})"
    print(f"  {scale}: {folders} version folders and {files} derived files after closing")
    return samples


def _copy_store(source: Path, target: Path) -> None:
    """Copy the store folder *source* to *target*, refusing when a process has it open."""
    lock = source / "zorgnet.lock"
    if not (source / "current").exists():
        raise SystemExit(f"{source} is not a loaded store folder (no 'current' file)")
    if lock.exists():
        # A shared lock on a read-only handle: fails while a Store holds the folder,
        # and changes nothing in it.
        with lock.open("r", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                raise SystemExit(f"{source} is open in another process; not copied") from None
            fcntl.flock(handle, fcntl.LOCK_UN)
    shutil.copytree(source, target)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):9.1f} {max(values):9.1f}"


def summary(results: dict[str, Samples], once: dict[str, Any], repeat: int) -> None:
    """Print the medians and maxima of the edits, then the numbers measured once."""
    print()
    print(f"Edits: milliseconds over {repeat} repeats (median, max); CPU of this process")
    header = (
        f"{'scale':<10} {'edit':<15} {'stage':<15} {'wall med':>9} {'wall max':>9} "
        f"{'cpu med':>9} {'cpu max':>9}"
    )
    print(header)
    print("-" * len(header))
    for scale, samples in results.items():
        for action in ACTIONS:
            for stage in STAGES:
                rows = samples[f"{action}|{stage}"]
                walls = [w for w, _ in rows]
                cpus = [c for _, c in rows]
                print(f"{scale:<10} {action:<15} {stage:<15} {_ms(walls)} {_ms(cpus)}")
    print()
    print("Once per scale")
    for key, value in once.items():
        scale, name = key.split("|", 1)
        if isinstance(value, tuple):
            wall, cpu = value
            text = f"wall {wall:10,.1f} ms  cpu {cpu:10,.1f} ms"
        else:
            text = str(value)
        print(f"{scale:<10} {name:<48} {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a loaded national store folder (copied)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the four edits")
    parser.add_argument("--skip-full", action="store_true", help="skip project(store.graph())")
    args = parser.parse_args()
    results: dict[str, Samples] = {}
    once: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="zorgnet-bench-edits-") as folder:
        graph = read_dataset(SHIPPED_DATASET).graph
        with Store(Path(folder) / "regio") as store:
            _step(f"regio: replace ({len(graph):,} triples)", lambda: store.replace(graph))
        results["regio"] = run_scale(
            "regio", Path(folder) / "regio", args.repeat, args.skip_full, once
        )
        if args.store is not None:
            copy = Path(folder) / "nationaal"
            _step(f"nationaal: copy {args.store}", lambda: _copy_store(args.store, copy))
            results["nationaal"] = run_scale("nationaal", copy, args.repeat, args.skip_full, once)
    summary(results, once, args.repeat)


if __name__ == "__main__":
    main()
