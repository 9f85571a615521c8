"""Reading a YAML data file with the line of every mapping and key.

PyYAML's composer knows where each node starts; this loader keeps that position on
the dicts it builds, refuses duplicate keys (PyYAML would silently keep the last) and
turns every kind of unreadable input into a :class:`~zorgnet.loaders.report.Problem`.

It also refuses what would make the rest of the checks slow or the exports broken:
text with control characters (``"A\\x04B"``), and aliases (``*naam``) that multiply
the document, such as a "billion laughs" of a few hundred bytes that unfolds into a
billion values. The data format needs no aliases, but ``zorgnet synth`` writes them for
the lists that records share, so they are allowed as long as they at most double the
document.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from zorgnet.loaders.messages import yaml_message
from zorgnet.loaders.report import Position, Problem
from zorgnet.loaders.text import bad_character, character_problem

__all__ = ["ALIAS_ALLOWANCE", "MAX_FILE_BYTES", "LinedDict", "YamlFileError", "read_yaml"]

MAX_FILE_BYTES = 20_000_000
ALIAS_ALLOWANCE = 10_000
"""How many values aliases may add beyond doubling the values the file writes."""


class LinedDict(dict[str, Any]):
    """A dict that remembers its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class YamlFileError(Exception):
    """The file cannot be read as YAML; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _BadText(Exception):
    """A scalar holds a character text may not hold."""

    def __init__(self, text: str, line: int, key: str | None) -> None:
        self.text, self.line, self.key = text, line, key
        super().__init__(text)


# libyaml's parser (when PyYAML was built with it) is several times faster on national-
# scale datasets; it reports the same marks, and construction stays in Python.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LinedLoader(_Base):  # type: ignore[misc, valid-type]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LinedDict:
        mapping = LinedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            _check_text(key_node, None)
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                key = str(key)
            if key in mapping:
                raise _DuplicateKey(
                    problem=f"sleutel {key!r} staat twee keer in hetzelfde blok",
                    problem_mark=key_node.start_mark,
                )
            _check_text(value_node, key)
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


def _check_text(node: yaml.Node, key: str | None) -> None:
    """Refuse a scalar, or a list of scalars, under *key* that holds a bad character.

    Every value of a data file is a scalar or a list of scalars of a mapping: deeper
    values are refused by the record checks, which never store them.
    """
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        if isinstance(item, yaml.ScalarNode) and bad_character(item.value) is not None:
            raise _BadText(item.value, item.start_mark.line + 1, key)


_LinedLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LinedLoader.construct_mapping
)
# Dates would otherwise become datetime.date objects, and "2024-05" strings surprise; keep text.
_LinedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_TOO_DEEP = (
    "blokken en lijsten staan te diep in elkaar",
    "een registratie heeft velden met waarden of lijsten van waarden; haal de extra haakjes "
    "of inspringing weg",
    "yaml-diepte",
)


def _children(node: yaml.Node) -> Iterator[tuple[yaml.Node, int]]:
    """The collections directly in *node*, each with the line its entry is written on."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            for child in (key, value):
                if not isinstance(child, yaml.ScalarNode):
                    yield child, key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        line = node.start_mark.line + 1
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                # An alias starts where its anchor does, before the list: name the list.
                own = item.start_mark.line + 1
                yield item, own if own >= line else line


