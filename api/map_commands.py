"""CLI commands: map (filled in by its issue)."""

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the map commands to *app*."""
