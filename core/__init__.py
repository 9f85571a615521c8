"""zorgnet's front door: the library the CLI and the web app both call.

Open a store, load data into it (all or nothing), edit and undo with a history, ask
SPARQL, and take the projection the analyses run on. A Python user does in a few
lines what ``zorgnet load`` and ``zorgnet route`` do::

    from zorgnet import core
    from zorgnet.graph.analyses.routes import referral_routes

    with core.open_store(Path("/tmp/zorgnet-store")) as store:
        core.load(store, core.SHIPPED_DATASET)
        G = core.projection(store)
        print(referral_routes(G, "huisarts", "jeugd-ggz", gemeente="huizen").routes[0].explanation)

A store is a folder (``Path``) or a remote SPARQL server, ``core.open_store(
core.SparqlEndpoint(url="http://host:8890/sparql", user=..., password=...))``; written
as text, ``"sparql+http://host:8890/sparql"``, it takes its user from
``ZORGNET_SPARQL_USER`` and ``ZORGNET_SPARQL_PASSWORD``.

Data flows one way: loaders → store → projection → analyses → api/viz; this package
sits between the store and the shells and imports nothing of ``zorgnet.api``.
"""

from zorgnet.core.editing import Edit, EditConflict, EditInvalid, apply_edit, history, undo
from zorgnet.core.loading import SHIPPED_DATASET, load, store_dataset
from zorgnet.core.sparql import QueryOutcome, SparqlRunner
from zorgnet.graph.backends import SparqlEndpoint, open_store
from zorgnet.graph.projection_cache import projection_for as projection
from zorgnet.loaders.dataset import read_dataset as check

__all__ = [
    "SHIPPED_DATASET",
    "Edit",
    "EditConflict",
    "EditInvalid",
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
