"""Relations as Dutch sentences: "de huisarts verwijst naar de aanbieders jeugd-GGZ".

The relation kinds' labels are verbs ("verwijst", "draagt over"); a sentence needs the
preposition each verb takes, and a separable verb puts its particle last ("stuurt ... aan").
"""

from __future__ import annotations

from zorgnet.ontology.vocabulary import concept_label

__all__ = ["relation_phrase"]

# {a} and {b}: the actors' labels. A kind missing here reads "{a} <label> {b}".
_PHRASES = {
    "adviseert": "{a} adviseert {b}",
    "consulteert": "{a} consulteert {b}",
    "contracteert": "{a} contracteert {b}",
    "draagt-over": "{a} draagt over aan {b}",
    "escaleert": "{a} escaleert naar {b}",
    "financiert": "{a} financiert {b}",
    "is-gekoppeld-aan": "{a} is gekoppeld aan {b}",
    "is-onderdeel-van": "{a} is onderdeel van {b}",
    "meldt": "{a} meldt bij {b}",
    "neemt-deel-aan": "{a} neemt deel aan {b}",
    "rapporteert-aan": "{a} rapporteert aan {b}",
    "stuurt-aan": "{a} stuurt {b} aan",
    "verwijst": "{a} verwijst naar {b}",
    "werkt-samen": "{a} werkt samen met {b}",
}


def relation_phrase(kind: str, a: str, b: str) -> str:
    """*a* does *kind* to *b*, as a Dutch clause (no capital, no full stop).

    Examples
    --------
    >>> relation_phrase("verwijst", "de huisarts", "de jeugd-GGZ")
    'de huisarts verwijst naar de jeugd-GGZ'
    >>> relation_phrase("stuurt-aan", "het college", "het buurtteam")
    'het college stuurt het buurtteam aan'
    """
    template = _PHRASES.get(kind)
    if template is None:
        return f"{a} {concept_label('RelationKind', kind)} {b}"
    return template.format(a=a, b=b)
