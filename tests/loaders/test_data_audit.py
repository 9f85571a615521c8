"""The data audit (docs/data-audit.md) says, for every section a record may cite, what the
data holds from it; it names only records that exist."""

import re
from pathlib import Path

import yaml

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders.sources import read_register

AUDIT = Path(__file__).resolve().parents[2] / "docs" / "data-audit.md"


def _record_ids() -> set[str]:
    ids: set[str] = set()
    for path in SHIPPED_DATASET.glob("*.yaml"):
        if path.name == "bronnen.yaml":
            continue
        for records in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).values():
            ids.update(record["id"] for record in records)
    return ids


def test_does_the_audit_have_a_row_for_every_section_of_every_seed() -> None:
    """Issue 17: one row per section listed in bronnen.yaml, e.g. "| 003 §bijlage 2"."""
    register, problems = read_register(SHIPPED_DATASET / "bronnen.yaml")
    assert problems == []
    rows = {
        m.group(1) for m in re.finditer(r"^\| (\d{3} §.+?)(?: \(| \||,)", AUDIT.read_text(), re.M)
    }
    missing = {f"{seed} §{number}" for seed, number in register.titles} - rows
    assert missing == set()


def test_does_every_record_the_audit_names_exist() -> None:
    """Record ids in backticks in the section tables must be ids of the shipped data (the
    mended records that were removed come later); patterns with * or {}
    stand for several records and are checked by their fixed part."""
    ids = _record_ids()
    text = AUDIT.read_text().split("## 000")[1].split("## Mended records")[0]
    named = set(re.findall(r"`([a-z0-9][a-z0-9{},*…-]*)`", text))
    vocabulary = {
        "gemelde-praktijk",
        "voorstel",
        "onbekend",
        "gepland",
        "burgerlijk-wetboek",
        "basishulp",
    }
    vocabulary |= {"wet-verbetering-beschikbaarheid-jeugdzorg", "wet-verplichte-meldcode"}
    for name in sorted(named - vocabulary):
        if "*" in name or "{" in name or "…" in name:
            fixed = re.split(r"[*{…]", name)[0]
            assert any(i.startswith(fixed) for i in ids), name
        else:
            assert name in ids, name
