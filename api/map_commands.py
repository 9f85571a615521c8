"""CLI command ``zorgnet map``: an interactive network map as one offline HTML page.

The command opens the store, builds one map from the projection with
:mod:`zorgnet.viz.maps` and writes it with :mod:`zorgnet.viz.render`; ``--png`` also draws
it with headless Chromium. The projection and the map modules are imported when the
command runs, so that ``zorgnet --help`` starts fast.
"""

import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zorgnet.api.cli_common import StoreOption, console, fail, open_cli_store, projection

if TYPE_CHECKING:
    import networkx as nx

    from zorgnet.viz.maps import NetworkMap

__all__ = ["build_map", "register"]


def build_map(
    G: "nx.MultiDiGraph",
    *,
    gemeente: str | None = None,
    team: str | None = None,
    route: tuple[str, str] | None = None,
    actor: str | None = None,
    depth: int = 1,
    gaps: bool = False,
) -> "NetworkMap":
    """The map the options ask for; see ``zorgnet map --help``.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> build_map(example_projection(), team="buurtteam").kind
    'team'
    >>> build_map(example_projection()).kind
    'regio'
    """
    from zorgnet.ontology.exceptions import ZorgnetError
    from zorgnet.viz import maps

    chosen = [
        name
        for name, value in (
            ("--team", team),
            ("--route", route),
            ("--actor", actor),
            ("--gaps", gaps),
        )
        if value
    ]
    if len(chosen) > 1:
        raise ZorgnetError(f"Kies één soort kaart, niet {' en '.join(chosen)}.")
    if team:
        return maps.team_map(G, team)
    if route:
        return maps.route_map(G, route[0], route[1], gemeente=gemeente)
    if actor:
        return maps.ego_map(G, actor, depth)
    if gaps:
        return maps.signal_map(G, gemeente)
    if gemeente:
        return maps.gemeente_map(G, gemeente)
    return maps.region_map(G)


def register(app: typer.Typer) -> None:
    """Add the map commands to *app*."""

    @app.command("map")
    def map_(
        output: Annotated[Path, typer.Option("-o", "--output", help="Het HTML-bestand.")] = Path(
            "kaart.html"
        ),
        gemeente: Annotated[
            str | None,
            typer.Option(
                "--gemeente",
                "-g",
                help="Sociale kaart van dit gebied (of route/gaten"
                " binnen dit gebied), bijvoorbeeld huizen.",
            ),
        ] = None,
        team: Annotated[
            str | None, typer.Option("--team", help="Netwerk van dit lokale team in ringen.")
        ] = None,
        route: Annotated[
            tuple[str, str] | None,
            typer.Option(
                "--route",
                help="Route van een ingang naar een soort hulp: --route huisarts jeugd-ggz.",
            ),
        ] = None,
        actor: Annotated[
            str | None, typer.Option("--actor", help="Netwerk rond deze actor.")
        ] = None,
        depth: Annotated[int, typer.Option("--depth", min=1, help="Stappen rond --actor.")] = 1,
        gaps: Annotated[
            bool, typer.Option("--gaps", help="Gaten en overlap volgens de analyses.")
        ] = False,
        png: Annotated[
            Path | None, typer.Option("--png", help="Teken de kaart ook als PNG (Chromium).")
        ] = None,
        positions: Annotated[
            Path | None,
            typer.Option(
                "--positions",
                help="Posities hergebruiken uit dit JSON-bestand; "
                "bestaat het niet, dan worden de getekende posities erin bewaard.",
            ),
        ] = None,
        open_: Annotated[
            bool, typer.Option("--open", help="Open de kaart daarna in de browser.")
        ] = False,
        store: StoreOption = None,
    ) -> None:
        """Teken een interactieve netwerkkaart als één HTML-bestand dat offline werkt.

        Zonder keuze de hele regio; verder per gemeente, per lokaal team (kern, verbonden,
        buiten), een route, het netwerk rond een actor, of de gaten en overlap.
        Voorbeeld: zorgnet map --route huisarts jeugd-ggz --gemeente huizen -o route.html
        """
        from zorgnet.ontology.exceptions import ZorgnetError
        from zorgnet.viz.layout import load_positions, save_positions
        from zorgnet.viz.maps import with_positions
        from zorgnet.viz.png import browser_positions, write_png
        from zorgnet.viz.render import write_html

        try:
            with open_cli_store(store, read_only=True) as opened:
                G = projection(opened)
            network = build_map(
                G, gemeente=gemeente, team=team, route=route, actor=actor, depth=depth, gaps=gaps
            )
            if positions is not None and positions.exists():
                network = with_positions(network, load_positions(positions))
            write_html(network, output)
            if positions is not None and not positions.exists():
                saved = browser_positions(output)
                save_positions(positions, saved)
                # Redraw from the saved positions, so page and file agree exactly.
                write_html(with_positions(network, saved), output)
                console.print(f"Posities bewaard: {positions}")
            if png is not None:
                write_png(output, png)
                console.print(f"Afbeelding geschreven: {png}")
        except ZorgnetError as exc:
            raise fail(exc) from exc
        console.print(
            f"Kaart geschreven: {output} ({len(network.nodes)} actoren, "
            f"{len(network.edges)} verbindingen)."
        )
        if open_:
            webbrowser.open(output.resolve().as_uri())
