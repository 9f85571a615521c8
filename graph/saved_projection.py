"""The projection of a store version, saved beside it for the next process.

Projecting a national network from the store takes about 20 seconds, and every CLI
command and every new web-app process would pay that again for the same version. So the
first projection of a version is written next to the version's database and read back
by later processes in a fraction of that time; the file is deleted with the version.

The file holds plain tuples in :mod:`marshal` format, which runs no code when read
(unlike pickle); like the database beside it, it is only as trustworthy as the store
folder. Its name carries a hash of the projection code, so a file written by another
revision of zorgnet is ignored rather than misread.
"""

import dataclasses
import hashlib
import marshal
import os
import threading
from pathlib import Path
from typing import Any

import networkx as nx

from zorgnet.graph import parts, projected, projection, terms
from zorgnet.graph.internals import GraphDicts, graph_of

__all__ = ["NAME", "read", "write", "write_beside_version"]

_CLASSES = {
    cls.__name__: cls
    for cls in (
        projected.RecordSummary,
        projected.Area,
        projected.Mandate,
        projected.Membership,
        projected.Arrangement,
        projected.Alignment,
        projected.Shortage,
        projected.Issue,
        projected.Figure,
    )
}
_FIELDS = {name: [f.name for f in dataclasses.fields(cls)] for name, cls in _CLASSES.items()}
# The modules that decide what a projection holds, and this one that writes it.
_CODE = hashlib.sha256(
    b"".join(Path(m.__file__).read_bytes() for m in (terms, parts, projected, projection))
    + Path(__file__).read_bytes()
).hexdigest()[:16]
#: The file name (beside the version) for the projection made by this code.
NAME = f"projection-{_CODE}.marshal"


def _plain(value: Any) -> Any:
    name = type(value).__name__
    if name in _CLASSES:
        return (name, tuple(getattr(value, f) for f in _FIELDS[name]))
    return value


def _records(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and value[0] in _CLASSES:
        return _CLASSES[value[0]](*value[1])
    return value


@projection.without_gc()
def write(G: nx.MultiDiGraph, path: Path) -> bool:
    """Save the projection *G* to *path*, atomically (a reader sees all of it or none).

    Returns whether it was saved. The file only spares the next process a projection,
    so a failure is not an error: with edits a second apart, the version may be
    replaced twice, and its folder deleted, while its projection is being written.
    """
    data = {key: value for key, value in G.graph.items() if key != "memo"}
    content = (
        list(G.nodes(data=True)),
        list(G.edges(keys=True, data=True)),
        # Edges are replayed in out-edge order; the in-edge order of each actor is kept
        # too, so that every analysis iterates (and breaks ties) as on the original.
        [list(G.pred[node]) for node in G],
        {
            key: (
                {k: _plain(v) for k, v in value.items()}
                if isinstance(value, dict)
                else tuple(_plain(v) for v in value)
            )
            for key, value in data.items()
        },
    )
    return write_beside_version(path, NAME, marshal.dumps(content))


def write_beside_version(path: Path, name: str, content: bytes) -> bool:
    """Write *content* to *path*, the file *name* (``<kind>-<code hash>.marshal``) beside
    a version, atomically (a reader sees all of it or none); then delete the files of
    that kind saved beside the same version by other revisions of zorgnet: this one
    never reads them, and a national projection takes about 60 MB. Returns whether it
    was written; a failure (the version deleted meanwhile) is not an error, as such a
    file only spares the next process work.
    """
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    if path.name.endswith(name):
        version, kind = path.name[: -len(name)], name.split("-", 1)[0]
        for other in path.parent.glob(f"{version}{kind}-*.marshal"):
            if other != path:
                other.unlink(missing_ok=True)
    return True


@projection.without_gc()
def read(path: Path) -> nx.MultiDiGraph | None:
    """The projection saved at *path*, or None when there is none (or it is unreadable)."""
    try:
        nodes, edges, predecessors, data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    G = graph_of(_dicts(nodes, edges, predecessors))
    G.graph.update(
        {
            key: (
                {k: _records(v) for k, v in value.items()}
                if isinstance(value, dict)
                else tuple(_records(v) for v in value)
            )
            for key, value in data.items()
        },
        memo={},
    )
    return nx.freeze(G)


def _dicts(
    nodes: list[tuple[Any, dict[str, Any]]],
    edges: list[tuple[Any, Any, Any, dict[str, Any]]],
    predecessors: list[list[Any]],
) -> GraphDicts:
    """The dictionaries of the graph with *nodes* and *edges* (in out-edge order), each
    node's predecessors in the order of *predecessors* (one list per node)."""
    node_dict = dict(nodes)
    succ: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = {n: {} for n in node_dict}
    for source, target, key, attributes in edges:
        keys = succ[source].get(target)
        if keys is None:
            keys = succ[source][target] = {}
        keys[key] = attributes
    pred = {
        node: {u: succ[u][node] for u in order}
        for node, order in zip(node_dict, predecessors, strict=True)
    }
    return GraphDicts(node_dict, succ, pred)
