"""Relations as Dutch sentences: "de huisarts verwijst naar de aanbieders jeugd-GGZ".

The relation kinds' labels are verbs ("verwijst", "draagt over"); a sentence needs the
preposition each verb takes, and a separable verb puts its particle last ("stuurt ... aan").
An actor in a sentence takes its article: "de huisarts", "het buurtteam", and none for a
name ("Veilig Thuis Gooi en Vechtstreek").
"""

from __future__ import annotations

import re

from zorgnet.ontology.vocabulary import concept_label

__all__ = ["actor_phrase", "plural", "relation_phrase", "sentence", "verb"]

# {a} and {b}: the actors; the verb in the singular and in the plural (for "de
# aanbieders"). A kind missing here reads "{a} <label> {b}".
_PHRASES = {
    "adviseert": ("{a} adviseert {b}", "{a} adviseren {b}"),
    "consulteert": ("{a} vraagt advies aan {b}", "{a} vragen advies aan {b}"),
    "contracteert": ("{a} contracteert {b}", "{a} contracteren {b}"),
    "draagt-over": ("{a} draagt over aan {b}", "{a} dragen over aan {b}"),
    "escaleert": ("{a} escaleert naar {b}", "{a} escaleren naar {b}"),
    "financiert": ("{a} financiert {b}", "{a} financieren {b}"),
    "is-gekoppeld-aan": ("{a} is gekoppeld aan {b}", "{a} zijn gekoppeld aan {b}"),
    "is-onderdeel-van": ("{a} is onderdeel van {b}", "{a} zijn onderdeel van {b}"),
    "meldt": ("{a} meldt bij {b}", "{a} melden bij {b}"),
    "neemt-deel-aan": ("{a} neemt deel aan {b}", "{a} nemen deel aan {b}"),
    "rapporteert-aan": ("{a} rapporteert aan {b}", "{a} rapporteren aan {b}"),
    "stuurt-aan": ("{a} stuurt {b} aan", "{a} sturen {b} aan"),
    "verwijst": ("{a} verwijst naar {b}", "{a} verwijzen naar {b}"),
    "werkt-samen": ("{a} werkt samen met {b}", "{a} werken samen met {b}"),
}

# A plural noun: "-en" (scholen), "-s" after a vowel and l, m, n or r (teams, aanbieders),
# "-ies" (organisaties), "-'s" (GI's). Not "huisarts" or "basis".
_PLURAL = re.compile(r"(?:en|[aeiou][lmnr]s|ies|'s)$")
# Words after which a label names where or whose, not what: "jeugdconsulenten gemeente
# Hilversum", "aanbieders van jeugdhulp".
_QUALIFIERS = frozenset({"van", "voor", "in", "bij", "met", "gemeente", "regio", "en"})

# The kinds of actor whose name is a "het"-word (het team, het netwerk, het programma).
_HET_TYPES = frozenset(
    {
        "ambtelijk-gremium",
        "ambulant-team",
        "bestuursorgaan",
        "buurtteam",
        "consulententeam",
        "consultatieteam",
        "expertisenetwerk",
        "expertteam",
        "informatiepunt",
        "integraal-team",
        "programma",
        "samenwerkingsverband",
        "wijkteam",
        "zorg-en-adviesteam",
    }
)


def actor_phrase(label: str, actor_type: str | None = None) -> str:
    """*label* with its article, as it stands in a sentence.

    A label that starts with a capital is a name and takes none; a plural takes "de".

    Examples
    --------
    >>> actor_phrase("huisarts", "huisarts")
    'de huisarts'
    >>> actor_phrase("buurtteam Oost", "buurtteam")
    'het buurtteam Oost'
    >>> actor_phrase("buurtteams Hilversum", "buurtteam")
    'de buurtteams Hilversum'
    >>> actor_phrase("Veilig Thuis Gooi en Vechtstreek", "veilig-thuis")
    'Veilig Thuis Gooi en Vechtstreek'
    """
    if not label or not label[0].islower():
        return label
    article = "het" if actor_type in _HET_TYPES and not plural(label) else "de"
    return f"{article} {label}"


def plural(label: str) -> bool:
    """Whether *label* names several (the verb after it is plural).

    Read from the words outside brackets before a name or a word such as "gemeente".

    Examples
    --------
    >>> plural("huisarts"), plural("aanbieders jeugd-GGZ"), plural("Gemeente Huizen")
    (False, True, False)
    >>> plural("jeugdconsulenten gemeente Hilversum"), plural("gecertificeerde instellingen (GI's)")
    (True, True)
    """
    for word in re.sub(r"\([^)]*\)", " ", label).split():
        if word[:1].isupper() or word[:1].isdigit() or word in _QUALIFIERS:
            break
        if len(word) > 3 and _PLURAL.search(word):
            return True
    return False


def verb(singular: str, plural_form: str, subject: str) -> str:
    """The form of a verb that agrees with the actor *subject* (a label).

    Examples
    --------
    >>> verb("beslist", "beslissen", "aanbieders jeugd-GGZ")
    'beslissen'
    >>> verb("draagt", "dragen", "lokale (gesubsidieerde) welzijnsorganisaties")
    'dragen'
    """
    return plural_form if plural(subject) else singular


def relation_phrase(kind: str, a: str, b: str) -> str:
    """*a* does *kind* to *b*, as a Dutch clause (no capital, no full stop).

    The verb agrees with *a* (:func:`plural`).

    Examples
    --------
    >>> relation_phrase("verwijst", "de huisarts", "de jeugd-GGZ")
    'de huisarts verwijst naar de jeugd-GGZ'
    >>> relation_phrase("meldt", "de basisscholen", "het buurtteam")
    'de basisscholen melden bij het buurtteam'
    >>> relation_phrase("stuurt-aan", "het college", "het buurtteam")
    'het college stuurt het buurtteam aan'
    """
    forms = _PHRASES.get(kind)
    if forms is None:
        return f"{a} {concept_label('RelationKind', kind)} {b}"
    return forms[plural(_without_article(a))].format(a=a, b=b)


def _without_article(phrase: str) -> str:
    for article in ("de ", "het "):
        if phrase.startswith(article):
            return phrase[len(article) :]
    return phrase


def sentence(clause: str) -> str:
    """*clause* as a sentence: a capital first, a full stop last.

    Examples
    --------
    >>> sentence("de huisarts verwijst naar de jeugd-GGZ")
    'De huisarts verwijst naar de jeugd-GGZ.'
    """
    return clause[:1].upper() + clause[1:] + ("" if clause.endswith((".", "?", "!")) else ".")
