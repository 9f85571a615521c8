"""CLI commands: serve (the web app with uvicorn).

The web app, uvicorn and the settings are imported when the command runs, so that
``zorgnet --help`` starts fast.
"""

import errno
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zorgnet.api.cli_common import StoreOption, console, errors, fail, say

if TYPE_CHECKING:
    from zorgnet.api.settings import Settings
    from zorgnet.ontology.exceptions import ZorgnetError

__all__ = ["register", "serve_app"]


def serve_app(settings: "Settings", *, load: Path | None = None) -> None:
    """Run the web app on ``settings.host:settings.port`` until interrupted.

    Parameters
    ----------
    settings : Settings
        Host, port, store, token, ``read_only`` and SPARQL limits.
    load : Path, optional
        A dataset to check and load into the store first; without it the store is
        served as it is (filled with ``settings.data`` when empty, unless read-only).
    """
    import uvicorn

    from zorgnet.api.app import create_app
    from zorgnet.core.loading import store_dataset
    from zorgnet.graph.backends import open_store
    from zorgnet.loaders.dataset import read_dataset
    from zorgnet.ontology.exceptions import ZorgnetError

    if load is not None and settings.read_only:
        say(
            "--data laadt data in de opslag, maar een server met --alleen-lezen schrijft "
            "niet. Laad de data met zorgnet load (of via de server die schrijft), of laat "
            "--alleen-lezen weg."
        )
        raise typer.Exit(2)
    if load is not None:
        dataset = read_dataset(load)
        if not dataset.report.ok:
            errors.print(f"Niets geladen: {len(dataset.report.errors)} fout(en) in {load}.")
            raise typer.Exit(1)
        try:
            with open_store(settings.store) as store:
                store_dataset(store, dataset)
        except ZorgnetError as exc:
            raise fail(_with_reader_hint(exc)) from exc
    app = create_app(settings)
    try:
        # Opened (and filled when empty) before anything says the app runs: a store that
        # another process holds ends here with exit 2, not in a traceback from uvicorn.
        # The app's start finds it open and keeps it until it stops.
        app.state.service.open()
    except ZorgnetError as exc:
        raise fail(_with_reader_hint(exc)) from exc
    if settings.read_only:
        mode = "alleen lezen, naast de server die schrijft"
    else:
        mode = "wijzigen met token" if settings.token else "alleen lezen"
    console.print(
        f"zorgnet draait op http://{settings.host}:{settings.port}/ ({mode}); stoppen met Ctrl+C."
    )
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    finally:
        # uvicorn closes the store on a normal stop; this covers a start that failed.
        app.state.service.close()


def _with_reader_hint(exc: "ZorgnetError") -> "ZorgnetError":
    """*exc*, and when another process writes the store, how to serve it beside that one."""
    from zorgnet.graph.store import StoreAccessError

    cause = exc.__cause__
    held = isinstance(cause, OSError) and cause.errno in (errno.EAGAIN, errno.EWOULDBLOCK)
    if not isinstance(exc, StoreAccessError) or not held:
        return exc
    hint = (
        " Een tweede server op dezelfde opslag die alleen leest, start u met "
        "zorgnet serve --alleen-lezen --port <een andere poort>."
    )
    return StoreAccessError(exc.public + hint, exc.location)


def register(app: typer.Typer) -> None:
    """Add the serve command to *app*."""

    @app.command()
    def serve(
        host: Annotated[
            str | None, typer.Option("--host", help="Adres (standaard 127.0.0.1).")
        ] = None,
        port: Annotated[int | None, typer.Option("--port", help="Poort (standaard 8000).")] = None,
        data: Annotated[
            Path | None,
            typer.Option("--data", help="Laad deze dataset eerst in de opslag (alles of niets)."),
        ] = None,
        store: StoreOption = None,
        alleen_lezen: Annotated[
            bool,
            typer.Option(
                "--alleen-lezen",
                help=(
                    "Alleen lezen, naast de server die in de opslag schrijft (op een andere "
                    "poort): volgt diens wijzigingen en weigert zelf wijzigingen."
                ),
            ),
        ] = False,
    ) -> None:
        """Start de webapp en de API (met SPARQL-endpoint) op de opslag.

        Een lege opslag wordt eerst gevuld met de meegeleverde dataset. Eén server
        schrijft in de opslag; meer servers die alleen lezen, start u ernaast met
        --alleen-lezen. Instellingen ook via ZORGNET_HOST, ZORGNET_PORT, ZORGNET_TOKEN
        (schrijftoken; zonder: alleen lezen), ZORGNET_SPARQL_TIMEOUT ...
        Voorbeeld: zorgnet serve --port 8080
        """
        from zorgnet.api.settings import Settings
        from zorgnet.ontology.exceptions import ZorgnetError

        try:
            settings = Settings.read(
                host=host, port=port, store=store, data=data, read_only=alleen_lezen or None
            )
        except ZorgnetError as exc:
            raise fail(exc) from exc
        serve_app(settings, load=data)
