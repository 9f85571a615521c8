"""Every file the pages load from api/static (and every template) is package data, so
that an installed wheel serves the same pages as the checkout."""

import tomllib
from fnmatch import fnmatchcase
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _matches(relative: str, pattern: str) -> bool:
    """Whether *relative* matches *pattern* as setuptools' globs do: ``*`` within a
    folder name, never across a ``/``."""
    parts, wanted = relative.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(map(fnmatchcase, parts, wanted))


def test_every_static_file_and_template_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["zorgnet.api"]
    files = [
        p.relative_to(ROOT / "api").as_posix()
        for folder in ("static", "templates")
        for p in (ROOT / "api" / folder).rglob("*")
        if p.is_file()
    ]
    assert any(f.startswith("static/nlds/") for f in files)
    missing = [f for f in files if not any(_matches(f, pattern) for pattern in patterns)]
    assert missing == []
