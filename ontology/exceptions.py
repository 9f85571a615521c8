"""The one exception hierarchy of zorgnet.

Every message names the offending value (actor, file, line) and is written in Dutch,
because it reaches users through the CLI and the API as it is.
"""

from collections.abc import Sequence

__all__ = [
    "LoadError",
    "SettingsError",
    "StoreError",
    "UnknownName",
    "ZorgnetError",
]


class ZorgnetError(Exception):
    """Base class of all errors zorgnet raises on purpose."""


class LoadError(ZorgnetError):
    """Data could not be loaded; nothing was written. ``report`` lists every problem."""

    def __init__(self, report: "object") -> None:
        self.report = report
        super().__init__(str(report))


class StoreError(ZorgnetError):
    """The store cannot be opened, read or written."""


class SettingsError(ZorgnetError):
    """A setting (a ``ZORGNET_*`` variable or a command-line option) has a wrong value."""


_HET_WORDS = frozenset({"gebied", "team", "niveau", "domein", "begrip", "lid"})


class UnknownName(ZorgnetError):
    """A name given by a user (actor, gemeente, soort hulp, ...) is not in the data.

    Parameters
    ----------
    what : str
        The Dutch name of the kind of thing, e.g. ``"actor"`` or ``"gemeente"``.
    name : str
        The name the user gave.
    suggestions : sequence of str
        The closest valid names.
    """

    def __init__(self, what: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.what = what
        self.name = name
        self.suggestions = list(suggestions)
        # Dutch "het"-words take the adjective without -e: "onbekend gebied".
        adjective = "Onbekend" if what.split()[0] in _HET_WORDS else "Onbekende"
        message = f"{adjective} {what}: {name!r}."
        if self.suggestions:
            message += " Bedoelde u: " + ", ".join(self.suggestions) + "?"
        super().__init__(message)
