"""The web app's shared state and its ``Annotated`` dependencies.

One :class:`Service` per app holds the open store, the edit lock and the SPARQL
workers. Nothing is opened at import time: the app's lifespan (or the first request,
for a test client used without ``with``) opens the store.
"""

from __future__ import annotations

import contextlib
import hmac
import threading
from typing import Annotated

import networkx as nx
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from zorgnet.api.settings import Settings
from zorgnet.api.sparql import SparqlRunner
from zorgnet.graph.backends import open_store
from zorgnet.graph.projection import projection_for
from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import read_dataset
from zorgnet.ontology.exceptions import LoadError, ZorgnetError
from zorgnet.ontology.vocabulary import vocabulary

__all__ = [
    "EditorDep",
    "GraphDep",
    "Service",
    "ServiceDep",
    "SettingsDep",
    "StoreDep",
]


class Service:
    """The store, the edit lock and the SPARQL runner of one web app.

    Parameters
    ----------
    settings : Settings
        Where the store lives, which data to start on, the token, the SPARQL limits.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: Store | SparqlStore | None = None
        self.edit_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._warming: threading.Thread | None = None
        self.sparql = SparqlRunner(settings)

    def open(self) -> Store | SparqlStore:
        """Open the store; an empty store is filled with ``settings.data`` first."""
        with self._open_lock:
            if self.store is None:
                store = open_store(self.settings.store)
                if store.version is None:
                    dataset = read_dataset(self.settings.data)
                    if not dataset.report.ok:
                        store.close()
                        raise LoadError(dataset.report)
                    store.replace(dataset.graph)
                self.store = store
            return self.store

    def warm_up(self) -> None:
        """Build the projection of the open store in a background thread, so that the
        first visitor does not wait for it: at national scale 1.4 s read back from the
        saved projection, half a minute from a remote store without one. A request that
        comes earlier waits for the same build (``projection_for`` builds one at a
        time). A failure is left for that request to report."""

        def warm() -> None:
            with contextlib.suppress(ZorgnetError):
                projection_for(self.open())
                vocabulary()

        self._warming = threading.Thread(target=warm, name="zorgnet-warm-up")
        self._warming.start()

    def close(self) -> None:
        """Stop the SPARQL workers and release the store's folder."""
        if self._warming is not None:
            # The store must not close under a projection being built from it.
            self._warming.join()
            self._warming = None
        self.sparql.close()
        with self._open_lock:
            if self.store is not None:
                self.store.close()
                self.store = None


def get_service(request: Request) -> Service:
    """The app's :class:`Service`, with its store open."""
    service: Service = request.app.state.service
    service.open()
    return service


ServiceDep = Annotated[Service, Depends(get_service)]


def get_app_settings(service: ServiceDep) -> Settings:
    """The settings the app was made with (not the environment's)."""
    return service.settings


def get_store(service: ServiceDep) -> Store | SparqlStore:
    """The open store."""
    return service.open()


def get_graph(store: Annotated[Store | SparqlStore, Depends(get_store)]) -> nx.MultiDiGraph:
    """The projection of the store's current version (cached per version)."""
    return projection_for(store)


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
StoreDep = Annotated[Store | SparqlStore, Depends(get_store)]
GraphDep = Annotated[nx.MultiDiGraph, Depends(get_graph)]

_bearer = HTTPBearer(
    auto_error=False, description="Het schrijftoken dat bij de start is ingesteld."
)


def require_editor(
    service: ServiceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """Allow a write only with the configured bearer token.

    Returns
    -------
    str
        The editor's name for the history ("beheerder": whoever holds the token).

    Raises
    ------
    HTTPException
        403 when no token is configured (read-only) or the token is wrong, 401 when
        the request carries none.
    """
    token = service.settings.token
    if token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "Deze server is alleen-lezen: er is bij de start geen schrijftoken ingesteld.",
        )
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Wijzigen vraagt een token: stuur 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(credentials.credentials.encode(), token.get_secret_value().encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Het token is onjuist.")
    return "beheerder"


EditorDep = Annotated[str, Depends(require_editor)]
