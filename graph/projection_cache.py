"""The projection cache: every speed-up around the pure projection, in one class.

:func:`zorgnet.graph.projection.project` turns the data into the networkx graph the
analyses run on; it keeps nothing. :class:`ProjectionCache` keeps the projection of
each store's current version in memory, reads it back from the file saved beside the
version, makes it from the previous projection after an edit (reprojection), saves what
it made, and prepares the route indexes a web app wants warm. There is no process-wide
cache: each shell makes its own (the web app one per app, the CLI one per process) and
passes it to :func:`zorgnet.core.projection` and :func:`zorgnet.core.load`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import networkx as nx
from rdflib import URIRef

from zorgnet.graph import projection, saved_answers, saved_projection
from zorgnet.graph.contract import TripleStore
from zorgnet.graph.reprojection import reproject
from zorgnet.graph.store import Store

__all__ = ["ProjectionCache"]

_Entry = tuple[URIRef | None, nx.MultiDiGraph]
# The memo entries that count the answers saved for the projection's version, and say
# that those were read.
_SAVED = "saved-answers"
_READ = "saved-answers-read"


class ProjectionCache:
    """The projections of stores' current versions: memory → saved file → reprojection.

    Each load or edit writes a new version (``store.version``), so comparing versions
    is a cheap and exact test for "the data changed".
    """

    #: Up to how many gemeenten :meth:`warm_scenarios` prepares the answers a scenario
    #: compares with (the region's 7 in 1–2 s); a national network's 340 would keep a
    #: core busy for minutes after each edit, for the few gemeenten a scenario asks.
    SCENARIO_WARM_GEMEENTEN: ClassVar[int] = 40

    def __init__(self) -> None:
        self._memory: weakref.WeakKeyDictionary[TripleStore, _Entry] = weakref.WeakKeyDictionary()
        # One projection at a time: the threads of a web server that all miss the cache
        # after an edit wait for the one projection instead of each building their own.
        self._building = threading.Lock()
        self._saving = threading.Lock()

    def get(self, store: TripleStore) -> nx.MultiDiGraph:
        """The projection of *store*'s current data, built once per store version.

        Read back from the file saved beside the version (for a remote store, in its
        local cache folder: ``SparqlStore(cache=...)``); else, after an edit, made from
        the previous one (:func:`zorgnet.graph.reprojection.reproject`), the one held
        here or the one saved beside the version the edit was made from; else projected
        from the store, and saved.

        Examples
        --------
        >>> from zorgnet.graph.store import Store
        >>> from zorgnet.graph.analyses._example import example_graph
        >>> store = Store()
        >>> store.replace(example_graph())
        >>> cache = ProjectionCache()
        >>> cache.get(store) is cache.get(store)
        True
        """
        version = store.version
        cached = self._memory.get(store)
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._building:
            cached = self._memory.get(store)
            if cached is not None and cached[0] == version:
                return cached[1]
            G = _saved_or_projected(store, version, cached)
            self._memory[store] = (version, G)
        return G

    def with_answers(self, store: TripleStore) -> nx.MultiDiGraph:
        """The projection of *store* (:meth:`get`) with, in its memo, the answers
        "wat als" scenarios compare with that a process saved beside its version
        (:meth:`keep_answers`); read once, and only for a scenario: other questions
        need not wait for them.
        """
        version = store.version
        G = self.get(store)
        memo = G.graph.setdefault("memo", {})
        if _READ in memo:
            return G
        with self._saving:
            path = store.derived_path(saved_answers.NAME, version)
            # Only the answers of the version G is the projection of.
            if _READ not in memo and self.held(store, version) is G:
                read = saved_answers.read(path) if path is not None and path.exists() else {}
                for key, answer in read.items():
                    memo.setdefault(key, answer)
                memo[_SAVED] = max(memo.get(_SAVED, 0), len(read))
                memo[_READ] = True
        return G

    def keep_answers(self, store: TripleStore) -> bool:
        """Save the answers "wat als" scenarios compared with on the projection of
        *store*'s current version (:mod:`zorgnet.graph.saved_answers`), when it holds
        more of them than were saved, so that the next process reads them with the
        projection instead of computing them again. Returns whether it saved them.

        Examples
        --------
        >>> import tempfile
        >>> from zorgnet.graph.store import Store
        >>> from zorgnet.graph.analyses._example import example_graph
        >>> from zorgnet.graph.analyses.scenarios import Scenario, compare
        >>> store = Store(Path(tempfile.mkdtemp()) / "store")
        >>> store.replace(example_graph())
        >>> cache = ProjectionCache()
        >>> _ = compare(cache.get(store), Scenario(without_actors=("huisarts",)))
        >>> cache.keep_answers(store), cache.keep_answers(store)
        (True, False)
        >>> memo = ProjectionCache().with_answers(store).graph["memo"]
        >>> sorted({key[1] for key in memo if key[0] == "scenario-routes"})
        ['hilversum', 'huizen']
        """
        version = store.version
        G = self.held(store, version)
        path = store.derived_path(saved_answers.NAME, version)
        if G is None or path is None:
            return False
        memo = G.graph.setdefault("memo", {})
        # One writer at a time: a smaller set of answers must not be written last.
        with self._saving:
            answers = saved_answers.answers_of(memo)
            if len(answers) <= memo.get(_SAVED, 0) or not saved_answers.write(answers, path):
                return False
            memo[_SAVED] = len(answers)
        return True

    def held(self, store: TripleStore, version: URIRef | None) -> nx.MultiDiGraph | None:
        """The projection of *version* held in memory for *store*, if any; makes none."""
        entry = self._memory.get(store)
        return entry[1] if entry is not None and entry[0] == version else None

    def load(self, store: TripleStore, path: Path) -> nx.MultiDiGraph:
        """Make the N-Triples file at *path* the data of *store*, and project it meanwhile.

        The projection of the file (:func:`~zorgnet.graph.projection.project_file`) is
        made while an embedded store loads it: Oxigraph's bulk loader leaves the
        interpreter free, so on two cores a national network is loaded and projected in
        about 10 s instead of 7 + 8 s. A remote store's upload parses the file in
        Python, so there it is projected after the upload. The projection is then what
        :meth:`get` gives for the version the load made, and saved with it.

        Raises
        ------
        StoreError
            As ``store.replace_from_file``: the store's data is then unchanged, and the
            error does not wait for a projection being made meanwhile.

        Examples
        --------
        >>> import tempfile
        >>> from zorgnet.graph.store import Store
        >>> from zorgnet.graph.analyses._example import example_graph
        >>> path = Path(tempfile.mkdtemp()) / "data.nt"
        >>> _ = example_graph().serialize(path, format="nt", encoding="utf-8")
        >>> store, cache = Store(), ProjectionCache()
        >>> cache.load(store, path) is cache.get(store)
        True
        """
        if isinstance(store, Store):
            # Looked up when called, so that a test can see which projection ran.
            projecting = _InBackground(projection.project_file, path)
            version = store.replace_from_file(path)
            G = projecting.result()
        else:
            # Projecting during the upload gained nothing (44 s either way, national) and
            # held the upload and the projection in memory at once.
            version = store.replace_from_file(path)
            G = projection.project_file(path)
        saved = store.derived_path(saved_projection.NAME, version)
        if saved is not None:
            saved_projection.write(G, saved)
        with self._building:
            self._memory[store] = (version, G)
        return G

    def warm(self, store: TripleStore) -> nx.MultiDiGraph:
        """The projection of *store*, with the vocabulary and the indexes every route
        question looks up made too, so that the next question does not wait for them."""
        from zorgnet.graph.analyses.routes import prepare_routes
        from zorgnet.ontology.vocabulary import vocabulary

        G = self.get(store)
        vocabulary()
        prepare_routes(G)
        return G

    def warm_scenarios(self, store: TripleStore, stop: Callable[[], bool] = lambda: False) -> None:
        """Compute, with the projection of *store*, the answers a "wat als" scenario
        compares with (:func:`~zorgnet.graph.analyses.scenarios.prepare_scenarios`),
        gemeente by gemeente until *stop()* says they are no longer wanted (a newer
        version, an app that closes), and save them (:meth:`keep_answers`); in a
        network of more than :attr:`SCENARIO_WARM_GEMEENTEN` gemeenten, none.

        Examples
        --------
        >>> from zorgnet.graph.store import Store
        >>> from zorgnet.graph.analyses._example import example_graph
        >>> store, cache = Store(), ProjectionCache()
        >>> store.replace(example_graph())
        >>> cache.warm_scenarios(store)
        >>> memo = cache.get(store).graph["memo"]
        >>> sorted(key[1] for key in memo if key[0] == "scenario-routes")
        ['hilversum', 'huizen']
        """
        from zorgnet.graph.analyses.scenarios import prepare_scenarios

        G = self.with_answers(store)
        gemeenten = sorted(a.id for a in G.graph["areas"].values() if a.type == "gemeente")
        if len(gemeenten) > self.SCENARIO_WARM_GEMEENTEN:
            return
        for gemeente in gemeenten:
            if stop():
                return
            prepare_scenarios(G, gemeente)
        self.keep_answers(store)


class _InBackground:
    """``function(*args)`` running in a thread of its own until its result is asked.

    A daemon thread: a command that fails meanwhile exits at once instead of waiting
    for work whose result nobody will ask for.
    """

    def __init__(self, function: Callable[..., nx.MultiDiGraph], *args: Any) -> None:
        self._result: nx.MultiDiGraph | None = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._result = function(*args)
            except BaseException as exc:  # handed to result()
                self._error = exc

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def result(self) -> nx.MultiDiGraph:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def _saved_or_projected(
    store: TripleStore, version: URIRef | None, cached: _Entry | None
) -> nx.MultiDiGraph:
    path = store.derived_path(saved_projection.NAME, version)
    G = saved_projection.read(path) if path is not None and path.exists() else None
    if G is not None:
        return G
    # Where no file is kept (in memory, or a remote store) there is no saved base either.
    earlier = cached or (None if path is None else _saved_base(store))
    changed = None if earlier is None else store.changes_since(earlier[0])
    if earlier is None or changed is None:
        G = projection.project(store.graph())
        if path is not None and store.version == version:
            # Saved only when no load or edit (of another process, on a remote store)
            # made a newer version current meanwhile: the data projected is then of
            # *version*, as versions only ever move forward.
            saved_projection.write(G, path)
        return G
    G = reproject(earlier[1], store.graph(), changed)
    if path is not None and store.version == version:
        # Only a later process reads the file, and writing it takes longer than the
        # reprojection: the answer need not wait for it. Not a daemon, so that a
        # command ending meanwhile still finishes the file.
        threading.Thread(target=saved_projection.write, args=(G, path)).start()
    return G


def _saved_base(store: TripleStore) -> _Entry | None:
    """The saved projection of the version the current one was edited from, if that
    version is still there: after ``zorgnet load --add`` or ``import``, a new process
    reprojects the few added records instead of projecting the whole network again."""
    base = store.made_from()
    path = None if base is None else store.derived_path(saved_projection.NAME, base)
    G = saved_projection.read(path) if path is not None and path.exists() else None
    return None if base is None or G is None else (base, G)
