"""Linked data: the IRIs of zorgnet answer in the app, by content negotiation.

- ``/id/{kind}/{id}`` (and a record's citations, ``/id/{kind}/{id}/bron/{n}``): the
  record. A browser (``text/html``) gets a 303 to the Dutch page that shows it; an RDF
  client gets the record's triples and those of its citations as Turtle, JSON-LD or
  N-Triples, with a ``Link`` to that page.
- ``/def``: the ontology, and a Dutch page with an anchor per term, so that
  ``/def#Actor`` (the fragment stays in the browser) opens at the term.
- ``/vocab/{scheme}`` and ``/vocab/{scheme}/{concept}``: a SKOS concept scheme with
  its concepts, or one concept; a browser is sent to its place on the page of ``/def``.
- ``/context.jsonld``: the JSON-LD context of the exports.

An IRI ``https://w3id.org/zorgnet/<path>`` is this app's ``/<path>`` once w3id.org
redirects there. Every answer goes through :mod:`zorgnet.api.negotiation`: q-values,
a Dutch 406, ``Vary: Accept``, an ETag (the store's version for records, the
package's files for the ontology).
"""

import hashlib
import json
from functools import cache
from urllib.parse import quote

import networkx as nx
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Node

from zorgnet.api.citations import page_href
from zorgnet.api.deps import GraphDep, StoreDep
from zorgnet.api.negotiation import Offer, choose, negotiated, negotiates_itself
from zorgnet.formats.rdf import MEDIA_TYPES, serialize
from zorgnet.graph.analyses.sources import record_reference
from zorgnet.ontology.context import context_document
from zorgnet.ontology.files import ontology_graph, vocabulary_graph
from zorgnet.ontology.namespace import ID, VOCAB, ZN

__all__ = ["page_of", "record_graph", "router"]

router = APIRouter(tags=["linked data"])

RDF_OFFERS = (
    Offer("turtle", "text/turtle", "Turtle", MEDIA_TYPES["turtle"]),
    Offer("jsonld", "application/ld+json", "JSON-LD"),
    Offer("ntriples", "application/n-triples", "N-Triples"),
)
# RDF first: a client that accepts anything (curl) gets Turtle; a browser asks for HTML.
OFFERS = (*RDF_OFFERS, Offer("html", "text/html", "webpagina (HTML)", "text/html; charset=utf-8"))
CONTEXT_OFFERS = (
    Offer("jsonld", "application/ld+json", "JSON-LD"),
    Offer("json", "application/json", "JSON"),
)
_RDF_RESPONSES = {
    200: {"content": {o.media: {} for o in RDF_OFFERS}},
    303: {"description": "Naar de webpagina (voor Accept: text/html)"},
    304: {"description": "Niet veranderd sinds de ETag in If-None-Match"},
    404: {"description": "Onbekend adres"},
    406: {"description": "Dit formaat kan niet worden geleverd"},
}
_CITATION = "/bron/"


def record_graph(graph: Graph, iri: URIRef) -> Graph:
    """The triples about *iri* and about each of its citations."""
    out = Graph()
    for p, o in graph.predicate_objects(iri):
        out.add((iri, p, o))
        if p == ZN.citation:
            for cp, co in graph.predicate_objects(o):
                out.add((o, cp, co))
    return out


def _kind_and_id(path: str) -> tuple[str, str]:
    """``("actor", "huisarts")`` of ``actor/huisarts`` or ``actor/huisarts/bron/1``."""
    record = path.split(_CITATION, 1)[0]
    kind, _, rid = record.partition("/")
    return kind, rid


def page_of(G: nx.MultiDiGraph, path: str) -> str | None:
    """The Dutch page that shows the record at ``/id/{path}``, or None when none does."""
    kind, rid = _kind_and_id(path)
    if kind == "source":
        return f"/bronnen/{quote(rid, safe='')}"
    summary = G.graph["records"].get(rid)
    if summary is None or summary.iri != f"{ID}{kind}/{rid}":
        # Not a record of the projection's index: a relation is an edge of it.
        relation = next((u for u, _, key in G.edges(keys=True) if key == rid), None)
        return None if relation is None else f"/actoren/{quote(relation, safe='')}"
    reference = record_reference(G, rid)
    href = page_href(reference.page) if reference is not None else None
    if href is not None:
        return href
    cited = summary.sources[0].split(" ", 1)[0] if summary.sources else None
    # A record no page shows (a figure, a shortage): its source document's page lists it.
    return f"/bronnen/{quote(cited, safe='')}" if cited else None


def _wanted(request: Request) -> Offer:
    """The offer that ``?format=`` names (for a link in a page), or else ``Accept``'s."""
    named = request.query_params.get("format")
    chosen = next((o for o in RDF_OFFERS if o.name == named), None)
    return chosen or choose(request.headers.get("accept"), OFFERS)


def _html_refused(offers: tuple[Offer, ...], what: str) -> HTTPException:
    given = ", ".join(f"{o.label} ({o.media})" for o in offers)
    return HTTPException(406, detail=f"Voor {what} is er geen webpagina. Kies uit: {given}.")


@router.get(
    "/id/{path:path}",
    response_class=Response,
    responses=_RDF_RESPONSES,
    summary="Een record als linked data",
)
@negotiates_itself
def record(path: str, request: Request, G: GraphDep, store: StoreDep) -> Response:
    """The record at ``https://w3id.org/zorgnet/id/{path}``: a 303 to its page for a
    browser, its triples and those of its citations for an RDF client."""
    iri = URIRef(ID + path)
    graph = store.graph()
    if (iri, None, None) not in graph:
        raise HTTPException(
            404,
            detail=f"Er is geen record met het adres {iri}. Controleer het adres, of zoek "
            "het record op naam op de startpagina.",
        )
    offer = _wanted(request)
    page = page_of(G, path)
    if offer.name == "html":
        if page is None:
            raise _html_refused(RDF_OFFERS, "dit record")
        return RedirectResponse(page, status_code=303, headers={"Vary": "Accept"})
    headers = {"Link": f'<{page}>; rel="alternate"; type="text/html"'} if page else {}
    return negotiated(
        request,
        offer,
        store.version,
        lambda: serialize(record_graph(graph, iri), offer.name),
        headers=headers,
    )


