"""Where the store is, every setting of its backend, and how it is opened.

A store location is typed as what it holds: a :class:`~pathlib.Path` is the folder of
the embedded :class:`~zorgnet.graph.store.Store` (Oxigraph), a :class:`SparqlEndpoint`
a remote :class:`~zorgnet.graph.sparql_store.SparqlStore`. Written as text (``--store``,
``ZORGNET_STORE``) a remote store is ``sparql+http://host:port/sparql`` (or
``sparql+https://``); anything else is a folder (:func:`store_location`).

:class:`StoreSettings` is the one place the backend's settings are read, from arguments
or ``ZORGNET_*`` environment variables: the store, its update user
(``ZORGNET_SPARQL_USER`` and ``ZORGNET_SPARQL_PASSWORD``, never in the URL, so that the
password does not show up in process lists or shell history), the answer time limit
(``ZORGNET_STORE_TIMEOUT``, seconds) and the folder where the projection of each
version read from a remote store is saved (``ZORGNET_CACHE``), so that the next process
reads it back in a second or two instead of reading the whole network from the server
again. The web app's settings (:class:`zorgnet.api.settings.Settings`) extend it; a
remote store in the settings carries all of these, so :func:`open_store` takes it alone.

Examples
--------
>>> store_location("sparql+http://127.0.0.1:8890/sparql").url
'http://127.0.0.1:8890/sparql'
>>> str(store_location(Path("sparql+http://127.0.0.1:8890/sparql")))  # a Path folds //
'sparql+http://127.0.0.1:8890/sparql'
>>> store_location("/var/lib/zorgnet")
PosixPath('/var/lib/zorgnet')
>>> store_location("http://127.0.0.1:8890/sparql")
Traceback (most recent call last):
...
zorgnet.ontology.exceptions.SettingsError: 'http://127.0.0.1:8890/sparql' is een \
webadres, geen map. Geef een SPARQL-server op als sparql+http://host:poort/sparql (of \
sparql+https://…), of geef een map.
"""

import os
import re
from pathlib import Path, PurePath
from typing import Any, Self
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, SettingsConfigDict

from zorgnet.graph.contract import TripleStore
from zorgnet.graph.store import Store
from zorgnet.ontology.exceptions import SettingsError

__all__ = ["SparqlEndpoint", "StoreSettings", "open_store", "store_location"]

# A Path folds the // of a URL into one /.
_REMOTE = re.compile(r"^sparql\+(https?):/+(.*)$")
# A remote store written wrongly: sparql+ftp://, sparql://.
_SPARQL_LIKE = re.compile(r"^sparql[+:]", re.IGNORECASE)
# Any URL scheme, as in http://, ftp:/ (folded) or sparql+ftp://.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/")
_USERINFO = re.compile(r"(://?)[^/@]*@")
_WRITE_AS = "Geef een SPARQL-server op als sparql+http://host:poort/sparql (of sparql+https://…)"


def _shown(text: str) -> str:
    """*text* as a message may show it: without a user and password in a URL."""
    return _USERINFO.sub(r"\1", text)


