"""What a policy advisor, or another system, gets back for a file zorgnet cannot take.

The corpus in ``bad-input/`` holds the formats ``broken/`` has little of: Turtle,
N-Triples, JSON-LD, filled workbooks (written by ``bad-input/make_workbooks.py``) and
HSDS, as JSON and as CSV data packages (a folder each). Every file is read the way
``zorgnet check``/``load``/``import`` read it; the refusal must be in Dutch, name the
file, the line (row, record) and the field, say how to repair it, and hold no English
words of the libraries underneath. Loaded through the CLI, nothing may change in the
store and no traceback may show.
"""

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.formats.hsds import read_hsds
from zorgnet.formats.xlsx import read_xlsx
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset, read_dataset
from zorgnet.loaders.report import Problem

HERE = Path(__file__).parent
BAD = HERE / "bad-input"
BROKEN = HERE / "broken"
GENERATOR = "make_workbooks.py"

# file (or HSDS folder) -> (Dutch words its error must hold, line or row, field).
# The line is None where the whole file is at fault (empty, not a workbook, ...).
CASES: dict[str, tuple[str, int | None, str | None]] = {
    # Turtle
    "ttl-cut-off-in-text.ttl": ("tekst tussen aanhalingstekens is niet afgesloten", 6, None),
    "ttl-dangling-reference.ttl": ("waarde is geen actor", 5, "partOf"),
    "ttl-empty.ttl": ("bestand is leeg", None, None),
    "ttl-english-label.ttl": ("tekst moet Nederlands zijn", 4, "label"),
    "ttl-missing-dot.ttl": ("ontbreekt er een punt (.)", 7, None),
    "ttl-missing-source.ttl": ("verplicht veld ontbreekt", 5, "source"),
    "ttl-relative-iri.ttl": ("<jongerenwerk-huizen> is niet volledig", 5, None),
    "ttl-space-in-iri.ttl": ("bevat een spatie", 4, None),
    "ttl-truncated.ttl": ("niet afgesloten met '>'", 7, None),
    "ttl-undefined-prefix.ttl": ("voorvoegsel 'skos:' is niet vastgelegd met @prefix", 4, None),
    "ttl-unknown-class.ttl": ("onbekende klasse zn:Organisatie", 6, "type"),
    "ttl-unknown-concept.ttl": ("waarde is geen soort actor", 4, "type"),
    "ttl-unknown-property.ttl": ("onbekende eigenschap zn:schaal", 7, "schaal"),
    "ttl-wrong-datatype.ttl": ("waarde heeft niet het gegevenstype", 4, "asOf"),
    "ttl-wrong-encoding.ttl": ("geen geldige UTF-8-tekst", 5, None),
    # N-Triples
    "nt-csv-export.nt": ("begint met het adres van het onderwerp", 1, None),
    "nt-missing-dot.nt": ("de punt (.) aan het eind van de regel ontbreekt", 2, None),
    "nt-relative-iri.nt": ("<actor/jongerenwerk-huizen> is niet volledig", 1, None),
    "nt-turtle-prefixes.nt": ("N-Triples kent geen voorvoegsels", 3, None),
    "nt-unquoted-year.nt": ("2024 staat niet tussen aanhalingstekens", 2, None),
    "nt-unterminated-literal.nt": ("tekst tussen aanhalingstekens is niet afgesloten", 2, None),
    "nt-wrong-datatype.nt": ("waarde heeft niet het gegevenstype", 1, "ageMin"),
    # JSON-LD
    "jsonld-bad-year.jsonld": ("waarde heeft niet het gegevenstype", 5, "asOf"),
    "jsonld-id-number.jsonld": ("@id is een getal (1042)", 3, "@id"),
    "jsonld-missing-label.jsonld": ("verplicht veld ontbreekt", 5, "label"),
    "jsonld-no-context.jsonld": ("bestand bevat geen gegevens", None, None),
    "jsonld-top-level-string.jsonld": ("maar dit bestand bevat een tekst", 1, None),
    "jsonld-trailing-comma.jsonld": ("staat er een komma te veel", 10, None),
    "jsonld-truncated.jsonld": ("is de tekst niet afgesloten?", 9, None),
    "jsonld-utf16.jsonld": ("geen geldige UTF-8-tekst", 1, None),
    # Workbooks
    "xlsx-age-with-unit.xlsx": ("'12 jaar' is geen geheel getal", 2, "ageMin"),
    "xlsx-bad-id.xlsx": ("is geen geldige slug", 2, "id"),
    "xlsx-bad-source-year.xlsx": ("peiljaar '2024-2025' is geen jaartal", 2, "peiljaar"),
    "xlsx-csv-with-xlsx-name.xlsx": ("geen leesbaar Excel-werkboek", None, None),
    "xlsx-dangling-reference.xlsx": ("verwijzing naar onbekende id", 2, "from"),
    "xlsx-date-as-year.xlsx": ("'2024-03-01' is geen geheel getal", 2, "asOf"),
    "xlsx-decimal-comma.xlsx": ("'12,5' is geen getal", 2, "value"),
    "xlsx-duplicate-id-across-sheets.xlsx": ("bestaat al (ook in", 2, "id"),
    "xlsx-missing-column.xlsx": ("verplicht veld 'scale' ontbreekt", 2, "scale"),
    "xlsx-missing-sources-sheet.xlsx": ("tabblad 'bronnen' ontbreekt", None, None),
    "xlsx-negative-age.xlsx": ("-4 is te klein: de waarde moet minstens 0 zijn", 2, "ageMin"),
    "xlsx-number-as-label.xlsx": ("1271 is geen tekst", 2, "label"),
    "xlsx-number-with-words.xlsx": ("'ongeveer 120' is geen getal", 2, "value"),
    "xlsx-title-row-above-header.xlsx": ("niet de regel met de kolomnamen", 1, "id"),
    "xlsx-truncated.xlsx": ("niet helemaal gedownload", None, None),
    "xlsx-two-values-in-one-cell.xlsx": ("onbekende waarde", 2, "type"),
    "xlsx-unknown-column.xlsx": ("onbekende kolom 'omschrijving'", 1, "omschrijving"),
    "xlsx-unknown-sheet.xlsx": ("onbekend tabblad 'actoren Huizen'", None, None),
    "xlsx-unknown-source.xlsx": ("bron '007 §2' staat niet in", 2, "source"),
    "xlsx-wrong-enum.xlsx": ("onbekende waarde 'gemeentelijk'", 2, "scale"),
    # HSDS JSON
    "hsds-api-error-text.json": ("is geen HSDS-object maar een tekst", 1, None),
    "hsds-date-not-iso.json": ("'15-03-2024' is geen geldige datum en tijd", 8, "last_modified"),
    "hsds-description-null.json": ("leeg (null) is geen tekst", 3, "description"),
    "hsds-empty.json": ("bestand is leeg", None, None),
    "hsds-latin1.json": ("geen geldige UTF-8-tekst", 4, None),
    "hsds-location-type-in-dutch.json": (
        "onbekende waarde 'bezoekadres'",
        3,
        "locations[0].location_type",
    ),
    "hsds-missing-id.json": ("verplicht veld 'id' ontbreekt", 3, "id"),
    "hsds-missing-name.json": ("verplicht veld 'name' ontbreekt", 3, "name"),
    "hsds-services-not-a-list.json": ("services is geen lijst", 3, "services"),
    "hsds-status-in-dutch.json": ("onbekende waarde 'actief'", 8, "status"),
    "hsds-truncated.json": ("tekst tussen aanhalingstekens is niet afgesloten", 9, None),
    "hsds-unknown-zorgnet-type.json": ("onbekende waarde 'jongerenwerk'", 3, "type"),
    # HSDS CSV data packages
    "hsds-csv-decimal-comma": ("'52,2992' is geen getal", 2, "latitude"),
    "hsds-csv-empty-organizations": ("bestand is leeg", None, None),
    "hsds-csv-latin1": ("geen geldige UTF-8-tekst", 2, None),
    "hsds-csv-missing-name-column": ("verplicht veld 'name' ontbreekt", 2, "name"),
    "hsds-csv-no-organizations": ("geen organizations.csv", None, None),
    "hsds-csv-semicolon": ("gescheiden door puntkomma's", 1, None),
    "hsds-csv-status-in-dutch": ("onbekende waarde 'Actief'", 2, "status"),
    "hsds-csv-unquoted-comma": ("rij 2 heeft 6 velden, de kopregel 5", 2, None),
}

