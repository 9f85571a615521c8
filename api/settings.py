"""Settings of zorgnet, from arguments or ``ZORGNET_*`` environment variables.

The store's own settings (where it is, the update user of a remote store, its time
limit and cache) are those of :class:`zorgnet.graph.backends.StoreSettings`, which
:class:`Settings` extends with the web app's. The command line builds its settings in
one place, :meth:`Settings.read`: its options over the environment.
"""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr

from zorgnet.data import SHIPPED_DATASET
from zorgnet.graph.backends import SparqlEndpoint, StoreSettings

__all__ = ["SHIPPED_DATASET", "Settings", "SparqlEndpoint", "get_settings"]


class Settings(StoreSettings):
    """Where the data comes from, where the store lives, and how the web app behaves.

    Every field can be set as ``ZORGNET_<FIELD>`` in the environment, e.g.
    ``ZORGNET_TOKEN`` or ``ZORGNET_SPARQL_TIMEOUT``; the store's fields are those of
    :class:`~zorgnet.graph.backends.StoreSettings` (``ZORGNET_STORE``,
    ``ZORGNET_SPARQL_USER`` ...).
    """

    data: Path = SHIPPED_DATASET

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    # The bearer token that allows edits; None makes the web app read-only.
    token: SecretStr | None = None
    # A server beside the one that writes the store: it opens the store to read only,
    # follows that server's edits and refuses edits itself (zorgnet serve --alleen-lezen).
    read_only: bool = False

    sparql_timeout: float = Field(default=10.0, gt=0, description="seconden per query")
    sparql_result_limit: int = Field(default=10_000, ge=1, description="rijen of triples")
    sparql_result_bytes: int = Field(
        default=20_000_000,
        ge=1000,
        description="bytes per resultaat, geteld zoals Oxigraph de rijen schrijft",
    )
    sparql_max_body: int = Field(default=100_000, ge=100, description="bytes per verzoek")
    sparql_workers: int = Field(default=2, ge=1, le=16)
    sparql_worker_memory: int = Field(
        default=1024, ge=64, description="MB geheugen per query, boven de kopie van de data"
    )
    sparql_queue_wait: float = Field(
        default=10.0, gt=0, description="seconden wachten op een vrije SPARQL-werker"
    )
    edit_max_body: int = Field(default=1_000_000, ge=1000, description="bytes per wijziging")

    page_size: int = Field(default=50, ge=1, le=1000)
    max_page_size: int = Field(default=500, ge=1)

    @property
    def writable(self) -> bool:
        """Whether this app accepts edits (with the token)."""
        return self.token is not None and not self.read_only


@lru_cache
def get_settings() -> Settings:
    """The settings, read once from the environment.

    Raises
    ------
    SettingsError
        When a ``ZORGNET_*`` variable has a wrong value (in Dutch, naming it).
    """
    return Settings.read()
