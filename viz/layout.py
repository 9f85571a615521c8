"""Stable positions: the same data draws the same map, and positions can be saved.

Every map is laid out here, in Python, and drawn without physics: the same data gives the
same positions on every machine and in every browser, and a page of 20,000 actors opens
without the browser relaxing springs first (networkx's layouts need numpy, which zorgnet
does not otherwise use). Most maps are drawn in layers (:func:`layered_positions`): one
horizontal band per layer of :mod:`zorgnet.ontology.categories`, the voorveld on top, each band
rows of cells wide enough for the widest label, so that no two labels overlap. A team map
is drawn in rings (:func:`ring_positions`), a route map as a line of steps with the
neighbours above and below it (:func:`route_positions`).

Examples
--------
>>> cells = [("a", [Cell("x", 20), Cell("y", 40, span=2)]), ("b", [Cell("z", 20)])]
>>> positions, bands = layered_positions(cells)
>>> positions
{'x': (0.0, 0.0), 'y': (85.0, 80.0), 'z': (0.0, 252.0)}
>>> [(band.layer, band.top) for band in bands]
[('a', -22.0), ('b', 230.0)]
>>> ring_positions("team", [["k"], [], ["x", "y"]])["k"]
(247.6, 169.4)
>>> label_height("Uitvoeringsorganisatie Sociaal Domein (USd) Hilversum")
54.6
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from zorgnet.ontology.exceptions import ZorgnetError

__all__ = [
    "CELL_WIDTH",
    "FONT_SIZE",
    "LABEL_COLUMN",
    "LABEL_WIDTH",
    "LARGE_FONT_SIZE",
    "LARGE_LABEL_WIDTH",
    "RING_GAP",
    "Band",
    "Cell",
    "Positions",
    "label_height",
    "layered_positions",
    "load_positions",
    "parse_positions",
    "ring_positions",
    "route_positions",
    "save_positions",
]

# A label wraps at LABEL_WIDTH canvas units (vis-network's widthConstraint) at FONT_SIZE;
# a prominent actor's label has LARGE_FONT_SIZE, readable when the whole map is in view,
# and LARGE_LABEL_WIDTH, for which it takes two cells. A cell is a little wider than its
# label, so labels in neighbouring cells never touch.
FONT_SIZE = 14
LABEL_WIDTH = 150
LARGE_FONT_SIZE = 30
LARGE_LABEL_WIDTH = 320
CELL_WIDTH = 170.0
# An average character of a sans-serif font is about 0.55 of the font size wide.
_CHAR_WIDTH = 0.55
_LINE_HEIGHT = 1.3
# Room for the largest node and its gap to the label, and between rows.
_NODE_ROOM = 44.0
_ROW_GAP = 16.0
# Between two bands; the bands' names stand in a column left of the first cell.
_BAND_GAP = 50.0
LABEL_COLUMN = 320.0
# Wider than high, like a screen beside the legend.
_ASPECT = 1.5
# Wide enough for two prominent labels side by side on the first ring.
RING_GAP = 300.0
_FORMAT = "zorgnet-posities/1"

Positions = dict[str, tuple[float, float]]


@dataclass(frozen=True)
class Band:
    """Where one layer lies on the canvas: from *top* down to *bottom*."""

    layer: str
    top: float
    bottom: float


@dataclass(frozen=True)
class Cell:
    """A node to place: its label's height (:func:`label_height`) and its width in cells."""

    node: str
    height: float
    span: int = 1


def label_height(text: str, *, prominent: bool = False) -> float:
    """How high *text* is on the map (canvas units) once wrapped to its label width."""
    font, width = (LARGE_FONT_SIZE, LARGE_LABEL_WIDTH) if prominent else (FONT_SIZE, LABEL_WIDTH)
    chars = max(4, int(width / (font * _CHAR_WIDTH)))
    lines = max(1, len(textwrap.wrap(text, chars, break_long_words=True)))
    return round(lines * font * _LINE_HEIGHT, 1)


def _rows(cells: Sequence[Cell], columns: int) -> list[list[Cell]]:
    """*cells* in rows of at most *columns* cells, in order."""
    rows: list[list[Cell]] = [[]]
    used = 0
    for cell in cells:
        if rows[-1] and used + cell.span > columns:
            rows.append([])
            used = 0
        rows[-1].append(cell)
        used += cell.span
    return rows


def _row_height(row: Sequence[Cell]) -> float:
    return _NODE_ROOM + max(cell.height for cell in row) + _ROW_GAP


def _columns(bands: Sequence[Sequence[Cell]]) -> int:
    """The number of columns that makes the whole map closest to _ASPECT wide."""
    totals = [sum(c.span for c in cells) for cells in bands]
    average_row = _NODE_ROOM + 2 * FONT_SIZE * _LINE_HEIGHT + _ROW_GAP

    def misfit(columns: int) -> float:
        rows = sum(math.ceil(total / columns) for total in totals)
        height = rows * average_row + len(bands) * _BAND_GAP
        return abs(math.log((columns * CELL_WIDTH + LABEL_COLUMN) / height / _ASPECT))

    least = max(c.span for cells in bands for c in cells)
    return min(range(least, max(max(totals), least) + 1), key=lambda c: (misfit(c), c))


