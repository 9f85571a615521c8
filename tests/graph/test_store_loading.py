"""Loading a store from rdflib, from pyoxigraph triples, or straight from an RDF file."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from zorgnet.graph import store as store_module
from zorgnet.graph.store import Store
from zorgnet.ontology.exceptions import StoreError

_P = URIRef("urn:x:p")


def test_awkward_literals_and_blank_nodes_survive_a_load() -> None:
    # Oxigraph speaks RDF 1.1, where a string without language is an xsd:string.
    data = Graph()
    node = BNode()
    for value in [
        Literal('aanhalings"tekens en \\ schuine streep', datatype=XSD.string),
        Literal("regel een\nregel twee\r\tmet tab", datatype=XSD.string),
        Literal("Jeugd & Gezin", lang="nl"),
        Literal("ÿ é ß 中 🙂", datatype=XSD.string),
        Literal(42),
        Literal("2024", datatype=XSD.gYear),
        node,
    ]:
        data.add((URIRef("urn:x:a"), _P, value))
    data.add((node, _P, Literal("in een lege knoop", datatype=XSD.string)))
    store = Store()
    store.replace(data)
    assert isomorphic(store.snapshot(), data)


def test_pyoxigraph_triples_and_quads_load_into_the_new_version() -> None:
    store = Store()
    triples = [
        ox.Triple(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:p"), ox.Literal("1")),
        ox.Quad(
            ox.NamedNode("urn:x:b"),
            ox.NamedNode("urn:x:p"),
            ox.Literal("2"),
            ox.NamedNode("urn:x:elders"),
        ),
    ]
    store.replace(triples)
    assert len(store) == 2
    assert list(store._ox.named_graphs()) == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("data.nt", '<urn:x:a> <urn:x:p> "een" .\n<urn:x:b> <urn:x:p> "twee"@nl .\n'),
        ("data.ttl", '@prefix x: <urn:x:> .\nx:a x:p "een" .\nx:b x:p "twee"@nl .\n'),
    ],
)
def test_a_file_loads_straight_into_the_store(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "db") as store:
        store.replace_from_file(tmp_path / name)
        assert len(store) == 2
        assert Literal("twee", lang="nl") in set(store.graph().objects())


@pytest.mark.slow
def test_a_broken_file_leaves_the_old_data_and_no_half_version(tmp_path: Path) -> None:
    lines = "".join(f'<urn:x:new{i}> <urn:x:p> "{i}" .\n' for i in range(5000))
    broken = tmp_path / "kapot.nt"
    broken.write_text(lines + "<urn:x:kapot> dit is geen n-triples\n", encoding="utf-8")
    with Store(tmp_path / "db") as store:
        store.replace(
            [ox.Triple(ox.NamedNode("urn:x:old"), ox.NamedNode("urn:x:p"), ox.Literal("oud"))]
        )
        before = store.version
        with pytest.raises(StoreError, match="Schrijven naar de opslag is mislukt"):
            store.replace_from_file(broken)
        assert store.version == before
        assert len(store) == 1
        folders = [entry.name for entry in (tmp_path / "db" / "versions").iterdir()]
        assert folders == [str(before).removeprefix("urn:zorgnet:version:")]


def test_a_file_with_named_graphs_or_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    store = Store()
    for name in ("data.nq", "data.trig", "data.onbekend"):
        (tmp_path / name).write_text("", encoding="utf-8")
        with pytest.raises(StoreError, match="geen bestand met triples"):
            store.replace_from_file(tmp_path / name)
    assert store.version is None


@pytest.mark.slow
def test_a_file_loaded_in_parts_keeps_its_blank_nodes_and_names_the_broken_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_PART_BYTES", 300)
    lines = [f'<urn:x:a{i}> <urn:x:p> "{i}" .\n' for i in range(35)]
    lines[3] = '_:b <urn:x:p> "eerste" .\n'
    lines[30] = '_:b <urn:x:p> "tweede" .\n'
    lines[31] = "<urn:x:c> <urn:x:q> _:b .\n"
    lines[34] = '_:b <urn:x:p> "laatste" .'  # the last line, without its newline
    good = tmp_path / "goed.nt"
    good.write_text("".join(lines), encoding="utf-8")
    with Store(tmp_path / "db") as store:
        store.replace_from_file(good)
        assert len(store) == 35
        blank = store.graph().value(URIRef("urn:x:c"), URIRef("urn:x:q"))
        assert {str(o) for o in store.graph().objects(blank, URIRef("urn:x:p"))} == {
            "eerste",
            "tweede",
            "laatste",
        }
        for line in (7, 20):  # in a part with a blank node, and in one without
            broken = tmp_path / "kapot.nt"
            broken.write_text(
                "".join(lines[: line - 1])
                + "<urn:x:kapot> dit is geen n-triples\n"
                + "".join(lines[line:]),
                encoding="utf-8",
            )
            with pytest.raises(StoreError, match=rf"kapot\.nt, regel {line}: "):
                store.replace_from_file(broken)
            assert len(store) == 35
