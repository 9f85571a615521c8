"""Which subjects changed between two versions of a store, as far as this process knows.

A small edit (``Store.apply``) makes a new version that differs from its base in the
triples of a few subjects. Remembering those subjects lets the projection of the new
version be derived from the projection of the old one instead of reading the whole
store again, which at national scale is the difference between a second and half a
minute. A full load (``replace``) breaks the chain: after it, nothing is known.

Examples
--------
>>> lineage = Lineage()
>>> lineage.record("v1", "v2", {"urn:x:a"})
>>> lineage.record("v2", "v3", {"urn:x:b"})
>>> sorted(lineage.since("v1", "v3"))
['urn:x:a', 'urn:x:b']
>>> lineage.since("v0", "v3") is None
True
>>> lineage.base("v3")
'v2'
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable

__all__ = ["Lineage"]


class Lineage:
    """The last *size* small changes of a store: version → (base version, subjects)."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._steps: OrderedDict[Hashable, tuple[Hashable, frozenset[str]]] = OrderedDict()
        self._lock = threading.Lock()

    def record(self, base: Hashable, version: Hashable, subjects: Iterable[str]) -> None:
        """*version* is *base* with the triples of *subjects* changed."""
        with self._lock:
            self._steps[version] = (base, frozenset(subjects))
            while len(self._steps) > self._size:
                self._steps.popitem(last=False)

    def base(self, version: Hashable) -> Hashable | None:
        """The version *version* was made from, or None when not known."""
        with self._lock:
            step = self._steps.get(version)
        return None if step is None else step[0]

    def since(self, version: Hashable, current: Hashable) -> frozenset[str] | None:
        """The subjects changed from *version* to *current*, or None when not known."""
        changed: set[str] = set()
        with self._lock:
            while current != version:
                step = self._steps.get(current)
                if step is None:
                    return None
                current, subjects = step
                changed |= subjects
        return frozenset(changed)