def layered_positions(
    layers: Sequence[tuple[str, Sequence[Cell]]], *, top: float = 0.0
) -> tuple[Positions, tuple[Band, ...]]:
    """Each layer a band of rows from the left, the bands one below the other.

    Parameters
    ----------
    layers : sequence of (layer, cells)
        The layers from top to bottom, each with its nodes in reading order; empty
        layers take no room.
    top : float
        Where the first row lies (to put one set of layers below another).

    Returns
    -------
    positions : dict
        Node → (x, y), the middle of its cells; the first cell of each row at x = 0.
    bands : tuple of Band
        The part of the canvas each non-empty layer takes; its name goes left of x = 0,
        in a column LABEL_COLUMN wide.

    Notes
    -----
    Linear in the number of nodes (the column count is chosen once), so 20,000 actors take
    milliseconds. The same input gives the same positions.
    """
    filled = [(layer, list(cells)) for layer, cells in layers if cells]
    if not filled:
        return {}, ()
    columns = _columns([cells for _, cells in filled])
    positions: Positions = {}
    bands = []
    y = top
    for layer, cells in filled:
        band_top = y - _NODE_ROOM / 2
        for row in _rows(cells, columns):
            used = 0
            for cell in row:
                positions[cell.node] = ((used + (cell.span - 1) / 2) * CELL_WIDTH, y)
                used += cell.span
            y += _row_height(row)
        bands.append(Band(layer, band_top, y - _ROW_GAP - _NODE_ROOM / 2))
        y += _BAND_GAP + _NODE_ROOM / 2
    return positions, tuple(bands)


def route_positions(
    steps: Sequence[Sequence[str]], neighbours: Mapping[str, Sequence[str]]
) -> Positions:
    """Routes as lines of steps, left to right; each step's neighbours above and below it.

    Parameters
    ----------
    steps : sequence of sequences
        The actors of each route in order, the best route first. An actor keeps the place
        of the first route it is on; the other routes' new actors go on rows below.
    neighbours : mapping
        Route actor → its neighbours that are on no route, in reading order. Each goes
        above or below the first route actor it is listed for, two to a row, in turns
        above the routes and below them.

    Examples
    --------
    >>> route_positions([["a", "b"], ["a", "c", "b"]], {"a": ["n", "m", "o"]})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'a': (0.0, 0.0), 'b': (380.0, 0.0), 'c': (380.0, 200.0), 'n': (-95.0, -160.0),
     'm': (95.0, -160.0), 'o': (-95.0, 360.0)}
    """
    # A step's label is a prominent one, two cells wide; two neighbours fit beside it.
    step_width, route_row, row = 2 * CELL_WIDTH + 40, 200.0, 160.0
    positions: Positions = {}
    for line, route in enumerate(steps):
        for column, actor in enumerate(route):
            if actor not in positions:
                positions[actor] = (column * step_width, line * route_row)
    placed = dict(positions)
    lowest = max((y for _, y in placed.values()), default=0.0)
    for anchor, near in neighbours.items():
        x, _ = placed[anchor]
        stacked = [n for n in near if n not in positions]
        for i, node in enumerate(stacked):
            pair = i // 2
            dx = (-0.25 if i % 2 == 0 else 0.25) * step_width
            y = -(pair // 2 + 1) * row if pair % 2 == 0 else lowest + (pair // 2 + 1) * row
            positions[node] = (x + dx, y)
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


_REMAKE = (
    "Verwijder het bestand: zorgnet map --positions maakt het dan opnieuw, met de "
    "posities van de getekende kaart."
)


def parse_positions(text: str) -> Positions:
    """Positions from the JSON text of a positions file.

    Examples
    --------
    >>> parse_positions('{"formaat": "zorgnet-posities/1", "posities": {"a": [1, 2]}}')
    {'a': (1.0, 2.0)}
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ZorgnetError(
            f"geen geldig positiebestand: geen geldige JSON (regel {exc.lineno}, kolom "
            f"{exc.colno}). {_REMAKE}"
        ) from exc
    if not isinstance(data, dict) or data.get("formaat") != _FORMAT:
        raise ZorgnetError(f'geen geldig positiebestand: "formaat" is niet "{_FORMAT}". {_REMAKE}')
    try:
        return {str(n): (float(xy[0]), float(xy[1])) for n, xy in data["posities"].items()}
    except KeyError as exc:
        raise ZorgnetError(f'geen geldig positiebestand: "posities" ontbreekt. {_REMAKE}') from exc
    except (ValueError, TypeError, IndexError, AttributeError) as exc:
        raise ZorgnetError(
            "geen geldig positiebestand: elke positie is een lijst van twee getallen, [x, y]. "
            f"{_REMAKE}"
        ) from exc
