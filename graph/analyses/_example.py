"""A tiny care network for the doctests: one gemeente, nine actors.

It is built in code (not read from YAML) so that the doctests do not depend on the
shipped dataset, which grows. The network::

    huisarts --verwijst (geindiceerd, jeugd-ggz)--> ggz-aanbieder
    huisarts --consulteert--> poh-jeugd --draagt-over--> buurtteam
    buurtteam --verwijst--> gemeente-hilversum --verwijst (geindiceerd)--> ggz-aanbieder
    buurtteam --escaleert--> doorbraaktafel
    buurtteam --rapporteert-aan--> doorbraakregisseur --draagt-over--> gezinsregisseur
    school --verwijst (reported practice: via the parents)--> huisarts
    buurtteam ==kern==> poh-jeugd, ==verbonden==> huisarts, ==buiten==> school

The buurtteam is Hilversum's toegang (an arrangement). Beside them: a figure about
the buurtteam, a known issue about that figure, and a shortage of crisishulp in the
region.
"""

from functools import cache

import networkx as nx
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SDO

from zorgnet.ontology.namespace import ID, VOCAB, ZN

__all__ = ["example_graph", "example_projection"]

_SECTION = ID["source/003/4"]


def _cite(g: Graph, subject: URIRef, year: int = 2021) -> None:
    citation = URIRef(f"{subject}/bron/1")
    g.add((subject, ZN.citation, citation))
    g.add((citation, RDF.type, ZN.Citation))
    g.add((citation, ZN.section, _SECTION))
    g.add((subject, ZN.asOf, Literal(str(year), datatype=XSD.gYear)))


def _record(g: Graph, prefix: str, rid: str, cls: URIRef, **values: object) -> URIRef:
    subject = ID[f"{prefix}/{rid}"]
    g.add((subject, RDF.type, ZN.Record))
    g.add((subject, RDF.type, cls))
    _cite(g, subject, int(str(values.pop("year", 2021))))
    for key, value in values.items():
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            predicate, obj = _term(key, item)
            g.add((subject, predicate, obj))
    return subject


_VOCABS = {
    "type": ("actortypes", ZN.actorType),
    "scale": ("scales", ZN.scale),
    "domain": ("domains", ZN.domain),
    "level": ("levels", ZN.level),
    "access": ("access", ZN.access),
    "offers": ("helpkinds", ZN.offers),
    "helpKind": ("helpkinds", ZN.helpKind),
    "kind": ("relationkinds", ZN.relationKind),
    "power": ("powers", ZN.power),
    "legalBasis": ("legalbases", ZN.legalBasis),
    "status": ("statuses", ZN.status),
    "membershipStatus": ("membershipstatuses", ZN.membershipStatus),
    "areaType": ("areatypes", ZN.areaType),
    "aspect": ("aspects", ZN.aspect),
}
_REFS = {
    "area": ("area", ZN.area),
    "partOfArea": ("area", DCTERMS.isPartOf),
    "partOf": ("actor", DCTERMS.isPartOf),
    "from": ("actor", ZN["from"]),
    "to": ("actor", ZN.to),
    "holder": ("actor", ZN.holder),
    "team": ("actor", ZN.networkTeam),
    "member": ("actor", ZN.networkMember),
}


_TEXTS = {
    "label": SKOS.prefLabel,
    "description": DCTERMS.description,
    "measure": ZN.measure,
    "reading": ZN.reading,
}


def _term(key: str, item: object) -> tuple[URIRef, URIRef | Literal]:
    if key in _TEXTS:
        return _TEXTS[key], Literal(str(item), lang="nl")
    if key == "value":
        return SDO.value, Literal(str(item), datatype=XSD.decimal)
    if key == "about":
        return ZN.subject, ID[str(item)]
    if key in _VOCABS:
        scheme, predicate = _VOCABS[key]
        return predicate, VOCAB[f"{scheme}/{item}"]
    prefix, predicate = _REFS[key]
    return predicate, ID[f"{prefix}/{item}"]


def example_graph() -> Graph:
    """The example network as RDF, as the loader would build it from YAML: a copy of its
    own, so that a caller may change it without changing anyone else's."""
    copy = Graph()
    copy += _example_graph()
    return copy


