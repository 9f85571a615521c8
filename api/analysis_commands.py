"""CLI commands for the analyses (route, gaps, overlaps, team, brokers, mandates, diff)."""

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the analysis commands to *app*."""
