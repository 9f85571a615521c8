"""The shipped Gooi en Vechtstreek data passes every check, and its facts can be
traced to the seeds."""

import re
from pathlib import Path

import pytest
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


# Surnames and lone first names of the civil servants named in seeds 001 and 003
# (inventory §11); "Bor" and "Pool" are also Dutch words, so they are checked with
# their first names only.
PERSON_NAMES = (
    "eisses",
    "louisetta",
    "diliana",
    "strieker",
    "kraaiveld",
    "bolink",
    "furst",
    "maessen",
    "rikkert",
    "ramli",
    "zweers",
    "stitzinger",
    "voorden",
    "kleij",
    "kruijt",
    "hendriks",
    "geert-jan",
)


@pytest.mark.slow
def test_no_named_person_occurs_in_the_data_the_vocabularies_or_the_exports(shipped) -> None:
    from zorgnet.formats.rdf import RDF_FORMATS, serialize
    from zorgnet.ontology.files import vocabulary_graph

    texts = {p.name: p.read_text(encoding="utf-8") for p in SHIPPED_DATASET.iterdir()}
    texts["vocabularies"] = vocabulary_graph().serialize(format="turtle")
    for fmt in RDF_FORMATS:
        texts[f"export {fmt}"] = serialize(shipped.graph, fmt)
    for where, text in texts.items():
        lowered = text.lower()
        for name in PERSON_NAMES:
            assert not re.search(rf"\b{re.escape(name)}\b", lowered), (where, name)


def _projection(shipped):  # type: ignore[no-untyped-def]
    from zorgnet.graph.projection import project

    return project(shipped.graph)


GEMEENTEN = {"hilversum", "gooise-meren", "wijdemeren", "huizen", "blaricum", "eemnes", "laren"}


def test_the_region_has_seven_gemeenten_and_the_hbel_cluster_four_of_them(shipped) -> None:
    """003 §4 afspraak 2 (the seven gemeenten); 002 §3.3 (the HBEL cluster; its four
    members come from the glossary, a known issue)."""
    areas = _projection(shipped).graph["areas"]
    assert {a for a, area in areas.items() if area.type == "gemeente"} == GEMEENTEN
    assert {a for a, area in areas.items() if area.part_of == ("hbel",)} == {
        "huizen",
        "blaricum",
        "eemnes",
        "laren",
    }
    assert {a for a, area in areas.items() if area.type == "cluster"} == {"hbel"}


def test_counts_per_class_follow_from_the_seeds(shipped) -> None:
    """One gemeente actor per gemeente and one Regio (003 §4 afspraak 2); one buurtteams
    actor for Hilversum with the figure 9 (002 §3.1); one POH-jeugd actor each for
    Hilversum, Gooise Meren and the HBEL (002 §3.1-3.3); one wijkteam, Wijdemeren's
    (003 §4 afspraak 2); one doorbraakregisseur, the HBEL's (002 §3.3); one
    onderwijs-zorgconsulent (003 bijlage 3) and one group of inhabitants (003 bijlage 2)."""
    G = _projection(shipped)

    def of_type(actor_type: str) -> dict[str, tuple[str, ...]]:
        return {n: d["areas"] for n, d in G.nodes(data=True) if d.get("type") == actor_type}

    assert sorted(a for areas in of_type("gemeente").values() for a in areas) == sorted(GEMEENTEN)
    assert of_type("regio")["regio-gooi-en-vechtstreek"] == ("gooi-en-vechtstreek",)
    assert of_type("buurtteam") == {"buurtteams-hilversum": ("hilversum",)}
    nine = [
        f for f in G.graph["figures"] if f.about == ("buurtteams-hilversum",) and f.unit == "teams"
    ]
    assert [f.value for f in nine] == ["9"]
    poh = {n: areas for n, areas in of_type("poh-jeugd").items() if n != "poh-jeugd-ggz"}
    assert poh == {
        "hilversum-poh-jeugd": ("hilversum",),
        "gooise-meren-poh-jeugd": ("gooise-meren",),
        "hbel-poh-jeugd": ("hbel",),
    }
    assert of_type("wijkteam") == {"wijdemeren-wijkteam": ("wijdemeren",)}
    assert of_type("doorbraakregisseur") == {"hbel-doorbraakregisseur": ("hbel",)}
    # 003 bijlage 3 (regel 2404-2410): one new function, the onderwijs-zorgconsulent, in
    # the Rebound pilots; 003 bijlage 2: jeugdigen and ouders as one group, never persons.
    assert of_type("onderwijs-zorgconsulent") == {
        "onderwijs-zorgconsulent": ("gooi-en-vechtstreek",)
    }
    assert of_type("inwoner") == {"inwoners": ("gooi-en-vechtstreek",)}


def test_every_gemeente_has_one_indication_and_one_decision_mandate(shipped) -> None:
    """003 §4 afspraak 2 (regel 977-999): each gemeente indicates and decides through its
    own uitvoeringsdienst."""
    mandates = _projection(shipped).graph["mandates"]
    for power in ("indiceren", "beschikken"):
        holders = sorted(m.holder for m in mandates if m.power == power)
        assert holders == sorted(f"gemeente-{g}" for g in GEMEENTEN), power


def test_every_gemeente_and_the_cluster_has_six_arrangements(shipped) -> None:
    """Issue 3: local team, toegang, voorveld, POH-jeugd, school links and escalation, one
    record each, for the seven gemeenten and the HBEL."""
    arrangements = _projection(shipped).graph["arrangements"]
    for area in GEMEENTEN | {"hbel"}:
        aspects = sorted(a.aspect for a in arrangements if a.areas == (area,))
        assert aspects == sorted(
            ["lokaal-team", "toegang", "voorveld", "poh-jeugd", "schoolverbinding", "escalatie"]
        ), area


def _section_ranges_of_002() -> dict[str, tuple[int, int]]:
    """Line ranges of the numbered sections of seed 002 (1.1 to 3.5, and 3 as a whole)."""
    register, _ = read_register(SHIPPED_DATASET / "bronnen.yaml")
    lines = (SEEDS / register.files["002"]).read_text(encoding="utf-8").splitlines()
    starts = [
        (i + 1, m.group(1))
        for i, line in enumerate(lines)
        if (m := re.match(r"\s*(\d\.\d)\.\s", line))
    ]
    appendix = next(i + 1 for i, line in enumerate(lines) if line.strip().startswith("Bijlage:"))
    bounds = [*starts, (appendix, "end")]
    ranges = {number: (start, bounds[k + 1][0] - 1) for k, (start, number) in enumerate(starts)}
    ranges["3"] = (ranges["3.1"][0] - 2, appendix - 1)
    return ranges


def test_every_line_locator_into_seed_002_lies_inside_the_cited_section() -> None:
    """A citation "002 §3.1, regel 405" must point into §3.1. The files are read as text,
    so that each locator is checked exactly as written."""
    ranges = _section_ranges_of_002()
    checked = 0
    for path in SHIPPED_DATASET.glob("*.yaml"):
        for citation in re.findall(
            r"002 §([\d.]+), ([^\"'\]\n]*)", path.read_text(encoding="utf-8")
        ):
            number, locator = citation
            if "regel" not in locator or number not in ranges:
                continue
            first, last = ranges[number]
            for line in map(int, re.findall(r"\d+", locator.split("regel", 1)[1])):
                assert first <= line <= last, (path.name, number, locator, ranges[number])
                checked += 1
    assert checked > 50
