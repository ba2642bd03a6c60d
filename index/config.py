"""Where the index lives and which embedding it uses, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "var"  # git-ignored (/var/ in .gitignore)

# Chosen by measurement on eval/data/retrieval_questions.jsonl (see index/README.md):
# the multilingual USE v3 beats the English MiniLM on Dutch questions and is ~10x faster.
DEFAULT_EMBEDDING = "use"


class ConfigError(ValueError):
    """A configuration value that cannot work. The message is Dutch and meant for the user."""


@dataclass(frozen=True)
class IndexConfig:
    data_dir: Path = DEFAULT_DATA_DIR
    embedding: str = DEFAULT_EMBEDDING  # "use" | "minilm" | "st:<local dir or model name>"
    chroma_url: str | None = None  # set -> chromadb.HttpClient instead of a local PersistentClient
    source: Path | None = None  # document to load rows from; None = ingest's default document
    # BLAS threads for the USE encoder. One: a query is a tiny matrix product, and with two
    # threads on a 2-core machine that is busy (gradio, a second request) the BLAS threads
    # spin-wait: median 10 ms, p95 100-330 ms measured, against 6 / 9 ms with one thread.
    threads: int = 1

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "IndexConfig":
        env = os.environ if env is None else env
        data_dir = Path(env.get("WERKAGENDA_DATA_DIR") or DEFAULT_DATA_DIR).expanduser()
        embedding = (env.get("WERKAGENDA_EMBEDDING") or DEFAULT_EMBEDDING).strip()
        chroma_url = (env.get("WERKAGENDA_CHROMA_URL") or "").strip() or None
        source = env.get("WERKAGENDA_SOURCE")
        cfg = cls(
            data_dir=data_dir,
            embedding=embedding,
            chroma_url=chroma_url,
            source=Path(source) if source else None,
        )
        cfg.validate()
        return cfg

    def with_(self, **changes) -> "IndexConfig":
        return replace(self, **changes)

    def validate(self) -> None:
        from .embeddings import parse_embedding

        parse_embedding(self.embedding)  # raises ConfigError on nonsense
        if self.chroma_url:
            self.chroma_host_port()

    def chroma_host_port(self) -> tuple[str, int, bool]:
        """(host, port, ssl) of the configured Chroma server."""
        url = self.chroma_url or ""
        parsed = urlparse(url if "://" in url else f"http://{url}")
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ConfigError(
                f"WERKAGENDA_CHROMA_URL '{url}' is geen geldig adres; verwacht bijvoorbeeld http://127.0.0.1:8000."
            )
        ssl = parsed.scheme == "https"
        port = parsed.port or (443 if ssl else 8000)
        return parsed.hostname, port, ssl
