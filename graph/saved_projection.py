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

from zorgnet.graph import projection

__all__ = ["NAME", "read", "write"]

_CLASSES = {
    cls.__name__: cls
    for cls in (
        projection.RecordSummary,
        projection.Area,
        projection.Mandate,
        projection.Membership,
        projection.Arrangement,
        projection.Alignment,
        projection.Shortage,
        projection.Issue,
        projection.Figure,
    )
}
_FIELDS = {name: [f.name for f in dataclasses.fields(cls)] for name, cls in _CLASSES.items()}
_CODE = hashlib.sha256(
    Path(projection.__file__).read_bytes() + Path(__file__).read_bytes()
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
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_bytes(marshal.dumps(content))
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    _drop_other_revisions(path)
    return True


def _drop_other_revisions(path: Path) -> None:
    """Delete the projections of the same version saved by other revisions of zorgnet:
    this one never reads them, and at national scale each takes about 60 MB."""
    if not path.name.endswith(NAME):
        return
    version = path.name[: -len(NAME)]
    for other in path.parent.glob(f"{version}projection-*.marshal"):
        if other != path:
            other.unlink(missing_ok=True)


@projection.without_gc()
def read(path: Path) -> nx.MultiDiGraph | None:
    """The projection saved at *path*, or None when there is none (or it is unreadable)."""
    try:
        nodes, edges, predecessors, data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    for node, order in zip(G, predecessors, strict=True):
        keyed = G._pred[node]
        G._pred[node] = {u: keyed[u] for u in order}
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
