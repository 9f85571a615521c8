"""The answers a "wat als" scenario compares with, saved beside the store version.

A scenario compares the network as it would be with the network as it is: per gemeente
the best route of every route question (595 on the region), its coverage, its VNG
framework, its brokers and who reaches what
(:func:`~zorgnet.graph.analyses.scenarios.prepare_scenarios`). A web app computes them
in the background after a start; a command on the command line is a new process that
would compute them again for every scenario (0.3–0.5 s of a 1.3 s command on the
region). So the answers a process computed are written next to the version, and read
back by the next process with its projection.

As :mod:`zorgnet.graph.saved_projection`: plain values in :mod:`marshal` format, which
runs no code when read; a result is written as the name of its class (a dataclass or
named tuple of zorgnet's graph package) and its fields, and read back only into such a
class. The name of the file carries a hash of the analyses' code and the vocabularies,
so answers computed by another revision are never read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import marshal
import sys
from pathlib import Path
from typing import Any

import networkx as nx

from zorgnet.graph import projection
from zorgnet.graph.saved_projection import write_beside_version

__all__ = ["KINDS", "NAME", "answers_of", "read", "write"]

#: The memo entries (by the first part of their key) that are answers of the data as it
#: is, computed for scenarios.
KINDS = frozenset(
    {
        "scenario-routes",
        "scenario-coverage",
        "scenario-framework",
        "scenario-positions",
        "referrer_reach",
    }
)

_HERE = Path(__file__).parent
# Everything that can shape an answer: the graph package (the analyses, the projection,
# the areas, the route graphs' internals), the ontology and its vocabularies, and the
# networkx and Python versions (ties between equal routes, seeded betweenness).
_SOURCES = sorted([*_HERE.rglob("*.py"), *(_HERE.parent / "ontology").rglob("*.*")])
_CODE = hashlib.sha256(
    b"".join(p.read_bytes() for p in _SOURCES if p.is_file() and p.suffix in (".py", ".ttl"))
    + f"networkx {nx.__version__} python {sys.version_info[:2]}".encode()
).hexdigest()[:16]
#: The file name (beside the version) for the answers computed by this code.
NAME = f"answers-{_CODE}.marshal"

# Mark a record (dataclass or named tuple), and a container that holds one, among the
# plain values: a plain tuple or dict is read back as it is, without a look inside.
_RECORD = "\0zorgnet-record"
_HOLDS_RECORDS = "\0zorgnet-container"
_PLAIN = (str, int, float, bool, type(None))
# The results are the analyses' (and the projection's) own classes.
_OWN = "zorgnet.graph."
_CONTAINERS = {"tuple": tuple, "list": list, "set": set, "frozenset": frozenset}


def _encode(value: Any) -> tuple[Any, bool]:
    """*value* as plain values marshal writes, and whether it holds a record; TypeError
    for anything else."""
    if isinstance(value, _PLAIN):
        return value, False
    cls = type(value)
    if cls.__module__.startswith(_OWN):
        if dataclasses.is_dataclass(value):
            fields = [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
        elif isinstance(value, tuple) and hasattr(cls, "_fields"):
            fields = list(zip(cls._fields, value, strict=True))
        else:
            raise TypeError(f"cannot save a {cls.__module__}.{cls.__qualname__}")
        name = f"{cls.__module__}:{cls.__qualname__}"
        return (_RECORD, name, tuple((n, _encode(v)[0]) for n, v in fields)), True
    if cls is dict:
        pairs = [(_encode(k), _encode(v)) for k, v in value.items()]
        if not any(k[1] or v[1] for k, v in pairs):
            return value, False
        return (_HOLDS_RECORDS, "dict", tuple((k[0], v[0]) for k, v in pairs)), True
    if cls.__name__ in _CONTAINERS and _CONTAINERS[cls.__name__] is cls:
        items = [_encode(v) for v in value]
        if not any(holds for _, holds in items):
            return value, False
        return (_HOLDS_RECORDS, cls.__name__, tuple(v for v, _ in items)), True
    raise TypeError(f"cannot save a {cls.__module__}.{cls.__qualname__}")


def _decode(value: Any, classes: dict[str, Any]) -> Any:
    if type(value) is not tuple or len(value) != 3:
        return value
    mark, name, items = value
    if mark == _RECORD:
        make = classes.get(name) or classes.setdefault(name, _maker(name))
        return make(items, classes)
    if mark != _HOLDS_RECORDS:
        return value
    if name == "dict":
        return {_decode(k, classes): _decode(v, classes) for k, v in items}
    return _CONTAINERS[name](_decode(v, classes) for v in items)


def _maker(name: str) -> Any:
    """How to make a record of the class *name* from its saved fields."""
    module, _, qualname = name.partition(":")
    if not module.startswith(_OWN):
        raise ValueError(f"not a zorgnet record: {name}")
    cls: Any = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    # Defined there, not imported into it from elsewhere.
    if not isinstance(cls, type) or (cls.__module__, cls.__qualname__) != (module, qualname):
        raise ValueError(f"not a zorgnet record: {name}")
    if dataclasses.is_dataclass(cls) and not hasattr(cls, "__slots__"):

        def record(fields: tuple[tuple[str, Any], ...], classes: dict[str, Any]) -> Any:
            # As pickle does: the fields as they were, without running __init__ again
            # (frozen dataclasses refuse setattr, not their __dict__).
            made = object.__new__(cls)
            made.__dict__.update((n, _decode(v, classes)) for n, v in fields)
            return made

        return record
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):
        return lambda fields, classes: cls(*(_decode(v, classes) for _, v in fields))
    raise ValueError(f"not a zorgnet record: {name}")


def answers_of(memo: dict[Any, Any]) -> dict[Any, Any]:
    """The entries of a projection's *memo* that :func:`write` saves."""
    # A copy first (one step under the GIL): the web app's threads add to the memo.
    entries = memo.copy()
    return {k: v for k, v in entries.items() if isinstance(k, tuple) and k and k[0] in KINDS}


@projection.without_gc()
def write(answers: dict[Any, Any], path: Path) -> bool:
    """Save *answers* (memo key → answer) to *path*, atomically; whether it was saved.

    Like a saved projection the file only spares the next process work, so a failure
    (a version deleted meanwhile, an answer of a kind it cannot hold) is not an error.

    Examples
    --------
    >>> import tempfile
    >>> from zorgnet.graph.analyses.scenarios import prepare_scenarios
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> prepare_scenarios(G)
    >>> path = Path(tempfile.mkdtemp()) / NAME
    >>> write(answers_of(G.graph["memo"]), path)
    True
    >>> read(path) == answers_of(G.graph["memo"])
    True
    """
    try:
        content = marshal.dumps(_encode(answers)[0])
    except (TypeError, ValueError):
        return False
    return write_beside_version(path, NAME, content)


@projection.without_gc()
def read(path: Path) -> dict[Any, Any]:
    """The answers saved at *path*; empty when there are none (or they are unreadable)."""
    try:
        answers = _decode(marshal.loads(path.read_bytes()), {})
    except Exception:  # a damaged file only means computing the answers again
        return {}
    return answers if isinstance(answers, dict) else {}
