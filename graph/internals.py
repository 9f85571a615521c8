"""The private attributes of networkx and oxrdflib that zorgnet relies on, in one place.

Two speed-ups need more than the public API of a library, and nothing else in zorgnet
may reach behind one:

networkx
    A ``MultiDiGraph`` is three dictionaries: ``G._node`` (node → attributes),
    ``G._succ`` (also ``G._adj``: node → successor → key → edge attributes) and
    ``G._pred`` (node → predecessor → the *same* key dictionary). After an edit the
    new projection shares every untouched actor's dictionaries with the old one
    (:mod:`zorgnet.graph.reprojection`: about 0.1 s for the national network, where
    adding its 120,000 nodes and edges one by one takes 2 s), and a saved projection
    is read back into dictionaries made in one pass
    (:mod:`zorgnet.graph.saved_projection`), and each route question's ``DiGraph`` is
    made of dictionaries (:func:`digraph_of`). The public API can only add nodes and
    edges one at a time, copying each attribute dictionary. Setting the three
    attributes is what networkx's own descriptors (``_CachedPropertyResetterAdjAndSucc``,
    ``...Pred``, ``...Node``) expect: they drop the cached views, so ``G.nodes``,
    ``G.adj``, ``G.succ`` and ``G.pred`` show the new dictionaries.
oxrdflib
    ``OxigraphStore`` has no public accessor for the pyoxigraph ``Store`` it wraps, and
    asking that store directly spares the projection oxrdflib's conversion of every
    term of a result into an rdflib term (most of a national projection's time).

``tests/graph/test_internals.py`` builds graphs both ways and fails when an upgrade of
networkx or oxrdflib changes these attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx
import pyoxigraph as ox

if TYPE_CHECKING:
    from oxrdflib import OxigraphStore

__all__ = ["GraphDicts", "dicts_of", "digraph_of", "graph_of", "oxigraph_of"]

Attributes = dict[str, Any]
# Nodes and keys are any hashable value; zorgnet's are record ids.
KeyDict = dict[Any, Attributes]


class GraphDicts(NamedTuple):
    """The dictionaries a ``MultiDiGraph`` is made of.

    ``succ[u][v]`` and ``pred[v][u]`` are one and the same key dictionary (key → edge
    attributes), as networkx keeps them; every node is a key of all three.
    """

    nodes: dict[Any, Attributes]
    succ: dict[Any, dict[Any, KeyDict]]
    pred: dict[Any, dict[Any, KeyDict]]


def dicts_of(G: nx.MultiDiGraph) -> GraphDicts:
    """The dictionaries *G* is made of, themselves, not copies: read them, never change them.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="ab", kind="verwijst")
    'ab'
    >>> dicts_of(G).succ["a"]["b"] is dicts_of(G).pred["b"]["a"]
    True
    """
    return GraphDicts(G._node, G._succ, G._pred)


def graph_of(dicts: GraphDicts) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` made of *dicts*, which it keeps (shares) instead of copying.

    The caller makes *dicts* as networkx would (see :class:`GraphDicts`); the order of
    each dictionary is the graph's order of nodes, neighbours and keys.

    Examples
    --------
    >>> edge = {"ab": {"kind": "verwijst"}}
    >>> G = graph_of(GraphDicts({"a": {}, "b": {}}, {"a": {"b": edge}, "b": {}},
    ...                         {"a": {}, "b": {"a": edge}}))
    >>> list(G.edges(keys=True, data="kind")), list(G.predecessors("b"))
    ([('a', 'b', 'ab', 'verwijst')], ['a'])
    """
    G = nx.MultiDiGraph()
    G._node = dicts.nodes
    G._adj = dicts.succ  # sets G._succ too
    G._pred = dicts.pred
    return G


def digraph_of(
    nodes: dict[Any, Attributes],
    succ: dict[Any, dict[Any, Attributes]],
    pred: dict[Any, dict[Any, Attributes]],
) -> nx.DiGraph:
    """A ``DiGraph`` made of its three dictionaries, kept instead of copied.

    As :func:`graph_of`, one level less deep: ``succ[u][v]`` and ``pred[v][u]`` are one
    and the same edge attribute dictionary. A route question's graph is made this way
    (:mod:`zorgnet.graph.analyses.routes`): adding its edges one by one through the
    public API took most of the question's time.

    Examples
    --------
    >>> edge = {"weight": 1.0}
    >>> D = digraph_of({"a": {}, "b": {}}, {"a": {"b": edge}, "b": {}}, {"a": {}, "b": {"a": edge}})
    >>> list(D.edges(data="weight")), list(D.predecessors("b"))
    ([('a', 'b', 1.0)], ['a'])
    """
    D = nx.DiGraph()
    D._node = nodes
    D._adj = succ  # sets D._succ too
    D._pred = pred
    return D


def oxigraph_of(store: OxigraphStore) -> ox.Store:
    """The pyoxigraph ``Store`` an oxrdflib ``OxigraphStore`` wraps.

    Examples
    --------
    >>> from oxrdflib import OxigraphStore
    >>> db = ox.Store()
    >>> oxigraph_of(OxigraphStore(store=db)) is db
    True
    """
    inner: ox.Store = store._inner
    return inner
