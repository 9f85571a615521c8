"""CLI commands: scale (filled in by its issue)."""

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the scale commands to *app*."""
