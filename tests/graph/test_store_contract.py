"""Both backends keep the one store contract (graph.contract.TripleStore)."""

import inspect

import pytest

from zorgnet.graph.contract import TripleStore
from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.graph.store import Store

MEMBERS = [
    name
    for name, member in vars(TripleStore).items()
    if not name.startswith("_") or name in ("__len__", "__enter__", "__exit__")
    if callable(member) or isinstance(member, property)
]


def test_the_contract_names_what_the_shells_use() -> None:
    assert {"graph", "replace", "apply", "version", "close", "__len__"} <= set(MEMBERS)


@pytest.mark.parametrize("backend", [Store, SparqlStore])
@pytest.mark.parametrize("name", MEMBERS)
def test_each_backend_has_each_member_with_the_same_parameters(backend, name: str) -> None:
    contract = vars(TripleStore)[name]
    own = getattr(backend, name)
    assert isinstance(own, property) == isinstance(contract, property), name
    if not isinstance(contract, property):
        wanted = [p for p in inspect.signature(contract).parameters if p != "self"]
        given = list(inspect.signature(own).parameters)[1 : 1 + len(wanted)]
        assert given == wanted, (backend.__name__, name, given, wanted)


def test_an_embedded_store_is_a_triple_store(tmp_path) -> None:
    with Store(tmp_path / "store") as store:
        assert isinstance(store, TripleStore)