# Words and phrases of the messages of pydantic, PyYAML, json, jsonschema, rdflib and
# openpyxl (and of Python itself) that must never reach a user.
_ENGLISH = re.compile(
    r"Input should|field required|is not of type|is a required property|is not one of|"
    r"does not match|should have|\bexpected\b|\bexpecting\b|\bunexpected\b|Traceback|"
    r"Error\b|Exception\b|\binvalid\b|\bmust\b|\bthe\b|\bfound\b|could not|\bcannot\b|"
    r"\bline \d|\bcolumn\b|\bnot bound\b|\bunterminated\b|\bbad syntax\b|\bfailed\b|"
    r"\bunable\b|\bis not\b|\bnot allowed\b|\bmissing\b|\brequired\b|\bvalid\b|"
    r"\bstring\b|\binteger\b|\bcharacter\b|\bproperty\b|\bdelimiter\b|\bzip file\b|"
    r"BadZipFile|\bgot\b|\bat char\b",
    re.IGNORECASE,
)
# What the user wrote (quoted values, addresses, prefixed names) is theirs, not English.
_THEIRS = re.compile(
    r"(?<!\w)'[^']*'(?!\w)|\"[^\"]*\"|<[^<>\s]*>|https?://\S+|\b[\w-]+:[\w.-]+|@\w+"
)


def english_fragments(text: str) -> list[str]:
    """The English words of library messages in *text* (outside what the user wrote)."""
    return [match.group() for match in _ENGLISH.finditer(_THEIRS.sub(" ", text))]


