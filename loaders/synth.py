"""A synthetic national care network, for scale tests and benchmarks.

``synthesize(gemeenten=340, seed=1)`` builds a deterministic dataset in the same YAML
format as ``data/gooi-en-vechtstreek``: regions with their gemeenten and wijken, a local
team per wijk with its network (memberships), GPs, POH-jeugd, schools, youth-care and
Wmo providers by kind of care, the legal referrers and their mandates, and referral
routes between them. The proportions follow the shipped region (about 150 actors per
gemeente, most of them providers and schools); at 340 gemeenten in 42 regions that is
about 50,000 actors and a million triples.

Nothing in it is real: every label says "synthetisch", and every record cites one
source document, ``900`` in ``bronnen.yaml``, registered as the output of this
generator.

Examples
--------
>>> network = synthesize(gemeenten=2, seed=1)
>>> sorted(network.files)[:3]
['bronnen.yaml', 'gebieden.yaml', 'landelijk.yaml']
>>> network.counts["areas"] > 2
True
>>> synthesize(gemeenten=2, seed=1).files == network.files
True
"""

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SEED_DOCUMENT", "SynthNetwork", "synthesize", "write_network"]

SEED_DOCUMENT = "900"
REGIONS_PER_GEMEENTE = 42 / 340
SECTIONS = {
    "gebieden": "Regio's, gemeenten en wijken",
    "actoren": "Organisaties, teams en functies",
    "relaties": "Verwijs- en samenwerkingsrelaties",
    "mandaten": "Bevoegdheden van wettelijk verwijzers en de regio",
    "lidmaatschappen": "Netwerken van de lokale teams",
}
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Youth-care providers by kind of care: (help kinds, level, domains), drawn in these
# proportions; the mix follows the provider categories of the shipped aanbod.yaml.
_YOUTH_CARE = [
    (["ambulante-begeleiding", "jeugd-ggz"], "midden", ["jeugd", "gezondheid"]),
    (["jeugd-ggz"], "zwaar", ["jeugd", "gezondheid"]),
    (["ambulante-begeleiding"], "midden", ["jeugd"]),
    (["verblijf"], "zwaar", ["jeugd"]),
    (["gezinshuis", "verblijf"], "zwaar", ["jeugd"]),
    (["pleegzorg"], "zwaar", ["jeugd"]),
    (["dagbesteding"], "midden", ["jeugd"]),
    (["crisishulp"], "zwaar", ["jeugd"]),
]
# Open-access help in the voorveld: (type, help kinds, domains).
_VOORVELD = [
    ("welzijnsorganisatie", ["jongerenwerk", "opvoedondersteuning"], ["jeugd", "wmo"]),
    ("maatschappelijke-organisatie", ["maatschappelijk-werk", "schuldhulp"], ["wmo"]),
    ("informatiepunt", ["advies"], ["wmo"]),
]


@dataclass
class SynthNetwork:
    """The generated dataset: file name → YAML text, and record counts per kind."""

    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.records: dict[str, list[dict[str, Any]]] = {}

    def add(self, record_kind: str, section: str, **fields: Any) -> str:
        record = {k: v for k, v in fields.items() if v is not None}
        record["source"] = f"{SEED_DOCUMENT} §{section}"
        self.records.setdefault(record_kind, []).append(record)
        return str(record["id"])

    def actor(self, rid: str, label: str, type_: str, scale: str, area: str, **more: Any) -> str:
        return self.add(
            "actors",
            "actoren",
            id=rid,
            label=f"{label} (synthetisch)",
            type=type_,
            description=f"Synthetisch: {type_.replace('-', ' ')}; geen echte organisatie.",
            scale=scale,
            area=area,
            **more,
        )

    def relation(self, source: str, target: str, kind: str, **more: Any) -> None:
        rid = f"{source}-{kind}-{target}"
        self.add(
            "relations", "relaties", id=rid, **{"from": source, "to": target}, kind=kind, **more
        )

    def mandate(self, holder: str, power: str, legal_basis: str, area: str, domain: str) -> None:
        self.add(
            "mandates",
            "mandaten",
            id=f"{holder}-{power}-{legal_basis}",
            holder=holder,
            power=power,
            legalBasis=legal_basis,
            area=area,
            domain=domain,
        )

    def take(self) -> dict[str, list[dict[str, Any]]]:
        records, self.records = self.records, {}
        return records


