"""The web app's shared state and its ``Annotated`` dependencies.

One :class:`Service` per app holds the open store, its projection cache, the edit
lock and the SPARQL workers. Nothing is opened at import time: the app's lifespan (or
the first request, for a test client used without ``with``) opens the store.
"""

from __future__ import annotations

import contextlib
import hmac
import threading
from typing import Annotated

import networkx as nx
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from zorgnet import core
from zorgnet.api.settings import Settings
from zorgnet.core.loading import load
from zorgnet.core.sparql import SparqlRunner
from zorgnet.graph.backends import open_store
from zorgnet.graph.contract import TripleStore
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.ontology.exceptions import LoadError, StoreError, ZorgnetError

__all__ = [
    "EditorDep",
    "GraphDep",
    "Service",
    "ServiceDep",
    "SettingsDep",
    "StoreDep",
    "editor_refusal",
]

_EMPTY_READ_ONLY = (
    "De opslag is leeg, en een server die alleen leest (zorgnet serve --alleen-lezen) "
    "vult hem niet. Start eerst de server die in de opslag schrijft (zorgnet serve), of "
    "laad de data met zorgnet load."
)
# Seconds the warm-up waits, after the projection and its indexes, before it computes
# the answers scenarios compare with: a short-lived app (a test's) closes before.
_SCENARIO_PAUSE = 1.0
_READ_ONLY_SERVER = (
    "Deze server leest alleen mee (gestart met zorgnet serve --alleen-lezen): hij wijzigt "
    "niets. Stuur de wijziging naar de server die in de opslag schrijft."
)


class Service:
    """The store, its projection cache, the edit lock and the SPARQL runner of one web app.

    Each app has its own :class:`~zorgnet.graph.projection_cache.ProjectionCache`
    (``projections``): two apps in one process, on two stores, share nothing.

    Parameters
    ----------
    settings : Settings
        Where the store lives, which data to start on, the token, the SPARQL limits.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: TripleStore | None = None
        self.projections = ProjectionCache()
        self.edit_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._warming: threading.Thread | None = None
        self._warm_wanted = threading.Event()
        self._closing = False
        self.sparql = SparqlRunner(settings)

    def open(self) -> TripleStore:
        """Open the store; an empty store is filled with ``settings.data`` first.

        With ``settings.read_only`` the store is opened to read only, beside the process
        that writes it: each request then reads the version current when it asks (the
        store looks at the version pointer each time), and an empty store is an error
        instead of being filled.

        Raises
        ------
        StoreError
            When the store cannot be opened, or is empty and opened to read only.
        LoadError
            When the data an empty store is filled with has errors.
        """
        with self._open_lock:
            if self.store is None:
                read_only = self.settings.read_only
                store = open_store(self.settings.store, read_only=read_only)
                if store.version is None:
                    try:
                        if read_only:
                            raise StoreError(_EMPTY_READ_ONLY)
                        load(store, self.settings.data, cache=self.projections)
                    except (LoadError, StoreError):
                        store.close()
                        raise
                self.store = store
                self._closing = False
            return self.store

    def projection(self) -> nx.MultiDiGraph:
        """The projection of the store's current version, from this app's cache."""
        return core.projection(self.open(), self.projections)

    def warm_up(self) -> None:
        """Have the projection of the store's current version built in a background
        thread, with the vocabulary and the indexes of the route questions, so that the
        next visitor does not wait for them: at national scale 1.1 s read back from the
        saved projection (half a minute from a remote store without one) at the start,
        15–170 ms after an edit. A second later, unless another edit came or the app
        closes, the answers a first "wat als" scenario compares with
        (:meth:`~zorgnet.graph.projection_cache.ProjectionCache.warm_scenarios`, about
        half a second of CPU on the region). Called at the start and after each edit;
        calls that come while it works make one more pass, not one each. A request
        that comes earlier waits for the same build (the cache builds one at a time).
        A failure is left for that request to report."""
        with self._open_lock:
            self._warm_wanted.set()
            if self._warming is None:
                # A daemon: an app that is never closed must not keep the process alive.
                self._warming = threading.Thread(
                    target=self._keep_warm, name="zorgnet-warm-up", daemon=True
                )
                self._warming.start()

    def _keep_warm(self) -> None:
        while True:
            self._warm_wanted.wait()
            if self._closing:
                return
            self._warm_wanted.clear()
            with contextlib.suppress(ZorgnetError):
                store = self.open()
                self.projections.warm(store)
                # The scenarios' answers (seconds of CPU) wait for a quiet moment: an
                # edit or the app's closing in the meantime makes them unwanted.
                if not self._warm_wanted.wait(_SCENARIO_PAUSE):
                    self.projections.warm_scenarios(store, stop=self._warm_stopped)

    def _warm_stopped(self) -> bool:
        """Whether the warm-up's work is no longer wanted: the app closes, or an edit
        made a newer version to warm up."""
        return self._closing or self._warm_wanted.is_set()

    def close(self) -> None:
        """Stop the SPARQL workers and release the store's folder."""
        with self._open_lock:
            self._closing = True
            self._warm_wanted.set()
            warming, self._warming = self._warming, None
        if warming is not None:
            # The store must not close under a projection being built from it.
            warming.join()
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


def get_store(service: ServiceDep) -> TripleStore:
    """The open store."""
    return service.open()


def get_graph(service: ServiceDep) -> nx.MultiDiGraph:
    """The projection of the store's current version (cached per version, per app)."""
    return service.projection()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
StoreDep = Annotated[TripleStore, Depends(get_store)]
GraphDep = Annotated[nx.MultiDiGraph, Depends(get_graph)]

_bearer = HTTPBearer(
    auto_error=False, description="Het schrijftoken dat bij de start is ingesteld."
)


def editor_refusal(settings: Settings, presented: str | None) -> HTTPException | None:
    """Why a write with bearer token *presented* is refused, or None when it may go on.

    Parameters
    ----------
    settings : Settings
        Its ``token`` (None makes the server read-only) and ``read_only`` (a server
        beside the one that writes the store).
    presented : str or None
        The bearer token the request carries.

    Returns
    -------
    HTTPException or None
        503 from a server that only reads beside the writer (the edit can be sent
        there), 403 when no token is configured or the token is wrong, 401 when the
        request carries none.
    """
    if settings.read_only:
        return HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, _READ_ONLY_SERVER)
    token = settings.token
    if token is None:
        return HTTPException(
            status.HTTP_403_FORBIDDEN,
            "Deze server is alleen-lezen: er is bij de start geen schrijftoken ingesteld.",
        )
    if presented is None:
        return HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Wijzigen vraagt een token: stuur 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(presented.encode(), token.get_secret_value().encode()):
        return HTTPException(status.HTTP_403_FORBIDDEN, "Het token is onjuist.")
    return None


def require_editor(
    service: ServiceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """Allow a write only with the configured bearer token.

    :class:`zorgnet.api.limits.WriteGuard` asks the same before the body is read; this
    dependency also documents the token in the OpenAPI schema.

    Returns
    -------
    str
        The editor's name for the history ("beheerder": whoever holds the token).

    Raises
    ------
    HTTPException
        See :func:`editor_refusal`.
    """
    refusal = editor_refusal(service.settings, credentials.credentials if credentials else None)
    if refusal is not None:
        raise refusal
    return "beheerder"


EditorDep = Annotated[str, Depends(require_editor)]
