"""The route page: from a kind of actor (or an inhabitant) to a kind of help.

The form's choices are labels (the values stay ids, so a link can be shared); a name
typed in a link is accepted whatever its case, by id or label
(:mod:`zorgnet.graph.analyses.names`). Each route is told step by step in Dutch, with
who decides, the legal basis and the sources (:func:`referral_routes`), and drawn by the
route map of :mod:`zorgnet.viz` with the same question.
"""

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zorgnet.api.deps import GraphDep
from zorgnet.api.routers.page_changes import record_edit_notes
from zorgnet.api.routers.pages import Text, _page
from zorgnet.graph.analyses.names import actor_or_type_name, area_name, concept_name
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.ontology.exceptions import UnknownName, ZorgnetError
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label, vocabulary

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# Which form field an unknown name came from (UnknownName.what of the route question).
_FIELDS = {
    "actor of soort actor": "van",
    "soort hulp": "naar",
    "gemeente": "gemeente",
    "niveau": "niveau",
}


def _options(concept_class: str, notations: list[str]) -> list[tuple[str, str]]:
    """``(notation, label)`` pairs in the order of the labels."""
    pairs = [(n, concept_label(concept_class, n)) for n in notations]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


# The kinds of actor most questions start at, first in "Begin bij" (in this order).
COMMON_STARTS = (
    "huisarts",
    "school",
    "jeugdarts",
    "jeugdgezondheidszorg",
    "wijkteam",
    "buurtteam",
    "inwoner",
)


def _start_options(G: Any, chosen: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The common kinds of actor in the data (:data:`COMMON_STARTS`), then the other
    kinds in the order of their labels, with the actor *chosen* first when it is one."""
    present = {data["type"] for _, data in G.nodes(data=True) if data.get("type")}
    kinds = [t for t in vocabulary().notations(ZN.ActorType) if t in present]
    common = [(t, concept_label("ActorType", t)) for t in COMMON_STARTS if t in kinds]
    rest = _options("ActorType", [t for t in kinds if t not in COMMON_STARTS])
    if chosen in G and chosen not in present:
        rest.insert(0, (chosen, G.nodes[chosen]["label"]))
    return common, rest


def _start_label(G: Any, start: str) -> str:
    if start in vocabulary().notations(ZN.ActorType):
        return concept_label("ActorType", start)
    return G.nodes[start]["label"] if start in G else start


def _route_records(result: Any) -> list[tuple[str, str]]:
    """The actors, relations and mandates on the routes shown, for their edit notes."""
    records: list[tuple[str, str]] = []
    for found in [*result.routes, *result.without_decider]:
        for step in found.steps:
            records.append(("actors", step.actor))
            if step.relation:
                records.append(("relations", step.relation))
            records += [("mandates", m.mandate) for m in step.mandates]
    return records


@router.get("/route", response_class=HTMLResponse)
def route(
    request: Request,
    G: GraphDep,
    van: Text = None,
    naar: Text = None,
    gemeente: Text = None,
    niveau: Text = None,
) -> HTMLResponse:
    """The route form; with van and naar chosen, the routes as sentences and on the map."""
    start = actor_or_type_name(G, van) if van else ""
    help_kind = concept_name("HelpKind", naar) if naar else ""
    area = area_name(G, gemeente) if gemeente else ""
    level = concept_name("SupportLevel", niveau) if niveau else ""
    form = {"van": start, "naar": help_kind, "gemeente": area, "niveau": level}
    gemeenten = sorted(
        (a for a in G.graph["areas"].values() if a.type == "gemeente"), key=lambda a: a.label
    )
    context: dict[str, Any] = {
        "form": form,
        "starts": _start_options(G, start),
        "help_kinds": _options("HelpKind", vocabulary().notations(ZN.HelpKind)),
        "levels": _options("SupportLevel", vocabulary().notations(ZN.SupportLevel)),
        "gemeenten": [(a.id, a.label) for a in gemeenten],
        "result": None,
        "error": None,
        "error_field": None,
    }
    if start and help_kind:
        try:
            context["result"] = referral_routes(
                G, start, help_kind, gemeente=area or None, level=level or None
            )
        except ZorgnetError as exc:
            context["error"] = str(exc)
            if isinstance(exc, UnknownName):
                context["error_field"] = _FIELDS.get(exc.what)
        else:
            where = G.graph["areas"][area].label if area else ""
            context["question"] = {
                "start": _start_label(G, start),
                "help": concept_label("HelpKind", help_kind),
                "where": where,
            }
            map_query = {k: v for k, v in form.items() if v}
            context["map_url"] = "/api/maps/route?" + urlencode(map_query)
            context["notes"] = record_edit_notes(request, _route_records(context["result"]))
    return _page(request, "route.html", 422 if context["error"] else 200, **context)