def _size(rng: random.Random) -> float:
    # Gemeenten differ in size: most are small, a few are cities.
    return min(4.0, max(0.35, rng.lognormvariate(-0.15, 0.55)))


def _n(base: float, size: float) -> int:
    return max(1, round(base * size))


def _gemeente(b: _Builder, areas: list[dict[str, Any]], region: str, g: str) -> None:
    rng = b.rng
    size = _size(rng)
    name = f"gemeente {g.upper()}"
    areas.append({"id": g, "label": f"{name} (synthetisch)", "type": "gemeente", "partOf": region})
    gemeente = b.actor(
        f"gemeente-{g}",
        f"Gemeente {g.upper()}",
        "gemeente",
        "lokaal",
        g,
        domain=["jeugd", "wmo", "participatie"],
    )
    b.mandate(gemeente, "indiceren", "jeugdwet", g, "jeugd")
    b.mandate(gemeente, "beschikken", "jeugdwet", g, "jeugd")
    b.mandate(gemeente, "indiceren", "wmo-2015", g, "wmo")
    b.relation(gemeente, f"regio-{region}", "neemt-deel-aan")
    afdeling = b.actor(
        f"{g}-sociaal-domein", f"afdeling sociaal domein {g}", "gemeentelijke-afdeling", "lokaal", g
    )
    b.relation(afdeling, gemeente, "is-onderdeel-van")
    consulenten = [
        b.actor(
            f"{g}-jeugdconsulent-{i}",
            f"jeugdconsulent {i} {g}",
            "jeugdconsulent",
            "lokaal",
            g,
            domain=["jeugd"],
        )
        for i in range(1, _n(3, size) + 1)
    ]
    for c in consulenten:
        b.relation(c, gemeente, "rapporteert-aan")

    providers: list[tuple[str, list[str]]] = []
    for i in range(1, _n(40, size) + 1):
        offers, level, domains = rng.choice(_YOUTH_CARE)
        pid = b.actor(
            f"{g}-jeugdhulp-{i}",
            f"jeugdhulpaanbieder {i} {g}",
            "jeugdhulpaanbieder",
            "lokaal",
            g,
            domain=domains,
            level=level,
            access="geindiceerd",
            offers=offers,
        )
        providers.append((pid, offers))
    for i in range(1, _n(9, size) + 1):
        wmo = b.actor(
            f"{g}-wmo-aanbieder-{i}",
            f"zorgaanbieder Wmo {i} {g}",
            "zorgaanbieder",
            "lokaal",
            g,
            domain=["wmo"],
            level="midden",
            access="geindiceerd",
            offers=["ambulante-begeleiding"],
        )
        b.relation(
            gemeente,
            wmo,
            "verwijst",
            domain="wmo",
            helpKind="ambulante-begeleiding",
            legalBasis="wmo-2015",
        )
    for i, (pid, offers) in enumerate(providers):
        b.relation(
            gemeente, pid, "verwijst", domain="jeugd", helpKind=offers[0], legalBasis="jeugdwet"
        )
        other, _ = rng.choice(providers)
        if i % 4 == 0 and other != pid:
            b.relation(pid, other, "werkt-samen", domain="jeugd")

    voorveld: list[str] = []
    for type_, offers, domains in _VOORVELD:
        for i in range(1, _n(3 if type_ != "informatiepunt" else 1, size) + 1):
            voorveld.append(
                b.actor(
                    f"{g}-{type_}-{i}",
                    f"{type_.replace('-', ' ')} {i} {g}",
                    type_,
                    "lokaal",
                    g,
                    domain=domains,
                    level="licht",
                    access="voorveld",
                    offers=offers,
                )
            )

    pohs = [
        b.actor(
            f"{g}-poh-jeugd-{i}",
            f"POH-jeugd {i} {g}",
            "poh-jeugd",
            "lokaal",
            g,
            domain=["jeugd", "gezondheid"],
        )
        for i in range(1, _n(5, size) + 1)
    ]
    for poh in pohs:
        for pid, offers in rng.sample(providers, 1):
            b.relation(
                poh, pid, "verwijst", domain="jeugd", helpKind=offers[0], legalBasis="jeugdwet"
            )
    huisartsen = []
    for i in range(1, _n(14, size) + 1):
        ha = b.actor(
            f"{g}-huisarts-{i}",
            f"huisartsenpraktijk {i} {g}",
            "huisarts",
            "lokaal",
            g,
            domain=["gezondheid", "jeugd"],
        )
        huisartsen.append(ha)
        b.mandate(ha, "verwijzen", "jeugdwet", g, "jeugd")
        b.relation(ha, rng.choice(pohs), "consulteert", domain="jeugd")
        for pid, offers in rng.sample(providers, 1):
            b.relation(
                ha, pid, "verwijst", domain="jeugd", helpKind=offers[0], legalBasis="jeugdwet"
            )
    jeugdarts = b.actor(
        f"{g}-jeugdarts", f"jeugdarts {g}", "jeugdarts", "lokaal", g, domain=["jeugd", "gezondheid"]
    )
    b.mandate(jeugdarts, "verwijzen", "jeugdwet", g, "jeugd")
    for pid, offers in rng.sample(providers, min(2, len(providers))):
        b.relation(
            jeugdarts, pid, "verwijst", domain="jeugd", helpKind=offers[0], legalBasis="jeugdwet"
        )

    wijken = _n(5, size)
    others = {
        "wijkverpleging": _n(4, size),
        "praktijkondersteuner": _n(5, size),
        "jongerencoach": _n(3, size),
    }
    extra = [
        b.actor(f"{g}-{t}-{i}", f"{t.replace('-', ' ')} {i} {g}", t, "lokaal", g)
        for t, n in others.items()
        for i in range(1, n + 1)
    ]
    coordinator = b.actor(
        f"{g}-coordinator", f"coördinator lokale teams {g}", "coordinator", "lokaal", g
    )
    b.relation(coordinator, gemeente, "rapporteert-aan")
    for w in range(1, wijken + 1):
        wijk = f"{g}-w{w}"
        areas.append(
            {"id": wijk, "label": f"wijk {w} van {g} (synthetisch)", "type": "wijk", "partOf": g}
        )
        team = b.actor(
            f"{wijk}-buurtteam",
            f"buurtteam wijk {w} {g}",
            "buurtteam",
            "lokaal",
            wijk,
            domain=["jeugd", "wmo"],
            level="licht",
            access="voorveld",
            offers=["lichte-begeleiding", "basishulp"],
        )
        b.relation(coordinator, team, "stuurt-aan")
        b.relation(team, gemeente, "draagt-over", domain="jeugd")
        members = rng.sample(voorveld + extra + pohs, min(6, len(voorveld + extra + pohs)))
        for j, member in enumerate(members):
            b.add(
                "memberships",
                "lidmaatschappen",
                id=f"{team}-lid-{member}",
                team=team,
                member=member,
                membershipStatus="kern" if j < 3 else "verbonden",
            )
        for i in range(1, _n(10, size) + 1):
            school = b.actor(
                f"{wijk}-school-{i}",
                f"school {i} wijk {w} {g}",
                "school",
                "lokaal",
                wijk,
                domain=["onderwijs"],
            )
            b.relation(school, team, "meldt", domain="jeugd")
            if i <= 2:
                b.relation(school, rng.choice(consulenten), "consulteert", domain="jeugd")
        b.relation(huisartsen[(w - 1) % len(huisartsen)], team, "werkt-samen", domain="jeugd")
    # Wijkverpleging, praktijkondersteuners and jongerencoaches work with a local team
    # whether or not they are in its network.
    for actor in extra:
        b.relation(actor, f"{g}-w{rng.randint(1, wijken)}-buurtteam", "werkt-samen")
    for actor in voorveld:
        b.relation(f"{g}-w{rng.randint(1, wijken)}-buurtteam", actor, "verwijst", domain="wmo")


