"""Choose the store backend from a location: a folder (Oxigraph) or a SPARQL URL.

``sparql+http://host:port/sparql`` (or ``sparql+https://``) selects the remote
:class:`~zorgnet.graph.sparql_store.SparqlStore`; anything else is the folder of the
embedded :class:`~zorgnet.graph.store.Store`. The update user of a remote store comes
from ``ZORGNET_SPARQL_USER`` and ``ZORGNET_SPARQL_PASSWORD``, never from the URL, so that
the password does not show up in process lists or shell history; the answer time limit
from ``ZORGNET_STORE_TIMEOUT`` (seconds, default 60). The projection of each version read
from a remote store is saved in ``ZORGNET_CACHE`` (default ``$XDG_CACHE_HOME/zorgnet``,
else ``~/.cache/zorgnet``), so that the next process reads it back in a second or two
instead of reading the whole network from the server again.

Examples
--------
>>> remote_endpoint("sparql+http://127.0.0.1:8890/sparql")
'http://127.0.0.1:8890/sparql'
>>> remote_endpoint(Path("sparql+http://127.0.0.1:8890/sparql"))  # a Path folds the //
'http://127.0.0.1:8890/sparql'
>>> remote_endpoint("/var/lib/zorgnet") is None
True
"""

import os
import re
from pathlib import Path

from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.graph.store import Store
from zorgnet.ontology.exceptions import StoreError

__all__ = ["open_store", "remote_endpoint"]

_REMOTE = re.compile(r"^sparql\+(https?):/+(.+)$")


def remote_endpoint(location: str | Path) -> str | None:
    """The HTTP endpoint of a ``sparql+http(s)://`` location, or None for a folder."""
    match = _REMOTE.match(str(location))
    if match is None:
        return None
    return f"{match.group(1)}://{match.group(2)}"


def _cache_folder() -> Path:
    if os.environ.get("ZORGNET_CACHE"):
        return Path(os.environ["ZORGNET_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zorgnet"


def open_store(location: str | Path, *, read_only: bool = False) -> Store | SparqlStore:
    """Open the store at *location*: a folder, or a ``sparql+http://`` endpoint.

    With *read_only*, a folder is opened to read only (``Store(read_only=True)``): that
    works while another process, such as ``zorgnet serve``, writes it. A remote store
    has no lock to share, so there *read_only* changes nothing.

    Raises
    ------
    StoreError
        When the store cannot be opened (another process writes the folder and
        *read_only* is not given, server unreachable, ...).
    """
    endpoint = remote_endpoint(location)
    if endpoint is None:
        return Store(Path(location), read_only=read_only)
    timeout = os.environ.get("ZORGNET_STORE_TIMEOUT", "60")
    try:
        seconds = float(timeout)
    except ValueError as exc:
        raise StoreError(
            f"ZORGNET_STORE_TIMEOUT moet een aantal seconden zijn, niet {timeout!r}."
        ) from exc
    return SparqlStore(
        endpoint,
        user=os.environ.get("ZORGNET_SPARQL_USER") or None,
        password=os.environ.get("ZORGNET_SPARQL_PASSWORD") or None,
        timeout=seconds,
        cache=_cache_folder(),
    )
