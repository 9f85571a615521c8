"""The shipped dataset of Gooi en Vechtstreek, as package data of ``zorgnet.data``.

The YAML files in ``gooi-en-vechtstreek/`` are the data; this file makes the folder a
package, so that a wheel carries the files, and names where they are
(:data:`SHIPPED_DATASET`, found with :mod:`importlib.resources`; see ``pyproject.toml``).
It imports nothing heavy: every command reads the settings, which name it.
"""

from importlib import resources
from pathlib import Path

__all__ = ["SHIPPED_DATASET"]


def _shipped_dataset() -> Path:
    """The folder of the shipped dataset, package data of ``zorgnet.data``.

    In a source checkout (an editable install) that is ``data/gooi-en-vechtstreek/`` itself,
    the one folder a policy advisor edits; in a wheel it is the copy the wheel carries.
    """
    return Path(str(resources.files(__name__).joinpath("gooi-en-vechtstreek")))


#: The Gooi en Vechtstreek dataset that ships with zorgnet.
SHIPPED_DATASET = _shipped_dataset()
