"""The zorgnet ontology's terms as a closed namespace.

A typo such as ``ZN.Acter`` raises ``AttributeError`` instead of minting a new IRI;
a test checks that this list and ``zorgnet.ttl`` name exactly the same terms.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["ID", "VOCAB", "ZN", "ZORGNET_BASE"]

ZORGNET_BASE = "https://w3id.org/zorgnet/"
ID = Namespace(ZORGNET_BASE + "id/")
VOCAB = Namespace(ZORGNET_BASE + "vocab/")


class ZN(DefinedNamespace):
    """Classes and properties of ``https://w3id.org/zorgnet/def#``."""

    _NS = Namespace(ZORGNET_BASE + "def#")
    _fail = True
    # "from" is a Python keyword: reach it as ZN["from"].
    _extras = ["from"]  # noqa: RUF012 - rdflib reads it as a class attribute

    AccessMode: URIRef
    Actor: URIRef
    ActorType: URIRef
    Alignment: URIRef
    Area: URIRef
    AreaType: URIRef
    Arrangement: URIRef
    Aspect: URIRef
    Citation: URIRef
    ConsultationTable: URIRef
    Domain: URIRef
    Figure: URIRef
    FrameworkConcept: URIRef
    GovernanceBody: URIRef
    HelpKind: URIRef
    KnownIssue: URIRef
    LegalBasis: URIRef
    Mandate: URIRef
    Membership: URIRef
    MembershipStatus: URIRef
    Organisation: URIRef
    OrganisationalUnit: URIRef
    Power: URIRef
    Programme: URIRef
    ProviderCategory: URIRef
    Record: URIRef
    Relation: URIRef
    RelationKind: URIRef
    Role: URIRef
    Scale: URIRef
    Shortage: URIRef
    SourceDocument: URIRef
    SourceSection: URIRef
    Status: URIRef
    SupportLevel: URIRef
    Team: URIRef
    access: URIRef
    actorClass: URIRef
    actorType: URIRef
    ageMax: URIRef
    ageMin: URIRef
    area: URIRef
    areaType: URIRef
    asOf: URIRef
    aspect: URIRef
    citation: URIRef
    concept: URIRef
    domain: URIRef
    field: URIRef
    fieldHint: URIRef
    fileName: URIRef
    helpKind: URIRef
    holder: URIRef
    idPrefix: URIRef
    legalBasis: URIRef
    level: URIRef
    locator: URIRef
    measure: URIRef
    membershipStatus: URIRef
    networkTeam: URIRef
    networkMember: URIRef
    offers: URIRef
    opensContractedCare: URIRef
    power: URIRef
    reading: URIRef
    recordKey: URIRef
    relationKind: URIRef
    scale: URIRef
    section: URIRef
    sectionNumber: URIRef
    status: URIRef
    subject: URIRef
    to: URIRef
