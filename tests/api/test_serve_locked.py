"""A second ``zorgnet serve`` on a store that a running server holds."""

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from zorgnet.graph.store import Store


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(store: Path, cache: Path, **kwargs: object) -> subprocess.Popen:
    zorgnet = Path(sys.executable).parent / "zorgnet"
    command = [str(zorgnet), "serve", "--store", str(store)]
    return subprocess.Popen(
        [*command, "--port", str(_free_port())],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "ZORGNET_CACHE": str(cache), "COLUMNS": "200"},
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.mark.slow
def test_a_second_server_on_a_held_store_stops_with_a_dutch_message_and_exit_2(
    store_copy: Path, tmp_path: Path
) -> None:
    first = _serve(store_copy, tmp_path / "cache")
    try:
        assert first.stdout is not None
        line = first.stdout.readline()
        assert "draait op" in line, first.stderr.read() if first.stderr else ""
        second = _serve(store_copy, tmp_path / "cache")
        out, err = second.communicate(timeout=120)
        assert second.returncode == 2
        assert "draait op" not in out
        # The message names the server that writes (the console wraps it at 200 columns).
        message = " ".join(err.split())
        assert message.startswith(
            "fout: De opslag is in gebruik door een ander proces dat erin schrijft "
            f"(zorgnet serve, proces {first.pid})"
        )
        assert f"Map van de opslag: {store_copy}." in message
        assert "Traceback" not in err and "Errno" not in err and "ERROR" not in err
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=60)
    # The first server let go of the store when it stopped.
    with Store(store_copy) as store:
        assert len(store) > 0
