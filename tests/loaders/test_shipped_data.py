"""The shipped Gooi en Vechtstreek data passes every check, and its facts can be
traced to the seeds."""

import re
from pathlib import Path

from rdflib import RDF, Graph

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders.sources import read_register
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_the_shipped_data_loads_with_zero_violations(shipped) -> None:
    assert shipped.report.errors == []
    assert shipped.record_count > 50


def test_every_record_cites_a_section(shipped) -> None:
    graph: Graph = shipped.graph
    for record in graph.subjects(RDF.type, ZN.Record):
        citations = list(graph.objects(record, ZN.citation))
        assert citations, record
        for citation in citations:
            assert graph.value(citation, ZN.section) is not None


def test_every_record_has_a_situation_year(shipped) -> None:
    for record in shipped.graph.subjects(RDF.type, ZN.Record):
        assert shipped.graph.value(record, ZN.asOf) is not None, record


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_every_cited_seed_file_and_section_heading_exists_in_the_seeds() -> None:
    register, problems = read_register(SHIPPED_DATASET / "bronnen.yaml")
    assert problems == []
    for (seed, number), title in register.titles.items():
        text = _normalise((SEEDS / register.files[seed]).read_text(encoding="utf-8"))
        assert _normalise(title) in text, (seed, number, title)


def test_which_legal_referrers_give_access_to_contracted_youth_care(shipped) -> None:
    """003 §4, afspraak 2: gemeente, huisarts, medisch specialist, jeugdarts, GI,
    Veilig Thuis and rechter are the seven legal referrers."""
    graph = shipped.graph
    kinds = set()
    for mandate in graph.subjects(RDF.type, ZN.Mandate):
        if vocabulary().opens_contracted_care(graph.value(mandate, ZN.power)):
            holder = graph.value(mandate, ZN.holder)
            kinds.add(str(graph.value(holder, ZN.actorType)).rsplit("/", 1)[-1])
    assert kinds == {
        "gemeente",
        "huisarts",
        "medisch-specialist",
        "jeugdarts",
        "gecertificeerde-instelling",
        "veilig-thuis",
        "rechter",
    }


def test_who_may_deploy_urgent_care(shipped) -> None:
    """003 §4, afspraak 2: Veilig Thuis may deploy urgent care (spoedeisende hulp)."""
    graph = shipped.graph
    urgent = vocabulary().concept(ZN.Power, "spoedeisende-hulp-inzetten")
    holders = {graph.value(m, ZN.holder) for m in graph.subjects(ZN.power, urgent)}
    assert {str(h).rsplit("/", 1)[-1] for h in holders} == {"veilig-thuis"}


def test_no_named_private_person_from_seed_001_occurs_in_the_data() -> None:
    names = ["eisses", "strieker", "kraaiveld", "bolink", "maessen", "stitzinger", "kruijt", "pool"]
    for path in SHIPPED_DATASET.iterdir():
        text = path.read_text(encoding="utf-8").lower()
        for name in names:
            assert not re.search(rf"\b{name}\b", text), (path.name, name)
