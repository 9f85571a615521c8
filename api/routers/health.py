"""Health: does the service answer, and what does its store hold?"""

from fastapi import APIRouter

from zorgnet.api.deps import SettingsDep, StoreDep
from zorgnet.api.models import Health

__all__ = ["router"]

router = APIRouter(tags=["status"])


@router.get("/health", response_model=Health, summary="Status van de dienst")
def health(store: StoreDep, settings: SettingsDep) -> Health:
    """Whether the service and its store answer; the current version and triple count."""
    version = store.version
    return Health(
        status="in orde",
        version=str(version) if version is not None else None,
        triples=len(store),
        alleen_lezen=not settings.writable,
    )
