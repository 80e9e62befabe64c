"""Serve the emulator with werkzeug's threaded server.

``serve`` runs it in the foreground (``python -m emulator``);
``running_emulator`` runs one on a background thread of the current process,
for tests that need to reach into it (register a backend, inspect moto).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from moto.moto_server.werkzeug_app import MotoRequestHandler
from werkzeug.serving import BaseWSGIServer, make_server

from emulator import DEFAULT_HOST
from emulator.app import EmulatorApp, build_app
from emulator.client import EmulatorClient


def make_emulator_server(host: str = DEFAULT_HOST, port: int = 0, app: EmulatorApp | None = None) -> BaseWSGIServer:
    """A bound, not yet serving, server; port 0 picks a free port."""
    return make_server(
        host,
        port,
        app or build_app(),
        threaded=True,
        # Moto's handler keeps headers with underscores (S3 metadata) that werkzeug drops.
        request_handler=MotoRequestHandler,
    )


def serve(host: str, port: int) -> None:
    """Serve until SIGTERM or SIGINT."""
    server = make_emulator_server(host, port)
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGINT, _exit_on_signal)
    print(f"emulator listening on http://{host}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except SystemExit:
        server.server_close()
        _exit_at_once()


def _exit_on_signal(_signum: int, _frame: FrameType | None) -> None:
    # SystemExit unwinds serve_forever in the main thread, where it is caught.
    sys.exit(0)


def _exit_at_once() -> None:
    # All state is in memory: tearing the interpreter down would only free
    # moto's models, which takes most of a second on every stop.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


@contextmanager
def running_emulator(host: str = DEFAULT_HOST, port: int = 0) -> Iterator[EmulatorClient]:
    """An in-process emulator on a background thread, for the duration of a block."""
    server = make_emulator_server(host, port)
    thread = threading.Thread(target=server.serve_forever, name="emulator", daemon=True)
    thread.start()
    try:
        yield EmulatorClient(f"http://{host}:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
