"""Shared fixtures: the real app, served once per session on a free loopback port.

`app_server` starts `app.ui.launch` in a subprocess with a private data directory (the index
is built there on first start), behind the privacy probes of tests/_appserver.py (a
connection watch and an outbound "proxy" trap) that run from the first moment of the process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from _appserver import start_app
from app.process import configure_process

# The tests import the stages directly (no CLI): the same process set-up as the app, before any
# HF or Chroma import, so nothing downloads or phones home.
configure_process()


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    """A private data directory for the session: the index is built in it on the first start."""
    return tmp_path_factory.mktemp("werkagenda-data")


@pytest.fixture(scope="session")
def app_server(data_dir, tmp_path_factory):
    """The real app, started once for the UI, browser and load tests. GRADIO_ANALYTICS_ENABLED is
    set to True in its environment on purpose: the app must switch it off itself."""
    server = start_app(data_dir, tmp_path_factory.mktemp("app-server-log"), trap=True, watch=True,
                       env={"GRADIO_ANALYTICS_ENABLED": "True"})
    print(f"\napp-server op {server.url} (pid {server.pid}), klaar na {server.startup_seconds:.1f} s")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def client(app_server):
    from gradio_client import Client

    return Client(app_server.url, verbose=False)
