"""CLI commands: serve (filled in by its issue)."""

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the serve commands to *app*."""