@cache
def _schema_version() -> str:
    """What the ETag of the ontology and vocabularies is made from: their own triples."""
    text = serialize(ontology_graph(), "ntriples") + serialize(vocabulary_graph(), "ntriples")
    return hashlib.sha256(text.encode()).hexdigest()


def _label(graph: Graph, term: Node, predicate: URIRef = RDFS.label) -> str:
    labels = {getattr(o, "language", None): str(o) for o in graph.objects(term, predicate)}
    return labels.get("nl") or labels.get(None) or next(iter(labels.values()), "")


def _terms(graph: Graph, kind: URIRef) -> list[dict[str, str]]:
    terms = [
        {
            "id": str(term).rsplit("#", 1)[-1],
            "iri": str(term),
            "label": _label(graph, term),
            "definition": _label(graph, term, SKOS.definition),
        }
        for term in graph.subjects(RDF.type, kind)
        if str(term).startswith(str(ZN))
    ]
    return sorted(terms, key=lambda t: t["label"].casefold())


def _anchor(iri: str) -> str:
    """The id on the page of ``/def`` of a scheme or concept IRI (``vocab-levels-licht``)."""
    return "vocab-" + iri[len(str(VOCAB)) :].replace("/", "-")


def _schemes(graph: Graph) -> list[dict[str, object]]:
    schemes = []
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        concepts = [
            {
                "anchor": _anchor(str(c)),
                "iri": str(c),
                "label": _label(graph, c, SKOS.prefLabel),
                "notation": str(graph.value(c, SKOS.notation) or ""),
                "definition": _label(graph, c, SKOS.definition),
            }
            for c in graph.subjects(SKOS.inScheme, scheme)
        ]
        schemes.append(
            {
                "anchor": _anchor(str(scheme)),
                "iri": str(scheme),
                "label": _label(graph, scheme, SKOS.prefLabel),
                "definition": _label(graph, scheme, SKOS.definition),
                "concepts": sorted(concepts, key=lambda c: str(c["label"]).casefold()),
            }
        )
    return sorted(schemes, key=lambda s: str(s["label"]).casefold())


def _ontology_page(request: Request) -> Response:
    from zorgnet.api.routers.pages import _page as page

    ontology, vocabularies = ontology_graph(), vocabulary_graph()
    sections = (
        ("klassen", "Klassen", _terms(ontology, OWL.Class)),
        ("relaties", "Relaties tussen dingen", _terms(ontology, OWL.ObjectProperty)),
        ("gegevens", "Gegevens bij een ding", _terms(ontology, OWL.DatatypeProperty)),
    )
    response = page(request, "ontology.html", sections=sections, schemes=_schemes(vocabularies))
    response.headers["Vary"] = "Accept"
    return response


@router.get("/def", response_class=Response, responses=_RDF_RESPONSES, summary="De ontologie")
@negotiates_itself
def ontology(request: Request) -> Response:
    """The ontology (``https://w3id.org/zorgnet/def``): as RDF, or a Dutch page with an
    anchor per term (``/def#Actor``) and the vocabularies."""
    offer = _wanted(request)
    if offer.name == "html":
        return _ontology_page(request)
    return negotiated(
        request, offer, _schema_version(), lambda: serialize(ontology_graph(), offer.name)
    )


def _concept_graph(iri: URIRef) -> Graph:
    """A concept with its triples, or a scheme with its concepts and theirs."""
    vocabularies = vocabulary_graph()
    out = Graph()
    members = [iri, *vocabularies.subjects(SKOS.inScheme, iri)]
    for subject in members:
        for p, o in vocabularies.predicate_objects(subject):
            out.add((subject, p, o))
    return out


@router.get(
    "/vocab/{path:path}",
    response_class=Response,
    responses=_RDF_RESPONSES,
    summary="Een vocabulaire of begrip",
)
@negotiates_itself
def vocabulary(path: str, request: Request) -> Response:
    """A SKOS concept scheme with its concepts, or one concept, by its IRI."""
    iri = URIRef(VOCAB + path)
    if (iri, None, None) not in vocabulary_graph():
        raise HTTPException(
            404,
            detail=f"Er is geen vocabulaire of begrip met het adres {iri}. De vocabulaires "
            "staan op /def#vocabulaires.",
        )
    offer = _wanted(request)
    if offer.name == "html":
        return RedirectResponse(f"/def#{_anchor(str(iri))}", 303, headers={"Vary": "Accept"})
    return negotiated(
        request, offer, _schema_version(), lambda: serialize(_concept_graph(iri), offer.name)
    )


@router.get(
    "/context.jsonld",
    summary="De JSON-LD-context",
    responses={
        200: {"content": {"application/ld+json": {}}},
        304: _RDF_RESPONSES[304],
        406: _RDF_RESPONSES[406],
    },
)
@negotiates_itself
def context(request: Request) -> Response:
    """The JSON-LD ``@context`` that the JSON-LD exports and answers use."""
    offer = choose(request.headers.get("accept"), CONTEXT_OFFERS)
    text = json.dumps(context_document(), ensure_ascii=False, indent=2) + "\n"
    return negotiated(request, offer, hashlib.sha256(text.encode()).hexdigest(), lambda: text)
