"""The questions users ask of the network, as plain functions over the projection.

Each public analysis takes the projection (:func:`zorgnet.graph.projection.project`)
first and returns a frozen dataclass that carries the sources of its answer.
"""
