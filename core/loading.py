"""Loading: the one way a dataset gets into a store, for every command and the web app.

A dataset is read and checked first (:func:`zorgnet.loaders.dataset.read_dataset`);
only a dataset without errors is stored, all at once. Replacing the store's data
writes the checked triples to a file and lets them go before the store loads that
file, so that a national network is not in memory twice; adding is one ``apply``: a
new version made from the current one. The projection of the new version is made and
saved with it, so that the first question after a load is answered at once; a shell
passes its :class:`~zorgnet.graph.projection_cache.ProjectionCache`, which then holds it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import tempfile
from pathlib import Path

from zorgnet.data import SHIPPED_DATASET
from zorgnet.graph.contract import TripleStore
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset, Progress, read_dataset
from zorgnet.loaders.triples import Triples
from zorgnet.ontology.exceptions import LoadError

__all__ = ["SHIPPED_DATASET", "load", "refuse_stored_ids", "store_dataset"]


def refuse_stored_ids(dataset: Dataset, *, add: bool, replace: bool) -> None:
    """With *add* and without *replace*, each record of *dataset* whose id is stored
    becomes an error in its report; with *replace* it will replace the stored record as
    a whole (:func:`store_dataset` takes the stored one out in the same step)."""
    if add and not replace:
        dataset.report.extend(dataset.existing_problems())


def store_dataset(
    store: TripleStore,
    dataset: Dataset,
    *,
    add: bool = False,
    cache: ProjectionCache | None = None,
) -> int:
    """Store the checked *dataset*: it replaces the store's data, or with *add* joins it.

    Parameters
    ----------
    store : TripleStore
        The open store.
    dataset : Dataset
        Read with :func:`~zorgnet.loaders.dataset.read_dataset` (with ``base`` the
        stored data when *add*) and, when *add*, held to :func:`refuse_stored_ids`.
    add : bool
        Add to the stored data instead of replacing it; a stored record whose id the
        dataset has again is replaced as a whole, in the same step.
    cache : ProjectionCache, optional
        The cache that holds the projection of the new version afterwards; without
        one it is only saved beside the version, where the store keeps files.

    Returns
    -------
    int
        The number of triples the store holds afterwards.

    Raises
    ------
    LoadError
        When the dataset has errors; nothing was stored. Its ``report`` lists them.
    """
    if not dataset.report.ok:
        raise LoadError(dataset.report)
    if cache is None:
        cache = ProjectionCache()
    if add:
        store.apply(dataset.replaced, dataset.triples.graph())
        if isinstance(store, Store):
            cache.get(store)
        return len(store)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.nt"
        with path.open("wb") as out:
            dataset.triples.write(out)
        dataset.triples, dataset.source_map = Triples(), {}
        _give_back_freed_memory()
        cache.load(store, path)
    return len(store)


def load(
    store: TripleStore,
    path: Path,
    *,
    add: bool = False,
    replace: bool = False,
    progress: Progress | None = None,
    cache: ProjectionCache | None = None,
) -> Dataset:
    """Read and check the data files at *path*, then store them (see :func:`store_dataset`;
    with *add*, a stored id is refused unless *replace*: :func:`refuse_stored_ids`;
    *cache* holds the projection of the new version).

    Returns
    -------
    Dataset
        What was read: its report (warnings: the known issues), files and counts.

    Raises
    ------
    LoadError
        When the data has errors; the store is as it was.
    """
    base = store.graph() if add else None
    dataset = read_dataset(path, base=base, progress=progress)
    refuse_stored_ids(dataset, add=add, replace=replace)
    store_dataset(store, dataset, add=add, cache=cache)
    return dataset


def _give_back_freed_memory() -> None:
    """Return the heap pages that checking freed to the system (glibc).

    A process keeps freed memory for later use; after checking a national network that
    is ≈ 0.5 GB, which loading and projecting it would otherwise add to.
    """
    gc.collect()
    # Elsewhere than glibc there is no malloc_trim: the memory is then merely reused.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)
