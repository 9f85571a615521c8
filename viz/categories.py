"""The categories and layers of the maps: defined in :mod:`zorgnet.ontology.categories`.

The sociale kaart of a gemeente groups actors in the same layers as the maps, so the
grouping lives once, with the vocabulary; the maps' modules import it from here.
"""

from zorgnet.ontology.categories import (
    BESTUUR,
    CATEGORIES,
    LAYER_LABELS,
    LAYERS,
    TYPE_CATEGORIES,
    Category,
    category,
    category_of,
    layer_of,
)

__all__ = [
    "BESTUUR",
    "CATEGORIES",
    "LAYERS",
    "LAYER_LABELS",
    "TYPE_CATEGORIES",
    "Category",
    "category",
    "category_of",
    "layer_of",
]
