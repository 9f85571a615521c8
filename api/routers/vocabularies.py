"""Vocabularies: the SKOS value lists with their Dutch labels."""

import difflib

from fastapi import APIRouter
from rdflib import SKOS

from zorgnet.api.models import Concept, Error, VocabularyOut
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.files import ontology_graph
from zorgnet.ontology.vocabulary import label_of, vocabulary

__all__ = ["router", "vocabularies"]

router = APIRouter(prefix="/api/vocabularies", tags=["vocabulaires"])


def vocabularies() -> dict[str, VocabularyOut]:
    """Every vocabulary by the local name of its concept class (``HelpKind`` ...)."""
    vocab = vocabulary()
    out = {}
    for cls, concepts in sorted(vocab.by_class.items()):
        name = str(cls).rsplit("#", 1)[-1]
        out[name] = VocabularyOut(
            name=name,
            label=label_of(ontology_graph(), cls),
            concepts=[
                Concept(notation=n, label=vocab.label(c))
                for n, c in sorted(concepts.items())
                if (c, SKOS.notation, None) in vocab.graph
            ],
        )
    return out


@router.get("", response_model=list[VocabularyOut], summary="Alle vocabulaires")
def list_vocabularies() -> list[VocabularyOut]:
    """Every value list (soorten actor, hulp, relaties, bevoegdheden ...)."""
    return list(vocabularies().values())


@router.get(
    "/{name}",
    response_model=VocabularyOut,
    summary="Eén vocabulaire",
    responses={404: {"model": Error}},
)
def get_vocabulary(name: str) -> VocabularyOut:
    """One value list by its class name, e.g. ``HelpKind`` or ``ActorType``."""
    found = vocabularies()
    if name not in found:
        raise UnknownName("vocabulaire", name, difflib.get_close_matches(name, list(found), n=3))
    return found[name]
