"""Every kind of broken input is refused with its own error, at the right line, and
nothing reaches the store."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import read_dataset

HERE = Path(__file__).parent
BROKEN = HERE / "broken"

# file -> (rule of an expected error, its line or None when the whole file is at fault, field)
EXPECTED = {
    "age-range.yaml": ("shacl", 9, "ageMin"),
    "bad-id.yaml": ("id-vorm", 2, "id"),
    "bad-syntax.jsonld": ("json-syntax", 2, None),
    "bad-syntax.ttl": ("rdf-syntax", 3, None),
    "bad-syntax.yaml": ("yaml-syntax", 6, None),
    "billion-laughs.yaml": ("yaml-alias", 13, None),
    "control-character-raw.yaml": ("teken", 3, None),
    "control-character.jsonld": ("teken", 3, "label"),
    "control-character.nt": ("teken", 1, "description"),
    "control-character.ttl": ("teken", 3, "label"),
    "control-character.yaml": ("teken", 3, "label"),
    "dangling-reference.yaml": ("verwijzing", 10, "to"),
    "deep-nesting.jsonld": ("json-diepte", 2, None),
    "deep-nesting.ttl": ("rdf-diepte", None, None),
    "deep-nesting.yaml": ("yaml-diepte", 3, None),
    "duplicate-id.yaml": ("dubbel-id", 7, "id"),
    "duplicate-key.yaml": ("yaml-syntax", 6, None),
    "empty.yaml": ("leeg", None, None),
    "huge-value.yaml": ("waarde", 6, "description"),
    "jsonld-file-context.jsonld": ("jsonld-context", 2, "@context"),
    "jsonld-import.jsonld": ("jsonld-context", 3, "@import"),
    "jsonld-relative-context.jsonld": ("jsonld-context", 2, "@context"),
    "jsonld-scoped-context.jsonld": ("jsonld-context", 5, "@context"),
    "malformed-source.yaml": ("bron-vorm", 6, "source"),
    "membership-dangling.yaml": ("verwijzing", 3, "team"),
    "membership-not-a-team.yaml": ("shacl", 15, "team"),
    "missing-label.yaml": ("verplicht-veld", 2, "label"),
    "missing-source.yaml": ("verplicht-veld", 2, "source"),
    "multiline-label.yaml": ("teken", 3, "label"),
    "negative-age.yaml": ("waarde", 12, "ageMin"),
    "non-numeric-value.yaml": ("waarde", 4, "value"),
    "not-a-list.yaml": ("bestandsvorm", 1, None),
    "record-not-mapping.yaml": ("bestandsvorm", 1, None),
    "recursive-alias.yaml": ("yaml-alias", 3, None),
    "remote-context.jsonld": ("jsonld-context", 1, "@context"),
    "shacl-violation.ttl": ("shacl", 4, "type"),
    "unknown-field.yaml": ("onbekend-veld", 6, "colour"),
    "unknown-kind.yaml": ("onbekende-soort", 1, None),
    "unknown-section.yaml": ("bron-onbekend", 6, "source"),
    "unknown-type.yaml": ("vocabulaire", 4, "type"),
    "wrong-encoding.yaml": ("codering", 3, None),
    "wrong-enum.yaml": ("vocabulaire", 5, "scale"),
    "wrong-reference-kind.yaml": ("verwijzing-soort", 15, "to"),
}


def _dataset_with(tmp_path: Path, name: str) -> Path:
    shutil.copy(HERE / "fixture-bronnen.yaml", tmp_path / "bronnen.yaml")
    shutil.copy(BROKEN / name, tmp_path / name)
    return tmp_path / name


def test_the_corpus_covers_every_broken_file() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gets_its_own_error_with_file_and_line(tmp_path: Path, name: str) -> None:
    rule, line, field = EXPECTED[name]
    report = read_dataset(_dataset_with(tmp_path, name)).report
    assert not report.ok
    found = [p for p in report.errors if (p.rule, p.line, p.field) == (rule, line, field)]
    assert found, [str(p) for p in report.errors]
    problem = found[0]
    assert problem.file.endswith(name)
    assert problem.message and problem.hint  # what is wrong, and how to fix it
    assert str(problem).startswith(problem.file if line is None else f"{problem.file}:{line}")


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.slow
def test_a_failed_load_leaves_the_store_as_it_was(tmp_path: Path, name: str, shipped) -> None:
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:  # closed again: the CLI opens the store itself
        store.replace(shipped.graph)
        before = set(store.graph())
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = _dataset_with(data_dir, name)
    result = CliRunner().invoke(app, ["load", str(path), "--store", str(store_dir)])
    assert result.exit_code == 1, result.output
    assert "Niets geladen" in result.output
    with Store(store_dir) as store:
        assert set(store.graph()) == before


def test_several_errors_are_reported_together(tmp_path: Path) -> None:
    shutil.copy(HERE / "fixture-bronnen.yaml", tmp_path / "bronnen.yaml")
    for name in ("unknown-type.yaml", "missing-label.yaml", "malformed-source.yaml"):
        shutil.copy(BROKEN / name, tmp_path / name.replace(".yaml", "-x.yaml"))
    # The three files reuse the id veilig-thuis: the duplicates are reported too.
    report = read_dataset(tmp_path).report
    rules = {p.rule for p in report.errors}
    assert {"vocabulaire", "verplicht-veld", "bron-vorm"} <= rules


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path, monkeypatch) -> None:
    from zorgnet.loaders import yaml_file

    monkeypatch.setattr(yaml_file, "MAX_FILE_BYTES", 1000)
    shutil.copy(HERE / "fixture-bronnen.yaml", tmp_path / "bronnen.yaml")
    big = tmp_path / "groot.yaml"
    big.write_text("actors:\n" + "# opvulling\n" * 200, encoding="utf-8")
    report = read_dataset(big).report
    assert [p.rule for p in report.errors] == ["bestandsgrootte"]


def test_unknown_vocabulary_value_suggests_the_closest(tmp_path: Path) -> None:
    report = read_dataset(_dataset_with(tmp_path, "unknown-type.yaml")).report
    assert "veilig-thuis" in report.errors[0].hint


def test_a_folder_above_the_data_names_the_folder_with_the_data_in_it(tmp_path: Path) -> None:
    # "zorgnet load data" instead of "zorgnet load data/gooi-en-vechtstreek".
    (tmp_path / "gooi-en-vechtstreek").mkdir()
    shutil.copy(HERE / "fixture-bronnen.yaml", tmp_path / "gooi-en-vechtstreek" / "bronnen.yaml")
    (tmp_path / "leeg").mkdir()
    [problem] = read_dataset(tmp_path).report.errors
    assert problem.message == "geen databestanden gevonden"
    assert problem.hint.endswith("kies een map erin met databestanden: gooi-en-vechtstreek")
