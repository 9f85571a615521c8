"""The shipped dataset of Gooi en Vechtstreek, as package data of ``zorgnet.data``.

The YAML files in ``gooi-en-vechtstreek/`` are the data; this file only makes the folder a
package, so that a wheel carries the files and :data:`zorgnet.api.settings.SHIPPED_DATASET`
finds them with :mod:`importlib.resources` (see ``pyproject.toml``). There is no code here.
"""