def _url_problem(url: str) -> str | None:
    """What is wrong with *url* as a SPARQL endpoint, in Dutch; None when nothing is."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            f"{_shown(url)!r} is geen adres van een SPARQL-server. {_WRITE_AS}, met een host erin."
        )
    if parts.username is not None or parts.password is not None:
        return (
            f"Het adres van de SPARQL-server op {parts.hostname} bevat een gebruiker of "
            "wachtwoord. Haal die uit het adres en zet ze in ZORGNET_SPARQL_USER en "
            "ZORGNET_SPARQL_PASSWORD, zodat het wachtwoord niet in proceslijsten of de "
            "geschiedenis van de shell komt."
        )
    try:
        parts.port  # noqa: B018 - it raises for a port that is not a number
    except ValueError:
        return f"De poort in {url!r} is geen getal van 0 tot 65535."
    return None


class SparqlEndpoint(BaseModel):
    """A remote store: a SPARQL 1.1 Query + Update endpoint, and what using it needs.

    Parameters
    ----------
    url : str
        The query endpoint, ``http(s)://host:port/sparql``. With a *user*, updates go
        to ``<url>-auth`` (Virtuoso's protected endpoint) and uploads to the Graph Store
        ``sparql-graph-crud-auth`` beside it, with HTTP Digest; the data is in named
        graphs zorgnet chooses (``urn:zorgnet:…``).
    user, password : str, optional
        The update user; without one zorgnet writes anonymously, which works only on a
        server set up that way.
    timeout : float
        Seconds each request to the server may take.
    cache : Path, optional
        The local folder where the projections of the store's versions are saved; None
        saves none.

    Examples
    --------
    >>> endpoint = SparqlEndpoint(url="http://127.0.0.1:8890/sparql", user="zorgnet",
    ...                           password="geheim")
    >>> str(endpoint), endpoint.password
    ('sparql+http://127.0.0.1:8890/sparql', SecretStr('**********'))
    """

    model_config = ConfigDict(frozen=True)

    url: str
    user: str | None = None
    password: SecretStr | None = None
    timeout: float = Field(default=60.0, gt=0)
    cache: Path | None = None

    @field_validator("url")
    @classmethod
    def _valid_url(cls, url: str) -> str:
        problem = _url_problem(url)
        if problem is not None:
            raise PydanticCustomError("sparql_url", "{problem}", {"problem": problem})
        return url

    def __str__(self) -> str:
        """The endpoint as ``--store`` takes it."""
        return f"sparql+{self.url}"


def store_location(text: str | PurePath) -> Path | SparqlEndpoint:
    """The store that *text* (as ``--store`` or ``ZORGNET_STORE`` take it) names.

    Raises
    ------
    SettingsError
        When *text* is empty, a web address without ``sparql+``, or a ``sparql+`` URL
        that is not a valid http(s) address.
    """
    text = str(text)
    match = _REMOTE.match(text)
    if match is not None:
        url = f"{match.group(1)}://{match.group(2)}"
        problem = _url_problem(url)
        if problem is not None:
            raise SettingsError(problem)
        return SparqlEndpoint(url=url)
    if _SPARQL_LIKE.match(text):
        raise SettingsError(f"{_shown(text)!r} is geen adres van een SPARQL-server. {_WRITE_AS}.")
    if _SCHEME.match(text):
        raise SettingsError(
            f"{_shown(text)!r} is een webadres, geen map. {_WRITE_AS}, of geef een map."
        )
    if not text.strip():
        raise SettingsError(f"De plek van de opslag is leeg. Geef een map. {_WRITE_AS}.")
    return Path(text)


def _default_store() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "zorgnet" / "store"


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zorgnet"


class StoreSettings(BaseSettings):
    """Where the store is and what its backend needs, from arguments or ``ZORGNET_*``
    environment variables (an empty variable counts as not set).

    Attributes
    ----------
    store : Path or SparqlEndpoint
        ``ZORGNET_STORE``: the folder, default ``$XDG_DATA_HOME/zorgnet/store`` (else
        ``~/.local/share/zorgnet/store``), or a remote store. A remote store given as
        text takes *sparql_user*, *sparql_password*, *store_timeout* and *cache*; a
        :class:`SparqlEndpoint` given as one keeps what it was given.
    sparql_user, sparql_password
        ``ZORGNET_SPARQL_USER``, ``ZORGNET_SPARQL_PASSWORD``: the update user of a
        remote store.
    store_timeout : float
        ``ZORGNET_STORE_TIMEOUT``: seconds each request to a remote store may take.
    cache : Path
        ``ZORGNET_CACHE``: where the projections of a remote store's versions are
        saved, default ``$XDG_CACHE_HOME/zorgnet`` (else ``~/.cache/zorgnet``).
    """

    model_config = SettingsConfigDict(env_prefix="ZORGNET_", env_ignore_empty=True)

    store: Path | SparqlEndpoint = Field(default_factory=_default_store)
    sparql_user: str | None = None
    sparql_password: SecretStr | None = None
    store_timeout: float = Field(default=60.0, gt=0, description="seconden per verzoek")
    cache: Path = Field(default_factory=_default_cache)

    @field_validator("store", mode="before")
    @classmethod
    def _location(cls, value: object) -> object:
        if isinstance(value, str | PurePath):
            try:
                return store_location(value)
            except SettingsError as exc:
                raise PydanticCustomError(
                    "store_location", "{problem}", {"problem": str(exc)}
                ) from exc
        return value

    @model_validator(mode="after")
    def _complete_endpoint(self) -> Self:
        # The one place a remote store gets its user, time limit and cache.
        if isinstance(self.store, SparqlEndpoint):
            settings = {
                "user": self.sparql_user,
                "password": self.sparql_password,
                "timeout": self.store_timeout,
                "cache": self.cache,
            }
            given = self.store.model_fields_set
            self.store = self.store.model_copy(
                update={name: value for name, value in settings.items() if name not in given}
            )
        return self

    @classmethod
    def read(cls, **given: Any) -> Self:
        """The settings from the environment, with *given* (the command line's options;
        None: not given) over it.

        Raises
        ------
        SettingsError
            Naming each wrong setting (as ``--option`` or ``ZORGNET_…``), its value and
            what it must be.
        """
        options = {name: value for name, value in given.items() if value is not None}
        try:
            return cls(**options)
        except ValidationError as exc:
            raise SettingsError(_dutch(exc, options)) from exc


_PHRASES = {
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "float_parsing": "moet een getal zijn",
    "float_type": "moet een getal zijn",
    "finite_number": "moet een eindig getal zijn",
    "bool_parsing": "moet true of false zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
}
# Values a message must not show.
_SECRET = frozenset({"sparql_password", "token"})
# Errors whose message is already the whole Dutch explanation.
_EXPLAINED = frozenset({"store_location", "sparql_url"})


def _number(value: object) -> str:
    """A limit as a message shows it: 0 for 0.0, 2,5 for 2.5."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _dutch(exc: ValidationError, given: dict[str, Any]) -> str:
    """*exc* as one Dutch message, each setting named as the user gave it."""
    problems = []
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else "?"
        where = f"--{field.replace('_', '-')}" if field in given else f"ZORGNET_{field.upper()}"
        if error["type"] in _EXPLAINED:
            problems.append(f"{where}: {error['msg']}")
            continue
        context = {key: _number(value) for key, value in (error.get("ctx") or {}).items()}
        phrase = _PHRASES.get(error["type"], "heeft een ongeldige waarde")
        shown = "" if field in _SECRET else f" ({_shown(str(error['input']))!r})"
        problems.append(f"{where}{shown} {phrase.format_map(context)}.")
    return "Ongeldige instelling. " + " ".join(problems)


def open_store(location: Path | SparqlEndpoint | str, *, read_only: bool = False) -> TripleStore:
    """Open the store at *location*: a folder, or a SPARQL endpoint.

    A location given as text (or as a Path) is read as ``--store`` is
    (:func:`store_location`); a remote store written so takes its user, time limit and
    cache from the settings (:class:`StoreSettings`: ``ZORGNET_SPARQL_USER`` ...).

    With *read_only*, a folder is opened to read only (``Store(read_only=True)``): that
    works while another process, such as ``zorgnet serve``, writes it. A remote store
    has no lock to share, so there *read_only* changes nothing.

    Raises
    ------
    SettingsError
        When *location* names no store, or a setting the remote store needs is wrong.
    StoreError
        When the store cannot be opened (another process writes the folder and
        *read_only* is not given, server unreachable, ...).
    """
    if not isinstance(location, SparqlEndpoint):
        location = store_location(location)
        if isinstance(location, SparqlEndpoint):
            location = StoreSettings.read(store=location).store
    if isinstance(location, Path):
        return Store(location, read_only=read_only)
    # Imported here: httpx is not needed for a folder.
    from zorgnet.graph.sparql_store import SparqlStore

    password = location.password
    return SparqlStore(
        location.url,
        user=location.user,
        password=None if password is None else password.get_secret_value(),
        timeout=location.timeout,
        cache=location.cache,
    )
