"""Lexical forms of typed literals, chosen to survive a trip through the store.

Oxigraph stores an ``xsd:decimal`` in canonical form ("9", "13.5"); writing that form
ourselves means that what goes into the store comes out unchanged.

Examples
--------
>>> from decimal import Decimal
>>> canonical_decimal(Decimal("9.0")), canonical_decimal(Decimal("13.50")), canonical_decimal(80)
('9', '13.5', '80')
"""

from decimal import Decimal

__all__ = ["canonical_decimal"]


def canonical_decimal(value: Decimal | int | float) -> str:
    """The canonical lexical form of *value* as an ``xsd:decimal``."""
    return format(Decimal(str(value)).normalize(), "f")
