"""CLI commands that show one record with everything stored about it: ``zorgnet actor``
and ``zorgnet gemeente``.

They give the same content as ``GET /api/actors/{id}`` and ``GET /api/areas/{id}``
(with ``--json`` the very same JSON): the record's fields, its relations and mandates
with their descriptions, and the figures, known issues with every reading, and
shortages that concern it.

The commands import the web app's models and detail functions (pydantic, FastAPI) and
the projection when they run, so that ``zorgnet --help`` starts fast.
"""

import json
from typing import TYPE_CHECKING, Annotated

import typer

from zorgnet.api.cli_common import (
    JsonOption,
    StoreOption,
    console,
    print_table,
    projection,
    read_store,
)

if TYPE_CHECKING:
    from zorgnet.api.models import FactsOut, IssueOut

__all__ = ["register"]

ActorArgument = Annotated[str, typer.Argument(help="Id van de actor, bijvoorbeeld ca-team.")]
AreaArgument = Annotated[str, typer.Argument(help="Id van het gebied, bijvoorbeeld huizen.")]


def _print_issues(issues: list["IssueOut"]) -> None:
    if not issues:
        console.print("Bekende kwesties: geen, voor zover bekend.")
        return
    console.print("Bekende kwesties in de bronnen")
    for issue in issues:
        console.print(f"- {issue.label}: {issue.description}")
        for reading in issue.readings:
            console.print(f"    lezing: {reading}")
        console.print(f"    bronnen: {'; '.join(issue.sources)}")


def _print_facts(facts: "FactsOut") -> None:
    if facts.figures:
        print_table(
            "Cijfers",
            ["wat", "waarde", "jaar", "bronnen"],
            [
                [f.measure, f"{f.value} {f.unit or ''}".strip(), f.as_of or "onbekend", f.sources]
                for f in facts.figures
            ],
        )
    else:
        console.print("Cijfers: de bronnen geven hier geen cijfers over.")
    if facts.shortages:
        print_table(
            "Tekorten",
            ["tekort", "toelichting", "jaar", "bronnen"],
            [[s.label, s.description, s.as_of or "onbekend", s.sources] for s in facts.shortages],
        )
    else:
        console.print("Tekorten: de bronnen noemen hier geen tekorten.")
    _print_issues(facts.issues)


def register(app: typer.Typer) -> None:
    """Add ``actor``, ``gemeente`` and ``kwesties`` to *app*."""

    @app.command()
    def kwesties(store: StoreOption = None, as_json: JsonOption = False) -> None:
        """De bekende kwesties in de bronnen (tegenspraak, vaagheid), met elke lezing en
        de bron: dezelfde als de waarschuwingen van zorgnet load, nu uit de opslag."""
        from zorgnet.api.models import IssueOut
        from zorgnet.graph.analyses.facts import known_issues

        issues = read_store(
            store,
            lambda opened: [IssueOut.model_validate(i) for i in known_issues(projection(opened))],
        )
        if as_json:
            rows = [issue.model_dump(mode="json") for issue in issues]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        _print_issues(issues)

    @app.command()
    def actor(
        actor_id: ActorArgument, store: StoreOption = None, as_json: JsonOption = False
    ) -> None:
        """Eén actor met alles wat erover is opgeslagen: relaties, bevoegdheden, cijfers,
        tekorten en bekende kwesties, met bronnen."""
        from zorgnet.api.routers.actors import actor_detail

        detail = read_store(
            store, lambda opened: actor_detail(projection(opened), actor_id, opened.graph())
        )
        if as_json:
            print(json.dumps(detail.model_dump(mode="json"), ensure_ascii=False, indent=2))
            return
        console.print(f"{detail.label} ({detail.type or 'soort onbekend'}, {detail.scale or ''})")
        if detail.description:
            console.print(detail.description)
        console.print(f"Bronnen: {'; '.join(detail.sources)}")
        print_table(
            "Relaties",
            ["richting", "soort", "met", "toelichting", "bronnen"],
            [
                ["naar", r.kind, r.other_label, r.description, r.sources]
                for r in detail.relations_out
            ]
            + [
                ["van", r.kind, r.other_label, r.description, r.sources]
                for r in detail.relations_in
            ],
        )
        print_table(
            "Bevoegdheden",
            ["bevoegdheid", "wettelijke basis", "gebied", "toelichting", "bronnen"],
            [[m.power, m.legal_bases, m.areas, m.description, m.sources] for m in detail.mandates],
        )
        if detail.memberships:
            print_table(
                "Netwerken van lokale teams",
                ["team", "lid", "plaats", "bronnen"],
                [[m.team, m.member, m.membership_status, m.sources] for m in detail.memberships],
            )
        _print_facts(detail.facts)
        if detail.edits:
            print_table(
                "Gewijzigd na het laden: dit zeggen de bronnen niet",
                ["record", "velden", "door", "wanneer", "reden"],
                [[e.record, e.changed, e.by, e.at, e.reason] for e in detail.edits],
            )

    @app.command()
    def gemeente(
        area_id: AreaArgument, store: StoreOption = None, as_json: JsonOption = False
    ) -> None:
        """De sociale kaart van een gemeente (of ander gebied): lokale inrichting,
        voorveld, cijfers, tekorten en bekende kwesties, met bronnen."""
        from zorgnet.api.routers.areas import area_detail

        detail = read_store(store, lambda opened: area_detail(projection(opened), area_id))
        if as_json:
            print(json.dumps(detail.model_dump(mode="json"), ensure_ascii=False, indent=2))
            return
        console.print(f"Sociale kaart van {detail.label}: {len(detail.actors)} actoren")
        print_table(
            "Lokale inrichting",
            ["aspect", "status", "wat de bronnen zeggen", "bronnen"],
            [[r.aspect, r.status, r.description, r.sources] for r in detail.arrangements],
        )
        print_table(
            "Voorveld (zonder verwijzing)",
            ["actor", "soort"],
            [[a.label, a.type] for a in detail.voorveld],
        )
        _print_facts(detail.facts)
