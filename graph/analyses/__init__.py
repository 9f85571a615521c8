"""The questions users ask of the network, as plain functions over the projection.

Each public analysis takes the projection (:func:`zorgnet.graph.projection.project`)
first and returns a frozen dataclass that carries the sources of its answer.

The checks every analysis makes of its arguments are public too, for the shells and
the maps that take the same arguments: an actor, area or vocabulary value that is not
in the data raises :class:`~zorgnet.ontology.exceptions.UnknownName` with close names
(:func:`check_actor`, :func:`check_area`, :func:`check_concept`); :func:`in_scope` and
:func:`active` tell whether a fact holds in an area and now, and :func:`scope_set` which
actors serve an area.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_projection
>>> G = example_projection()
>>> check_actor(G, "huisarts")
'huisarts'
>>> check_actor(G, "huisart")
Traceback (most recent call last):
...
zorgnet.ontology.exceptions.UnknownName: ...
"""

from zorgnet.graph.analyses._common import (
    active,
    check_actor,
    check_area,
    check_concept,
    in_scope,
)
from zorgnet.graph.analyses._index import scope_set

__all__ = ["active", "check_actor", "check_area", "check_concept", "in_scope", "scope_set"]
