"""HSDS: the stored actors as an Open Referral HSDS 3.0 API reads them.

The read endpoints of the HSDS API description (``schema/openapi.json`` of HSDS 3.0)
for organizations and services: paged lists with the one-to-one fields of each entity,
and one entity in full. The entities are those of ``zorgnet export --format hsds``
(:func:`zorgnet.formats.hsds.hsds_directory`), made once per stored version.
"""

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from zorgnet.api.deps import StoreDep
from zorgnet.api.models import Error
from zorgnet.graph.contract import TripleStore

__all__ = ["router"]

router = APIRouter(prefix="/hsds", tags=["hsds"])

_PAGE_EXAMPLE = {
    "total_items": 1,
    "total_pages": 1,
    "page_number": 1,
    "size": 1,
    "first_page": True,
    "last_page": True,
    "empty": False,
    "contents": [{"id": "3f08935f-d80b-549a-8b62-9a1185aa87f9", "name": "huisarts"}],
}
PageNumber = Annotated[int, Query(ge=1, description="Het nummer van de pagina, vanaf 1.")]
PerPage = Annotated[
    int, Query(ge=1, le=1000, description="Het aantal organisaties of diensten per pagina.")
]


def _directory(request: Request, store: TripleStore) -> Any:
    """The HSDS entities of the store's current version, kept for that version by the app
    (each app its own, as its projections)."""
    from zorgnet.formats.hsds import hsds_directory

    version = store.version
    kept = getattr(request.app.state, "hsds", None)
    if kept is None or kept[0] != version:
        kept = (version, hsds_directory(store.snapshot()))
        request.app.state.hsds = kept
    return kept[1]


def _page(contents: list[dict[str, Any]], page: int, per_page: int) -> dict[str, Any]:
    from zorgnet.formats.hsds.writer import page as hsds_page

    return hsds_page(contents, page, per_page)


def _unknown(what: str, listing: str, hsds_id: str) -> HTTPException:
    return HTTPException(
        404,
        f"Onbekende {what}: {hsds_id!r}. Gebruik een id uit /hsds/{listing} "
        "(de id van HSDS, niet die van zorgnet).",
    )


@router.get(
    "/organizations",
    summary="Organisaties als HSDS 3.0-pagina",
    responses={200: {"content": {"application/json": {"example": _PAGE_EXAMPLE}}}},
)
def list_organizations(
    request: Request, store: StoreDep, page: PageNumber = 1, per_page: PerPage = 50
) -> dict[str, Any]:
    """A page of organizations with their one-to-one fields, as HSDS's
    ``GET /organizations``."""
    from zorgnet.formats.hsds.writer import organization_summary

    organizations = _directory(request, store).organizations
    return _page([organization_summary(o) for o in organizations], page, per_page)


@router.get(
    "/organizations/{organization_id}",
    summary="Eén organisatie met haar diensten, als HSDS 3.0",
    responses={404: {"model": Error}},
)
def get_organization(request: Request, store: StoreDep, organization_id: str) -> dict[str, Any]:
    """One organization in full, its services nested, as HSDS's
    ``GET /organizations/{id}``."""
    for organization in _directory(request, store).organizations:
        if organization["id"] == organization_id:
            return organization
    raise _unknown("organisatie", "organizations", organization_id)


@router.get(
    "/services",
    summary="Diensten als HSDS 3.0-pagina",
    responses={200: {"content": {"application/json": {"example": _PAGE_EXAMPLE}}}},
)
def list_services(
    request: Request,
    store: StoreDep,
    page: PageNumber = 1,
    per_page: PerPage = 50,
    organization_id: Annotated[
        str | None, Query(description="Alleen de diensten van deze organisatie (HSDS-id).")
    ] = None,
) -> dict[str, Any]:
    """A page of services with their one-to-one fields, as HSDS's ``GET /services``."""
    from zorgnet.formats.hsds.writer import service_summary

    services = _directory(request, store).services
    if organization_id is not None:
        services = [s for s in services if s["organization_id"] == organization_id]
    return _page([service_summary(s) for s in services], page, per_page)


@router.get(
    "/services/{service_id}",
    summary="Eén dienst als HSDS 3.0",
    responses={404: {"model": Error}},
)
def get_service(request: Request, store: StoreDep, service_id: str) -> dict[str, Any]:
    """One service in full, with its organization's one-to-one fields, as HSDS's
    ``GET /services/{id}``."""
    for service in _directory(request, store).services:
        if service["id"] == service_id:
            return service
    raise _unknown("dienst", "services", service_id)