@cache
def _example_graph() -> Graph:
    g = Graph()
    g.add((_SECTION, ZN.sectionNumber, Literal("4")))
    g.add((_SECTION, DCTERMS.isPartOf, ID["source/003"]))
    _record(
        g, "area", "gooi-en-vechtstreek", ZN.Area, label="Gooi en Vechtstreek", areaType="regio"
    )
    _record(
        g,
        "area",
        "hilversum",
        ZN.Area,
        label="Hilversum",
        areaType="gemeente",
        partOfArea="gooi-en-vechtstreek",
    )
    _record(
        g,
        "area",
        "hilversum-oost",
        ZN.Area,
        label="Hilversum Oost",
        areaType="wijk",
        partOfArea="hilversum",
    )
    _record(
        g,
        "area",
        "huizen",
        ZN.Area,
        label="Huizen",
        areaType="gemeente",
        partOfArea="gooi-en-vechtstreek",
    )
    actors = [
        ("huisarts", "huisarts", ZN.Role, "lokaal", "gooi-en-vechtstreek", {}),
        (
            "poh-jeugd",
            "poh-jeugd",
            ZN.Role,
            "lokaal",
            "hilversum",
            {"offers": "lichte-begeleiding", "access": "voorveld", "status": "pilot"},
        ),
        (
            "buurtteam",
            "buurtteam",
            ZN.Team,
            "lokaal",
            "hilversum-oost",
            {"offers": ["basishulp", "ambulante-begeleiding"], "access": "voorveld"},
        ),
        ("gemeente-hilversum", "gemeente", ZN.Organisation, "lokaal", "hilversum", {}),
        (
            "ggz-aanbieder",
            "jeugdhulpaanbieder",
            ZN.ProviderCategory,
            "regionaal",
            "gooi-en-vechtstreek",
            {"offers": "jeugd-ggz", "access": "geindiceerd"},
        ),
        (
            "doorbraaktafel",
            "doorbraaktafel",
            ZN.ConsultationTable,
            "regionaal",
            "gooi-en-vechtstreek",
            {},
        ),
        ("school", "school", ZN.Organisation, "lokaal", "hilversum", {}),
    ]
    for rid, kind, cls, scale, area, extra in actors:
        _record(
            g,
            "actor",
            rid,
            cls,
            label=rid.replace("-", " "),
            type=kind,
            scale=scale,
            area=area,
            domain="jeugd",
            **extra,
        )
        g.add((ID[f"actor/{rid}"], RDF.type, ZN.Actor))
    relations = [
        (
            "huisarts-verwijst-ggz",
            "huisarts",
            "ggz-aanbieder",
            "verwijst",
            {"access": "geindiceerd", "helpKind": "jeugd-ggz"},
        ),
        ("huisarts-consulteert-poh", "huisarts", "poh-jeugd", "consulteert", {}),
        ("poh-draagt-over-buurtteam", "poh-jeugd", "buurtteam", "draagt-over", {"year": 2025}),
        ("buurtteam-verwijst-gemeente", "buurtteam", "gemeente-hilversum", "verwijst", {}),
        (
            "gemeente-verwijst-ggz",
            "gemeente-hilversum",
            "ggz-aanbieder",
            "verwijst",
            {"access": "geindiceerd", "area": "hilversum"},
        ),
        ("buurtteam-escaleert-doorbraaktafel", "buurtteam", "doorbraaktafel", "escaleert", {}),
        ("school-meldt-buurtteam", "school", "buurtteam", "meldt", {}),
        (
            "school-via-ouder-huisarts",
            "school",
            "huisarts",
            "verwijst",
            {"status": "gemelde-praktijk"},
        ),
    ]
    for rid, source, target, kind, extra in relations:
        _record(
            g,
            "relation",
            rid,
            ZN.Relation,
            **{"from": source, "to": target, "kind": kind, "domain": "jeugd", **extra},
        )
    for rid, holder, power, basis in [
        ("huisarts-verwijzen", "huisarts", "verwijzen", "jeugdwet"),
        ("gemeente-beschikken", "gemeente-hilversum", "beschikken", "jeugdwet"),
        ("poh-verwijzen", "poh-jeugd", "verwijzen", "jeugdwet"),
    ]:
        _record(
            g,
            "mandate",
            rid,
            ZN.Mandate,
            holder=holder,
            power=power,
            legalBasis=basis,
            area="hilversum" if holder != "huisarts" else "gooi-en-vechtstreek",
            domain="jeugd",
        )
    for rid, member, status in [
        ("bt-poh", "poh-jeugd", "kern"),
        ("bt-huisarts", "huisarts", "verbonden"),
        ("bt-school", "school", "buiten"),
    ]:
        _record(
            g,
            "membership",
            rid,
            ZN.Membership,
            team="buurtteam",
            member=member,
            membershipStatus=status,
        )
    _record(
        g,
        "arrangement",
        "hilversum-toegang",
        ZN.Arrangement,
        area="hilversum",
        aspect="toegang",
        status="bestaand",
        about="actor/buurtteam",
    )
    _record(
        g,
        "figure",
        "buurtteam-gezinnen",
        ZN.Figure,
        measure="gezinnen geholpen",
        value=120,
        about="actor/buurtteam",
        area="hilversum",
    )
    _record(
        g,
        "issue",
        "kwestie-gezinnen",
        ZN.KnownIssue,
        label="Telling onduidelijk",
        description="De bron zegt niet of het om gezinnen of kinderen gaat.",
        reading=["120 gezinnen", "120 kinderen"],
        about="figure/buurtteam-gezinnen",
    )
    _record(
        g,
        "shortage",
        "tekort-crisisplekken",
        ZN.Shortage,
        label="Te weinig crisisplekken",
        description="Wachttijd voor crisisopvang.",
        helpKind="crisishulp",
        area="gooi-en-vechtstreek",
    )
    _ladder_overlap_and_snapshot_records(g)
    return g


