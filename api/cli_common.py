"""What every ``zorgnet`` command shares: consoles, options, opening the store, errors.

Exit codes follow pySHACL: 0 = in orde, 1 = de data heeft fouten, 2 = zorgnet kon zijn
werk niet doen (opslag niet te openen, onbekende naam, ...).

The consoles print text as it is: they read no Rich markup and no ``:emoji:`` codes, so a
label such as ``[link=http://x]klik[/link]`` shows its brackets instead of becoming a
link. Colour goes through :func:`say` (and :func:`plain` where Rich reads markup of its
own accord, as in a progress bar's description).

The store, the loaders and rich's tables are imported where they are used, so that
importing this module (and so ``zorgnet --help``) stays fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

if TYPE_CHECKING:
    import networkx as nx

    from zorgnet.graph.contract import TripleStore
    from zorgnet.graph.projection_cache import ProjectionCache
    from zorgnet.loaders.dataset import Dataset
    from zorgnet.loaders.report import Report
    from zorgnet.ontology.exceptions import ZorgnetError

__all__ = [
    "JsonOption",
    "StoreOption",
    "commit",
    "console",
    "errors",
    "fail",
    "open_cli_store",
    "plain",
    "print_report",
    "projection",
    "projections",
    "read_store",
    "say",
]

T = TypeVar("T")

console = Console(markup=False, emoji=False)
errors = Console(stderr=True, markup=False, emoji=False)

# Text, not a Path: a Path would fold the // of a sparql+http:// URL.
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help=(
            "Map van de opslag, of een SPARQL-server als sparql+http://host:poort/sparql "
            "(standaard: $ZORGNET_STORE of ~/.local/share/zorgnet/store)."
        ),
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON voor programma's.")]


def open_cli_store(location: str | Path | None, *, read_only: bool = False) -> TripleStore:
    """The store given with ``--store``, else the configured one (``ZORGNET_STORE``).

    The location and what a remote store needs are read as settings
    (:meth:`zorgnet.graph.backends.StoreSettings.read`), so a wrong one is a Dutch
    :class:`~zorgnet.ontology.exceptions.SettingsError`. With *read_only* a store folder
    is opened to read only, which works while another process (``zorgnet serve``)
    writes it; see :func:`read_store`.
    """
    from zorgnet.graph.backends import StoreSettings, open_store

    settings = StoreSettings.read(store=location)
    return open_store(settings.store, read_only=read_only)


@functools.cache
def projections() -> ProjectionCache:
    """The command's projection cache: one per process, made when first asked for, so
    that ``zorgnet --help`` does not import the graph libraries."""
    from zorgnet.graph.projection_cache import ProjectionCache

    return ProjectionCache()


def projection(store: TripleStore) -> nx.MultiDiGraph:
    """The projection of *store* through the front door, from the command's cache."""
    from zorgnet import core

    return core.projection(store, projections())


def read_store(location: str | Path | None, read: Callable[[TripleStore], T]) -> T:
    """Open the store to read, *read* from it, close it; a ZorgnetError exits 2 with its
    message.

    A store folder is opened read-only: it takes no lock, so the reading commands
    answer while ``zorgnet serve`` (or a ``zorgnet load``) has the store open to write,
    with the version current when they ask. Only the saved projection of a version
    may be written beside it, atomically.
    """
    from zorgnet.ontology.exceptions import ZorgnetError

    try:
        with open_cli_store(location, read_only=True) as opened:
            return read(opened)
    except ZorgnetError as exc:
        raise fail(exc) from exc


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    """A Dutch table on the console; lists and tuples in a cell are joined with commas."""
    from rich.table import Table

    table = Table(title=title, show_edge=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(
            *(
                "" if v is None else ", ".join(v) if isinstance(v, tuple | list) else str(v)
                for v in row
            )
        )
    console.print(table)


def plain(value: object) -> str:
    """*value* as text that Rich shows literally even where it reads markup (``[`` escaped)."""
    return escape(str(value))


def say(
    message: object, *, word: str = "fout:", style: str = "red", soft_wrap: bool = True
) -> None:
    """Print *message* on stderr after *word* in *style*; the message is shown as it is.

    Soft wrapped: a message names files and folders, which stay whole (to copy) instead
    of being cut at the terminal's width; the terminal itself wraps the line.
    """
    errors.print(
        Text.assemble((word, style), " ", str(message)), highlight=False, soft_wrap=soft_wrap
    )


def fail(exc: ZorgnetError) -> typer.Exit:
    """Print *exc* as a Dutch error and give the exit for 'zorgnet could not do its work'."""
    say(exc)
    return typer.Exit(2)


def print_report(report: Report) -> None:
    """Print every error and warning of *report*, one per line."""
    for problem in report.errors:
        say(problem, word="fout", soft_wrap=True)
    for problem in report.warnings:
        say(problem, word="waarschuwing", style="yellow", soft_wrap=True)


def commit(target: TripleStore, dataset: Dataset, *, add: bool, replace: bool = False) -> int:
    """Store *dataset* (:func:`zorgnet.core.loading.store_dataset`) after printing its
    report; when it has errors, exit 1, storing nothing. Returns the triples stored.

    With *add*, a record whose id is already stored is an error, unless *replace*:
    then it replaces the stored record as a whole, never merged.
    """
    from zorgnet.core.loading import refuse_stored_ids, store_dataset

    refuse_stored_ids(dataset, add=add, replace=replace)
    print_report(dataset.report)
    if not dataset.report.ok:
        errors.print(
            f"Niets geladen: {len(dataset.report.errors)} fout(en). De opslag is ongewijzigd."
        )
        raise typer.Exit(1)
    return store_dataset(target, dataset, add=add, cache=projections())
