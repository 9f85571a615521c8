"""Known issues: the contradictions and vague spots of the sources, after loading too.

``zorgnet load`` and ``zorgnet check`` print them as warnings; this gives the same
records back from the store, each with every reading and its sources.
"""

from fastapi import APIRouter

from zorgnet.api.deps import GraphDep
from zorgnet.api.models import IssueOut
from zorgnet.graph.analyses.facts import known_issues

__all__ = ["router"]

router = APIRouter(prefix="/api/issues", tags=["bronnen"])


@router.get("", response_model=list[IssueOut], summary="Bekende kwesties in de bronnen")
def list_issues(G: GraphDep) -> list[IssueOut]:
    """Every known contradiction or vague spot in the sources, with its readings."""
    return [IssueOut.model_validate(issue) for issue in known_issues(G)]