def _ladder_overlap_and_snapshot_records(g: Graph) -> None:
    """The records of the mandates, overlaps and snapshots doctests.

    A doorbraakregisseur of the gemeente Hilversum with a doorbraak mandate, to whom the
    buurtteam reports and who hands cases over to a gezinsregisseur; both hold
    procesregie in Hilversum. Hilversum's escalation arrangement of 2021 and the one
    that followed it in 2025, and a pilot arrangement that ended in 2025. Neither
    regisseur is on a referral route.
    """
    for rid, kind, extra in [
        ("doorbraakregisseur", "doorbraakregisseur", {"partOf": "gemeente-hilversum"}),
        ("gezinsregisseur", "gezinsregisseur", {}),
    ]:
        _record(
            g,
            "actor",
            rid,
            ZN.Role,
            label=rid,
            type=kind,
            scale="lokaal",
            area="hilversum",
            domain="jeugd",
            **extra,
        )
        g.add((ID[f"actor/{rid}"], RDF.type, ZN.Actor))
    for rid, source, target, kind in [
        (
            "buurtteam-rapporteert-aan-regisseur",
            "buurtteam",
            "doorbraakregisseur",
            "rapporteert-aan",
        ),
        (
            "regisseur-onderdeel-van-gemeente",
            "doorbraakregisseur",
            "gemeente-hilversum",
            "is-onderdeel-van",
        ),
        (
            "regisseur-draagt-over-gezinsregisseur",
            "doorbraakregisseur",
            "gezinsregisseur",
            "draagt-over",
        ),
    ]:
        _record(
            g,
            "relation",
            rid,
            ZN.Relation,
            **{"from": source, "to": target, "kind": kind, "domain": "jeugd"},
        )
    for rid, holder, power, description in [
        ("regisseur-doorbraak", "doorbraakregisseur", "doorbraak", "Voor casussen die vastlopen."),
        (
            "regisseur-procesregie",
            "doorbraakregisseur",
            "procesregie",
            "Voert regie op het proces van de hulp aan een gezin.",
        ),
        (
            "gezinsregisseur-procesregie",
            "gezinsregisseur",
            "procesregie",
            "Voert regie op het proces van de hulp aan een gezin.",
        ),
    ]:
        _record(
            g,
            "mandate",
            rid,
            ZN.Mandate,
            holder=holder,
            power=power,
            area="hilversum",
            domain="jeugd",
            description=description,
        )
    for rid, status, about, description, year in [
        (
            "hilversum-escalatie-2021",
            "bestaand",
            [],
            "Vastgelopen casussen gaan naar de doorbraaktafel.",
            2021,
        ),
        (
            "hilversum-escalatie",
            "bestaand",
            ["actor/doorbraakregisseur"],
            "Vastgelopen casussen gaan ook naar de doorbraakregisseur.",
            2025,
        ),
        (
            "hilversum-poh-pilot",
            "beeindigd",
            ["actor/poh-jeugd"],
            "De pilot met de POH-jeugd is gestopt.",
            2025,
        ),
    ]:
        _record(
            g,
            "arrangement",
            rid,
            ZN.Arrangement,
            area="hilversum",
            aspect="poh-jeugd" if rid.endswith("pilot") else "escalatie",
            status=status,
            about=about,
            description=description,
            year=year,
        )


def example_projection() -> nx.MultiDiGraph:
    """The projection of :func:`example_graph`."""
    from zorgnet.graph.projection import project

    return project(example_graph())
