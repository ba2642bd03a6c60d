"""Chroma clients and collections: a local PersistentClient, or an HttpClient for a server.

Telemetry is off both ways (environment and Settings). Collections are created without an
embedding function: llama-index always passes vectors, so Chroma never fetches its own model.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
from chromadb.config import Settings  # noqa: E402

from .config import IndexConfig  # noqa: E402

COLLECTION_PREFIX = "werkagenda"


def _settings() -> Settings:
    return Settings(anonymized_telemetry=False, allow_reset=False)


def make_client(cfg: IndexConfig, chroma_dir: Path | None):
    """HttpClient when a server URL is configured, otherwise a PersistentClient in chroma_dir."""
    if cfg.chroma_url:
        host, port, ssl = cfg.chroma_host_port()
        return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_settings())
    if chroma_dir is None:
        raise ValueError("chroma_dir is required without a Chroma server")
    chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(chroma_dir), settings=_settings())


def collection_name(build_id: str) -> str:
    # One collection per build: in server mode this is what makes a rebuild side-by-side.
    return f"{COLLECTION_PREFIX}_{build_id}"


def create_collection(client, name: str):
    # A leftover from a killed build with the same id cannot exist (ids are unique), but be safe.
    try:
        client.delete_collection(name)
    except Exception:
        pass
    return client.create_collection(
        name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
    )


def get_collection(client, name: str):
    return client.get_collection(name, embedding_function=None)


def delete_collection(client, name: str) -> None:
    try:
        client.delete_collection(name)
    except Exception:
        pass  # already gone: nothing to clean up
