"""Stable positions: the same data draws the same map, and positions can be saved.

Small maps are laid out by vis-network's physics in the browser from a fixed random seed
(:data:`LAYOUT_SEED`), so the same data gives the same picture; networkx's layouts need
numpy, which zorgnet does not otherwise use. Above :data:`PHYSICS_THRESHOLD` nodes the
browser's physics would freeze the page, so the positions come from a fast grid-by-cluster
layout in Python (a cluster per gemeente) and physics stays off. A team map is drawn in
fixed rings.

Examples
--------
>>> cluster_grid_positions({"a": "huizen", "b": "huizen", "c": "laren"})
{'a': (0.0, 0.0), 'b': (90.0, 0.0), 'c': (360.0, 0.0)}
>>> ring_positions("team", [["k"], [], ["x", "y"]])["k"]
(181.6, 124.2)
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from zorgnet.ontology.exceptions import ZorgnetError

__all__ = [
    "LAYOUT_SEED",
    "PHYSICS_THRESHOLD",
    "RING_GAP",
    "Positions",
    "cluster_grid_positions",
    "load_positions",
    "parse_positions",
    "ring_positions",
    "save_positions",
]

LAYOUT_SEED = 7
PHYSICS_THRESHOLD = 1500
_SPACING = 90.0
RING_GAP = 220.0
_FORMAT = "zorgnet-posities/1"

Positions = dict[str, tuple[float, float]]


def cluster_grid_positions(clusters: Mapping[str, str]) -> Positions:
    """Each cluster a square grid of nodes, the clusters side by side in a square grid.

    Linear in the number of nodes, so 20,000 actors take milliseconds.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for node, cluster in clusters.items():
        groups[cluster].append(node)
    sides = {c: math.ceil(math.sqrt(len(members))) for c, members in groups.items()}
    cell = (max(sides.values(), default=1) + 2) * _SPACING
    per_row = math.ceil(math.sqrt(len(groups))) or 1
    positions: Positions = {}
    for index, cluster in enumerate(sorted(groups)):
        ox, oy = (index % per_row) * cell, (index // per_row) * cell
        side = sides[cluster]
        for i, node in enumerate(sorted(groups[cluster])):
            positions[node] = (ox + (i % side) * _SPACING, oy + (i // side) * _SPACING)
    return positions


def ring_positions(center: str, rings: Sequence[Sequence[str]]) -> Positions:
    """*center* in the middle, each ring of nodes on a circle further out."""
    positions: Positions = {center: (0.0, 0.0)}
    for depth, ring in enumerate(rings, start=1):
        radius = depth * RING_GAP
        for i, node in enumerate(ring):
            # Each ring turned a little so that labels of neighbouring rings do not line up.
            angle = 2 * math.pi * i / len(ring) + 0.6 * depth
            positions[node] = (
                round(radius * math.cos(angle), 1),
                round(radius * math.sin(angle), 1),
            )
    return positions


def save_positions(path: Path, positions: Mapping[str, tuple[float, float]]) -> None:
    """Write *positions* as JSON (the same format the page's "Posities opslaan" writes)."""
    data = {"formaat": _FORMAT, "posities": {n: [x, y] for n, (x, y) in sorted(positions.items())}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def load_positions(path: Path) -> Positions:
    """Read positions saved by :func:`save_positions` or by the page.

    Raises
    ------
    ZorgnetError
        When the file is missing, not JSON or not a positions file.
    """
    try:
        return parse_positions(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ZorgnetError(f"Kan posities niet lezen uit {path}: {exc}") from exc
    except ZorgnetError as exc:
        raise ZorgnetError(f"{path}: {exc}") from exc


def parse_positions(text: str) -> Positions:
    """Positions from the JSON text of a positions file.

    Examples
    --------
    >>> parse_positions('{"formaat": "zorgnet-posities/1", "posities": {"a": [1, 2]}}')
    {'a': (1.0, 2.0)}
    """
    try:
        data = json.loads(text)
        if data.get("formaat") != _FORMAT:
            raise ValueError(f"formaat is niet {_FORMAT}")
        return {str(n): (float(xy[0]), float(xy[1])) for n, xy in data["posities"].items()}
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ZorgnetError(f"Geen geldig positiebestand: {exc}") from exc
