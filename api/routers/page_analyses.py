"""The analysis pages: ``/hiaten``, ``/overlap`` and ``/mandaten`` (bevoegdheden).

Each page is a GET form of labelled dropdowns (their options show labels and send ids)
over one library function, which does the filtering; the page only formats. A filtered
view is a link that can be shared: the form's empty fields are left out of the URL, and
a value is accepted by id or by label in any case ("Wijdemeren" = ``wijdemeren``).
"""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from zorgnet.api.deps import GraphDep
from zorgnet.api.routers.pages import Text, _gemeenten, _page
from zorgnet.graph.analyses.gaps import STATE_MEANINGS, gap_signals
from zorgnet.graph.analyses.mandates import mandate_statements
from zorgnet.graph.analyses.overlaps import KIND_MEANINGS, overlaps_in
from zorgnet.ontology.exceptions import UnknownName, ZorgnetError
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label, vocabulary

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# The filter an UnknownName is about (its ``what``) → the field of the form.
_FIELDS = {
    "gemeente": "gemeente",
    "soort hulp": "soort",
    "niveau": "niveau",
    "toestand": "toestand",
}


def _canonical(request: Request) -> RedirectResponse | None:
    """The same page without the form's empty fields, if it has any.

    A GET form sends every field, also those left at "alle"; without them the link
    in the address bar says only what was chosen, and can be shared as it is.
    """
    items = request.query_params.multi_items()
    if all(value for _, value in items):
        return None
    kept = [(key, value) for key, value in items if value]
    url = request.url.path + (f"?{urlencode(kept)}" if kept else "")
    return RedirectResponse(url, status_code=303)


def _options(concept_class: str) -> list[tuple[str, str]]:
    """(notation, Dutch label) of every value of a vocabulary, in its order."""
    return [
        (notation, concept_label(concept_class, notation))
        for notation in vocabulary().notations(ZN[concept_class])
    ]


def _errors(exc: ZorgnetError) -> dict[str, str]:
    """The Dutch message of *exc* under the form field it is about."""
    field = _FIELDS.get(exc.what, "gemeente") if isinstance(exc, UnknownName) else "gemeente"
    return {field: str(exc)}


@router.get("/hiaten", response_class=Response)
def gaps(
    request: Request,
    G: GraphDep,
    gemeente: Text = None,
    soort: Text = None,
    niveau: Text = None,
    toestand: Text = None,
) -> Response:
    """Where help is missing, short, only a pilot or not described, and why."""
    if redirect := _canonical(request):
        return redirect
    form = {"gemeente": gemeente, "soort": soort, "niveau": niveau, "toestand": toestand}
    context = {
        "gemeenten": [(a.id, a.label) for a in _gemeenten(G)],
        "help_kinds": _options("HelpKind"),
        "levels": _options("SupportLevel"),
        # 'aanwezig' is no gap: offered so that a reader can see where help is, and said so.
        "states": [
            (state, f"{label} (geen hiaat)" if state == "aanwezig" else label)
            for state, (label, _) in STATE_MEANINGS.items()
        ],
        "meanings": STATE_MEANINGS,
    }
    try:
        result = gap_signals(G, gemeente=gemeente, help_kind=soort, level=niveau, state=toestand)
    except ZorgnetError as exc:
        return _page(
            request, "gaps.html", 422, result=None, form=form, errors=_errors(exc), **context
        )
    chosen = {
        "gemeente": result.gemeente,
        "soort": result.help_kind,
        "niveau": result.level,
        "toestand": result.state,
    }
    # The same choice in each state, as links beside the counts.
    others = [(k, v) for k, v in chosen.items() if v and k != "toestand"]
    state_urls = {s: f"/hiaten?{urlencode([*others, ('toestand', s)])}" for s in STATE_MEANINGS}
    return _page(
        request,
        "gaps.html",
        result=result,
        form=chosen,
        errors={},
        state_urls=state_urls,
        **context,
    )


@router.get("/overlap", response_class=Response)
def overlap(request: Request, G: GraphDep, gemeente: Text = None) -> Response:
    """Who does the same thing for the same gemeente, and whether that is meant so."""
    if redirect := _canonical(request):
        return redirect
    context = {"gemeenten": [(a.id, a.label) for a in _gemeenten(G)], "meanings": KIND_MEANINGS}
    try:
        result = overlaps_in(G, gemeente)
    except ZorgnetError as exc:
        form = {"gemeente": gemeente}
        return _page(
            request, "overlaps.html", 422, result=None, form=form, errors=_errors(exc), **context
        )
    form = {"gemeente": result.gemeente}
    return _page(request, "overlaps.html", result=result, form=form, errors={}, **context)


@router.get("/mandaten", response_class=Response)
def mandates(request: Request, G: GraphDep, gemeente: Text = None, soort: Text = None) -> Response:
    """Who may refer, decide, direct or break through, in sentences, per gemeente."""
    if redirect := _canonical(request):
        return redirect
    context = {
        "gemeenten": [(a.id, a.label) for a in _gemeenten(G)],
        "help_kinds": _options("HelpKind"),
    }
    try:
        result = mandate_statements(G, gemeente=gemeente, help_kind=soort)
    except ZorgnetError as exc:
        form = {"gemeente": gemeente, "soort": soort}
        return _page(
            request, "mandates.html", 422, result=None, form=form, errors=_errors(exc), **context
        )
    form = {"gemeente": result.gemeente, "soort": result.help_kind}
    return _page(request, "mandates.html", result=result, form=form, errors={}, **context)