def _words(problem: Problem) -> str:
    return f"{problem.message} ({problem.hint})"


@pytest.fixture(scope="module")
def stored(shipped: Dataset) -> Graph:
    """The shipped data, as the store holds it: what the bad files are added to."""
    return shipped.graph


def read_bad(path: Path, stored: Graph) -> Dataset:
    """*path* read as the CLI reads it: ``import`` for workbooks and HSDS (a .json file or
    a folder), ``load --add`` (the same reader) for Turtle, N-Triples and JSON-LD."""
    if path.suffix == ".xlsx":
        return read_xlsx(path, base=stored)
    if path.suffix == ".json" or path.is_dir():
        return read_hsds(path, base=stored)
    return read_dataset(path, base=stored)


def _command(path: Path, store: Path) -> list[str]:
    if path.suffix == ".xlsx":
        return ["import", "--format", "xlsx", str(path), "--store", str(store)]
    if path.suffix == ".json" or path.is_dir():
        return ["import", "--format", "hsds", str(path), "--store", str(store)]
    if path.suffix == ".jsonld":
        return ["import", "--format", "jsonld", str(path), "--store", str(store)]
    return ["load", str(path), "--add", "--store", str(store)]


def _corpus(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name != GENERATOR and not p.name.startswith(".")
    )


def test_the_helper_flags_library_english_and_passes_dutch() -> None:
    assert english_fragments("ongeldige waarde -3: Input should be greater than or equal to 0")
    assert english_fragments("[0]: 'name' is a required property")
    assert english_fragments("YAML-syntaxfout: could not find expected ':'")
    assert english_fragments("RDF-syntaxfout: at line 7 of <>:")
    assert english_fragments("geen leesbaar Excel-werkboek (BadZipFile)")
    assert not english_fragments("verplicht veld 'name' ontbreekt (vul het veld 'name' in)")
    assert not english_fragments("onbekende waarde 'actief' (toegestaan: 'active', 'inactive')")


def test_every_file_of_the_corpus_has_its_expected_message() -> None:
    assert _corpus(BAD) == sorted(CASES)


def test_the_two_corpora_together_hold_at_least_fifty_bad_inputs() -> None:
    assert len(_corpus(BAD)) >= 30
    assert len(_corpus(BAD)) + len(_corpus(BROKEN)) >= 50


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_file_is_refused_in_dutch_with_file_line_field_and_hint(
    name: str, stored: Graph
) -> None:
    fragment, line, field = CASES[name]
    dataset = read_bad(BAD / name, stored)
    assert not dataset.report.ok
    found = [p for p in dataset.report.errors if fragment in p.message]
    assert found, [str(p) for p in dataset.report.errors]
    problem = found[0]
    assert name in problem.file
    assert (problem.line, problem.field) == (line, field), str(problem)
    assert problem.hint
    if line is None:  # the whole file is at fault: no line, so no field either
        assert problem.field is None
    for each in dataset.report.problems:
        assert english_fragments(_words(each)) == [], str(each)


@pytest.mark.parametrize("name", _corpus(BROKEN))
def test_no_refusal_of_the_first_corpus_holds_english(name: str, tmp_path: Path) -> None:
    shutil.copy(HERE / "fixture-bronnen.yaml", tmp_path / "bronnen.yaml")
    shutil.copy(BROKEN / name, tmp_path / name)
    report = read_dataset(tmp_path / name).report
    assert not report.ok
    for problem in report.problems:
        assert english_fragments(_words(problem)) == [], str(problem)


@pytest.fixture(scope="module")
def store_with_shipped_data(
    shipped: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, set[tuple[object, object, object]]]:
    """A closed store holding the shipped data, and its triples."""
    path = tmp_path_factory.mktemp("opslag") / "store"
    with Store(path) as store:
        store.replace(shipped.graph)
        triples = set(store.graph())
    return path, triples


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.slow
def test_loading_a_bad_file_exits_with_the_dutch_message_and_changes_nothing(
    name: str, tmp_path: Path, store_with_shipped_data: tuple[Path, set]
) -> None:
    original, before = store_with_shipped_data
    store = tmp_path / "store"
    shutil.copytree(original, store)
    result = CliRunner().invoke(app, _command(BAD / name, store))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    output = result.output
    assert CASES[name][0] in output
    assert "Niets geladen" in output
    assert "Traceback" not in output
    assert english_fragments(output.replace(name, "")) == [], output  # the name is theirs
    with Store(store) as opened:
        assert set(opened.graph()) == before


def test_a_turtle_file_saved_with_a_byte_order_mark_reads_as_without(
    tmp_path: Path,
) -> None:
    text = (BAD / "ttl-missing-source.ttl").read_text(encoding="utf-8")
    plain, marked = tmp_path / "zonder.ttl", tmp_path / "met.ttl"
    plain.write_text(text, encoding="utf-8")
    marked.write_text("\ufeff" + text, encoding="utf-8")
    assert [p.message for p in read_dataset(marked).report.problems] == [
        p.message for p in read_dataset(plain).report.problems
    ]
