"""SPARQL results as Oxigraph writes them: every format parses with an independent
reader (rdflib), whole or cut at a limit, and CSV keeps formulas as text.

The worker's part (``_answer``: run, write, cut) runs here in-process on a small
Oxigraph store; the endpoint tests run the same through worker processes.
"""

import csv
import io

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from zorgnet.core.sparql import QueryOutcome, _answer, _Limits, render

ZN = "https://w3id.org/zorgnet/def#"
ID = "https://w3id.org/zorgnet/id/"
RESULT_FORMATS = ["json", "xml", "csv", "tsv"]
GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}
SELECT = f"SELECT ?s ?p ?o ?none WHERE {{ ?s ?p ?o OPTIONAL {{ ?s <{ZN}nooit> ?none }} }}"


def _data() -> Graph:
    """Every kind of term, and values that need escaping in some format."""
    graph = Graph()
    actor, other, node = URIRef(f"{ID}actor/a"), URIRef(f"{ID}actor/b"), BNode("b1")
    label = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
    for triple in [
        (actor, label, Literal('Zoë\'s "huis"\nmet\ttab & <kaart>, en zo', lang="nl")),
        (actor, URIRef(f"{ZN}rank"), Literal(5)),
        (actor, URIRef(f"{ZN}score"), Literal("2.5", datatype=XSD.decimal)),
        (actor, URIRef(f"{ZN}since"), Literal("2024-01-31", datatype=XSD.date)),
        (actor, URIRef(f"{ZN}note"), Literal("gewoon")),
        (actor, URIRef(f"{ZN}to"), other),
        (node, URIRef(f"{ZN}from"), actor),
    ]:
        graph.add(triple)
    return graph


def _store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def _answer_on(store: ox.Store, query: str, rows: int = 1000, size: int = 10**6) -> QueryOutcome:
    return _answer(store.query(query), _Limits(rows, size), None)


def _plain(term: object) -> object:
    """*term*, with a blank node as one marker (labels may differ per format)."""
    return "bnode" if isinstance(term, BNode) else term


def _solutions(result: Result) -> set[tuple[object, ...]]:
    return {tuple(_plain(row[v]) for v in result.vars) for row in result}  # type: ignore[index]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return _store(_data())


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_each_result_format_parses_back_to_the_solutions(store: ox.Store, fmt: str) -> None:
    text = render(_answer_on(store, SELECT), fmt)
    result = Result.parse(io.BytesIO(text), format=fmt)
    assert [str(v) for v in result.vars] == ["s", "p", "o", "none"]
    assert _solutions(result) == {(_plain(s), p, o, None) for s, p, o in _data()}


def test_csv_parses_back_to_the_values(store: ox.Store) -> None:
    text = render(_answer_on(store, SELECT), "csv").decode()
    result = Result.parse(io.StringIO(text), format="csv")
    assert [str(v) for v in result.vars] == ["s", "p", "o", "none"]
    values = {tuple(str(row[v]) for v in result.vars[:3]) for row in result}  # type: ignore[index]
    expected = {tuple(str(t) for t in triple) for triple in _data()}
    assert {v for v in values if not v[0].startswith("_:")} == {
        v for v in expected if not v[0].startswith("b1")
    }
    assert text.startswith("s,p,o,none\r\n")


@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
def test_each_graph_format_parses_back_to_the_triples(store: ox.Store, fmt: str) -> None:
    text = render(_answer_on(store, "CONSTRUCT WHERE { ?s ?p ?o }"), fmt)
    assert isomorphic(Graph().parse(data=text, format=GRAPH_FORMATS[fmt]), _data())


def test_turtle_uses_the_zorgnet_prefixes(store: ox.Store) -> None:
    text = render(_answer_on(store, "CONSTRUCT WHERE { ?s ?p ?o }"), "turtle").decode()
    assert f"@prefix zn: <{ZN}> ." in text
    assert "zn:rank 5" in text


def test_the_rows_for_the_page_are_term_tuples(store: ox.Store) -> None:
    outcome = _answer_on(store, SELECT + " ORDER BY ?p ?o")
    rows = {tuple(row) for row in outcome.rows}
    assert (
        ("uri", f"{ID}actor/a"),
        ("uri", f"{ZN}rank"),
        ("literal", "5", "", str(XSD.integer)),
        None,
    ) in rows
    assert any(row[0][0] == "bnode" for row in rows)
    assert ("literal", "gewoon", "", str(XSD.string)) in {row[2] for row in rows}
    triples = _answer_on(store, "CONSTRUCT WHERE { ?s ?p ?o }").rows
    assert len(triples) == 7
    assert all(len(t) == 3 for t in triples)


