"""zorgnet's front door: the library the CLI and the web app both call.

Open a store, load data into it (all or nothing), edit and undo with a history, ask
SPARQL, and take the projection the analyses run on. A Python user does in a few
lines what ``zorgnet load`` and ``zorgnet route`` do::

    from zorgnet import core
    from zorgnet.graph.analyses.routes import referral_routes

    with core.open_store(Path("/tmp/zorgnet-store")) as store:
        core.load(store, core.SHIPPED_DATASET)
        G = core.projection(store)  # read back from the file the load saved
        print(referral_routes(G, "huisarts", "jeugd-ggz", gemeente="huizen").routes[0].explanation)

A store is a folder (``Path``) or a remote SPARQL server, ``core.open_store(
core.SparqlEndpoint(url="http://host:8890/sparql", user=..., password=...))``; written
as text, ``"sparql+http://host:8890/sparql"``, it takes its user from
``ZORGNET_SPARQL_USER`` and ``ZORGNET_SPARQL_PASSWORD``.

``core.projection(store, cache)`` takes the projection from a
:class:`ProjectionCache` the caller keeps (the web app one per app, the CLI one per
process); without one it reads the file saved beside the version, once per call.

Data flows one way: loaders → store → projection → analyses → api/viz; this package
sits between the store and the shells and imports nothing of ``zorgnet.api``. Its names
are imported when first used (PEP 562), so that ``core.projection`` for a question does
not load editing, the loaders or the SPARQL engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from zorgnet.core.editing import Edit, EditConflict, EditInvalid, apply_edit, history, undo
    from zorgnet.core.loading import SHIPPED_DATASET, load, store_dataset
    from zorgnet.core.sparql import QueryOutcome, SparqlRunner
    from zorgnet.graph.backends import SparqlEndpoint, open_store
    from zorgnet.graph.contract import TripleStore
    from zorgnet.graph.projection_cache import ProjectionCache
    from zorgnet.loaders.dataset import read_dataset as check

__all__ = [
    "SHIPPED_DATASET",
    "Edit",
    "EditConflict",
    "EditInvalid",
    "ProjectionCache",
    "QueryOutcome",
    "SparqlEndpoint",
    "SparqlRunner",
    "apply_edit",
    "check",
    "history",
    "load",
    "open_store",
    "projection",
    "store_dataset",
    "undo",
]

# Each exported name, with the module it comes from and its name there.
_LAZY = {
    "Edit": ("zorgnet.core.editing", "Edit"),
    "EditConflict": ("zorgnet.core.editing", "EditConflict"),
    "EditInvalid": ("zorgnet.core.editing", "EditInvalid"),
    "apply_edit": ("zorgnet.core.editing", "apply_edit"),
    "history": ("zorgnet.core.editing", "history"),
    "undo": ("zorgnet.core.editing", "undo"),
    "SHIPPED_DATASET": ("zorgnet.data", "SHIPPED_DATASET"),
    "load": ("zorgnet.core.loading", "load"),
    "store_dataset": ("zorgnet.core.loading", "store_dataset"),
    "QueryOutcome": ("zorgnet.core.sparql", "QueryOutcome"),
    "SparqlRunner": ("zorgnet.core.sparql", "SparqlRunner"),
    "SparqlEndpoint": ("zorgnet.graph.backends", "SparqlEndpoint"),
    "open_store": ("zorgnet.graph.backends", "open_store"),
    "ProjectionCache": ("zorgnet.graph.projection_cache", "ProjectionCache"),
    "check": ("zorgnet.loaders.dataset", "read_dataset"),
}


def __getattr__(name: str) -> Any:
    """Import an exported name the first time it is used (PEP 562)."""
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def projection(store: TripleStore, cache: ProjectionCache | None = None) -> nx.MultiDiGraph:
    """The projection of *store*'s current data: the graph the analyses take.

    Parameters
    ----------
    store : TripleStore
        The open store.
    cache : ProjectionCache, optional
        Where the projections of the store's versions are kept between calls; the
        shells keep one. Without it a new one is made for this call, which still reads
        the projection saved beside the version (``zorgnet load`` saves it) instead of
        projecting the store again.

    Examples
    --------
    >>> from zorgnet import core
    >>> from zorgnet.graph.store import Store
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> store, cache = Store(), core.ProjectionCache()
    >>> store.replace(example_graph())
    >>> core.projection(store, cache) is core.projection(store, cache)
    True
    """
    if cache is None:
        from zorgnet.graph.projection_cache import ProjectionCache

        cache = ProjectionCache()
    return cache.get(store)