def _alias_problem(root: yaml.Node, name: str) -> Problem | None:
    """The problem of aliases in *root* that multiply its values, or None.

    The composed document shares one node for an anchor and all its aliases, so its
    size as written and as unfolded are both counted in one pass over the distinct
    nodes, without unfolding anything.
    """
    unfolded: dict[int, int] = {}  # id of a collection -> its values when unfolded
    path: set[int] = set()
    written = 1
    biggest: tuple[int, int] | None = None  # (values, line) of the largest alias use
    stack: list[tuple[yaml.Node, int, bool]] = [(root, root.start_mark.line + 1, False)]
    while stack:
        node, line, done = stack.pop()
        key = id(node)
        if done:
            path.discard(key)
            size = 1 + len(node.value) * (2 if isinstance(node, yaml.MappingNode) else 1)
            size += sum(unfolded[id(child)] - 1 for child, _ in _children(node))
            unfolded[key] = min(size, 10**15)
            continue
        if key in path:
            return Problem.at(
                Position(name, line),
                "een YAML-alias (*naam) verwijst naar het blok waar hij zelf in staat",
                hint="schrijf de waarden uit in plaats van &anker en *alias te gebruiken",
                rule="yaml-alias",
            )
        if key in unfolded:  # an alias: the anchored node again
            if biggest is None or unfolded[key] > biggest[0]:
                biggest = (unfolded[key], line)
            continue
        path.add(key)
        stack.append((node, line, True))
        children = list(_children(node))
        written += len(node.value) * (2 if isinstance(node, yaml.MappingNode) else 1)
        stack.extend((child, at, False) for child, at in reversed(children))
    limit = 2 * written + ALIAS_ALLOWANCE
    if biggest is None or unfolded[id(root)] <= limit:
        return None
    return Problem.at(
        Position(name, biggest[1]),
        f"YAML-aliassen (*naam) herhalen zoveel dat het bestand uitgepakt meer dan {limit} "
        f"waarden heeft; het schrijft er zelf {written}",
        hint="schrijf de waarden uit in plaats van ze met &anker en *alias te herhalen",
        rule="yaml-alias",
    )


def _error(path: str, line: int | None, message: str, hint: str, rule: str) -> YamlFileError:
    return YamlFileError(Problem.at(Position(path, line), message, hint=hint, rule=rule))


def read_yaml(path: Path, display: str | None = None) -> Any:
    """Parse *path* as UTF-8 YAML, keeping line numbers on every mapping.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str, optional
        How to name the file in messages (default: the path as given).

    Returns
    -------
    object
        The parsed document: mappings are :class:`LinedDict`.

    Raises
    ------
    YamlFileError
        For an empty, too large, non-UTF-8 or syntactically broken file, or a duplicate key.
    """
    name = display or str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _error(
            name,
            None,
            f"bestand is te groot ({size} bytes, maximaal {MAX_FILE_BYTES})",
            "splits het bestand in kleinere bestanden",
            "bestandsgrootte",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(
            name,
            line,
            f"geen geldige UTF-8-tekst (byte {exc.start})",
            "sla het bestand op als UTF-8",
            "codering",
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _error(name, None, "bestand is leeg", "vul het bestand of verwijder het", "leeg")
    loader = _LinedLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        if "*" in text:  # the only way to write an alias
            problem = _alias_problem(root, name)
            if problem is not None:
                raise YamlFileError(problem)
        return loader.construct_document(root)
    except _BadText as exc:
        problem = character_problem(exc.text, Position(name, exc.line), field=exc.key)
        assert problem is not None
        raise YamlFileError(problem) from None
    except RecursionError:
        raise _error(name, None, *_TOO_DEEP) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts its position in bytes: find the character itself, whose first
        # occurrence is the one the reader stopped at, and report it on its line.
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        start = max(0, text.find(char))
        line = text[:start].count("\n") + 1
        row = text[text.rfind("\n", 0, start) + 1 :].split("\n", 1)[0]
        problem = character_problem(row, Position(name, line))
        raise YamlFileError(
            problem
            or Problem.at(
                Position(name, line),
                f"ongeldig teken U+{ord(char):04X}",
                hint="haal het teken weg",
                rule="teken",
            )
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        if "nesting depth" in problem:
            raise _error(name, line, *_TOO_DEEP) from exc
        if not isinstance(exc, _DuplicateKey):  # PyYAML's words are English
            problem = yaml_message(exc, text)
        raise _error(
            name,
            line,
            f"YAML-syntaxfout: {problem}",
            "controleer inspringing, dubbele punten en aanhalingstekens",
            "yaml-syntax",
        ) from exc
    except yaml.YAMLError as exc:
        raise _error(
            name, None, yaml_message(exc, text), "controleer het bestand", "yaml-syntax"
        ) from exc
    finally:
        loader.dispose()