def _many() -> ox.Store:
    graph = Graph()
    for i in range(40):
        graph.add((URIRef(f"{ID}actor/{i}"), URIRef(f"{ZN}note"), Literal(f"waarde {i} " * 3)))
    return _store(graph)


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_a_result_cut_at_the_row_limit_parses_and_says_so(fmt: str) -> None:
    outcome = _answer_on(_many(), "SELECT ?s ?o WHERE { ?s ?p ?o }", rows=7)
    assert (outcome.truncated, outcome.cut_by, outcome.count) == (True, "rijen", 7)
    text = render(outcome, fmt)
    if fmt == "csv":
        assert len(list(csv.reader(io.StringIO(text.decode())))) == 1 + 7
    else:
        assert len(Result.parse(io.BytesIO(text), format=fmt)) == 7
    if fmt == "json":
        assert b'"zorgnet":{"afgekapt":true,"limiet":7,' in text
    if fmt == "xml":
        assert b'<link href="urn:zorgnet:afgekapt"/></head>' in text


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_a_result_cut_at_the_byte_limit_parses_and_stays_under_it(fmt: str) -> None:
    outcome = _answer_on(_many(), "SELECT ?s ?o WHERE { ?s ?p ?o }", size=1000)
    assert (outcome.truncated, outcome.cut_by) == (True, "bytes")
    header, _, rows = outcome.document.partition(b"\n")
    assert header == b"?s\t?o"
    assert len(rows) <= 1000 < len(rows) + 200
    text = render(outcome, fmt)
    if fmt != "csv":
        assert len(Result.parse(io.BytesIO(text), format=fmt)) == outcome.count > 5


@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
def test_a_graph_cut_at_a_limit_parses(fmt: str) -> None:
    for outcome in (
        _answer_on(_many(), "CONSTRUCT WHERE { ?s ?p ?o }", rows=7),
        _answer_on(_many(), "CONSTRUCT WHERE { ?s ?p ?o }", size=1000),
    ):
        assert outcome.truncated
        text = render(outcome, fmt)
        assert len(Graph().parse(data=text, format=GRAPH_FORMATS[fmt])) == outcome.count > 5
        if fmt in ("turtle", "nt"):
            assert text.startswith(f"# afgekapt na {outcome.count} triples".encode())


def test_the_cut_stops_the_query() -> None:
    # 40^4 = 2.6 million rows: written out in full, far more than the test could wait for.
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    by_rows = _answer_on(_many(), query, rows=3)
    assert (by_rows.cut_by, by_rows.count, by_rows.document.count(b"\n")) == ("rijen", 3, 4)
    by_bytes = _answer_on(_many(), query, size=2000)
    assert (by_bytes.cut_by, by_bytes.count) == ("bytes", by_bytes.document.count(b"\n") - 1)


def test_a_value_longer_than_the_byte_limit_is_left_out_whole() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(f"{ID}a"), ox.NamedNode(f"{ZN}note"), ox.Literal("x" * 50_000)))
    outcome = _answer_on(store, "SELECT ?o WHERE { ?s ?p ?o }", size=10_000)
    assert (outcome.cut_by, outcome.count, outcome.document) == ("bytes", 0, b"?o\n")
    assert Result.parse(io.BytesIO(render(outcome, "json")), format="json").bindings == []


def test_an_answer_of_no_variables_or_no_rows_parses(store: ox.Store) -> None:
    one = _answer_on(store, "SELECT * WHERE {}")
    parsed = Result.parse(io.BytesIO(render(one, "json")), format="json")
    assert (parsed.vars, len(parsed)) == ([], 1)
    empty = _answer_on(store, f"SELECT ?x WHERE {{ ?x <{ZN}nooit> ?y }}")
    for fmt in ("json", "xml", "tsv"):
        parsed = Result.parse(io.BytesIO(render(empty, fmt)), format=fmt)
        assert ([str(v) for v in parsed.vars], len(parsed)) == (["x"], 0)


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_ask_in_each_format(store: ox.Store, fmt: str) -> None:
    yes, no = (_answer_on(store, q) for q in ("ASK { ?s ?p ?o }", f"ASK {{ ?s <{ZN}nooit> ?o }}"))
    assert (yes.boolean, no.boolean) == (True, False)
    if fmt in ("json", "xml"):
        assert Result.parse(io.BytesIO(render(yes, fmt)), format=fmt).askAnswer is True
        assert Result.parse(io.BytesIO(render(no, fmt)), format=fmt).askAnswer is False
    else:
        assert (render(yes, fmt), render(no, fmt)) == (b"true", b"false")


FORMULAS = (
    'SELECT ?x WHERE { VALUES ?x { "=HYPERLINK(\\"http://x\\",\\"klik\\")" "+1+1" "@SUM(A1)" '
    '"-2" "+3.5e2" "gewoon" "\\tverborgen" "=1"@nl "-x"^^<urn:zorgnet:soort> -7 <urn:a=b> } }'
)


def test_csv_writes_formulas_as_text_and_leaves_the_rest(store: ox.Store) -> None:
    outcome = _answer_on(store, FORMULAS)
    cells = [row[0] for row in csv.reader(io.StringIO(render(outcome, "csv").decode()))][1:]
    assert cells == [
        '\'=HYPERLINK("http://x","klik")',
        "'+1+1",
        "'@SUM(A1)",
        "-2",
        "+3.5e2",
        "gewoon",
        "'\tverborgen",
        "'=1",
        "'-x",
        "-7",
        "urn:a=b",
    ]
    # Only CSV is read by spreadsheets as cells: the other formats keep the data as it is.
    values = Result.parse(io.BytesIO(render(outcome, "json")), format="json")
    assert str(next(iter(values))[0]).startswith("=HYPERLINK")  # type: ignore[index]
    assert render(outcome, "tsv") == outcome.document
