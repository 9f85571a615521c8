"""CLI commands for scale-out: ``zorgnet synth`` writes a synthetic national network."""

from pathlib import Path
from typing import Annotated

import typer

from zorgnet.api.cli_common import console

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the scale commands to *app*."""

    @app.command()
    def synth(
        output: Annotated[Path, typer.Option("-o", "--output", help="Map voor de bestanden.")],
        gemeenten: Annotated[
            int, typer.Option("--gemeenten", min=1, max=2000, help="Aantal gemeenten.")
        ] = 340,
        seed: Annotated[
            int, typer.Option("--seed", help="Startgetal: zelfde getal, zelfde net.")
        ] = 1,
    ) -> None:
        """Maak een synthetisch landelijk netwerk in het dataformaat van zorgnet.

        Regio's, gemeenten met wijken, lokale teams, huisartsen, scholen, aanbieders per
        soort hulp, wettelijk verwijzers, mandaten en routes; alles gemarkeerd als
        synthetisch (brondocument 900). Bedoeld om te testen en te meten, niet als
        sociale kaart. Voorbeeld: zorgnet synth --gemeenten 340 --seed 1 -o /tmp/nl
        """
        from zorgnet.loaders.synth import synthesize, write_network

        network = synthesize(gemeenten=gemeenten, seed=seed)
        files = write_network(network, output)
        counts = ", ".join(f"{n} {kind}" for kind, n in network.counts.items())
        console.print(f"Geschreven: {len(files)} bestanden in {output} ({counts}).")
        console.print(f"Controleer met: zorgnet check {output}")