def _region(b: _Builder, areas: list[dict[str, Any]], region: str) -> list[str]:
    areas.append(
        {
            "id": region,
            "label": f"regio {region.upper()} (synthetisch)",
            "type": "regio",
            "partOf": "nederland",
        }
    )
    regio = b.actor(
        f"regio-{region}",
        f"Regio {region.upper()}",
        "regio",
        "regionaal",
        region,
        domain=["jeugd", "wmo", "veiligheid"],
    )
    b.mandate(regio, "contractbeheer", "gemeenschappelijke-regeling", region, "jeugd")
    vt = b.actor(
        f"{region}-veilig-thuis",
        f"Veilig Thuis {region.upper()}",
        "veilig-thuis",
        "regionaal",
        region,
        domain=["jeugd", "veiligheid"],
    )
    b.mandate(vt, "onderzoek", "wet-verplichte-meldcode", region, "veiligheid")
    ggd = b.actor(
        f"{region}-ggd",
        f"GGD {region.upper()}",
        "ggd",
        "regionaal",
        region,
        domain=["gezondheid", "jeugd"],
    )
    gi = b.actor(
        f"{region}-gecertificeerde-instelling",
        f"gecertificeerde instelling {region.upper()}",
        "gecertificeerde-instelling",
        "regionaal",
        region,
        domain=["jeugd", "veiligheid"],
        level="zwaar",
        access="geindiceerd",
        offers=["jeugdbescherming", "jeugdreclassering"],
    )
    expert = b.actor(
        f"{region}-expertteam",
        f"expertteam {region.upper()}",
        "expertteam",
        "regionaal",
        region,
        domain=["jeugd"],
    )
    b.relation(vt, gi, "draagt-over", domain="veiligheid", helpKind="jeugdbescherming")
    b.relation(ggd, regio, "rapporteert-aan")
    b.relation(expert, regio, "rapporteert-aan")
    return [regio, vt, ggd, gi, expert]


def synthesize(gemeenten: int = 340, seed: int = 1) -> SynthNetwork:
    """Generate the network; the same arguments always give the same files."""
    b = _Builder(seed)
    regions = max(1, round(gemeenten * REGIONS_PER_GEMEENTE))
    network = SynthNetwork()
    areas: list[dict[str, Any]] = [{"id": "nederland", "label": "Nederland", "type": "land"}]
    national = [
        b.actor(
            "raad-voor-de-kinderbescherming",
            "Raad voor de Kinderbescherming",
            "raad-voor-de-kinderbescherming",
            "landelijk",
            "nederland",
            domain=["jeugd", "veiligheid"],
        ),
        b.actor(
            "kinderrechter",
            "kinderrechter",
            "rechter",
            "landelijk",
            "nederland",
            domain=["jeugd", "veiligheid"],
        ),
    ]
    b.mandate(national[0], "onderzoek", "burgerlijk-wetboek", "nederland", "veiligheid")
    b.mandate(national[1], "rechterlijke-maatregel", "burgerlijk-wetboek", "nederland", "jeugd")
    b.relation(national[0], national[1], "verwijst", domain="jeugd", helpKind="jeugdbescherming")
    files: dict[str, dict[str, list[dict[str, Any]]]] = {"landelijk.yaml": b.take()}
    for r in range(regions):
        region = f"r{r + 1:02d}"
        regional = _region(b, areas, region)
        b.relation(regional[1], national[0], "meldt", domain="veiligheid")
        for k in range(r, gemeenten, regions):
            g = f"g{k + 1:03d}"
            _gemeente(b, areas, region, g)
            b.relation(f"{g}-w1-buurtteam", regional[1], "meldt", domain="veiligheid")
        files[f"regio-{region}.yaml"] = b.take()
    for area in areas:
        area["source"] = f"{SEED_DOCUMENT} §gebieden"
    files["gebieden.yaml"] = {"areas": areas}
    for name, records in files.items():
        for kind, items in records.items():
            network.counts[kind] = network.counts.get(kind, 0) + len(items)
        network.files[name] = yaml.dump(
            records, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100
        )
    network.files["bronnen.yaml"] = _register(gemeenten, seed)
    network.files = dict(sorted(network.files.items()))
    return network


def _register(gemeenten: int, seed: int) -> str:
    document = {
        "id": SEED_DOCUMENT,
        "file": f"synthetisch-{gemeenten}-gemeenten-seed-{seed}.txt",
        "title": (
            f"SYNTHETISCH netwerk van {gemeenten} gemeenten, gegenereerd door zorgnet synth "
            f"(seed {seed}); geen echte organisaties of gegevens"
        ),
        "asOf": 2025,
        "sections": [{"number": k, "title": v} for k, v in SECTIONS.items()],
    }
    header = (
        "# The source register of a SYNTHETIC dataset made by `zorgnet synth`: document 900\n"
        "# is the generator itself. No record in this folder describes a real organisation.\n"
    )
    return header + yaml.dump(
        {"documents": [document]}, Dumper=_DUMPER, sort_keys=False, allow_unicode=True
    )


def write_network(network: SynthNetwork, folder: Path) -> list[Path]:
    """Write the files of *network* into *folder* (created when missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in network.files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
