"""What an index was built from, and whether that still matches what we would build now."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Sequence

from ingest import ActionRow

# Bump when node texts, metadata, views or anything else stored in the collection changes shape:
# every existing index then counts as stale and is rebuilt on next open.
SCHEMA_VERSION = 1


def rows_hash(rows: Sequence[ActionRow]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(json.dumps(row.model_dump(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    rows_hash: str
    n_rows: int
    embedding_backend: str
    embedding_model: str
    dense_views: list[str]
    chroma: str  # "local" or the server URL: an index built on one is not on the other
    build_id: str = ""
    collection: str = ""
    n_vectors: int = 0
    created: str = ""
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)
    # The report the rows are from and its two period labels (as its headers give them); the rows
    # hash covers them too, so a relabelled report is rebuilt.
    rapport: str = ""
    periods: list[str] = field(default_factory=list)

    def stale_reason(self, wanted: "Manifest") -> str | None:
        """Why this index no longer fits `wanted` (Dutch, for the user), or None when it fits."""
        if self.schema_version != wanted.schema_version:
            return f"indexformaat gewijzigd (versie {self.schema_version} -> {wanted.schema_version})"
        if self.chroma != wanted.chroma:
            return f"andere Chroma-opslag ({self.chroma} -> {wanted.chroma})"
        if (self.embedding_backend, self.embedding_model) != (wanted.embedding_backend, wanted.embedding_model):
            return f"ander embeddingmodel ({self.embedding_model} -> {wanted.embedding_model})"
        if list(self.dense_views) != list(wanted.dense_views):
            return "andere vectorindeling"
        if self.rows_hash != wanted.rows_hash:
            return f"de rijen zijn gewijzigd ({self.n_rows} -> {wanted.n_rows} rijen)"
        return None


def write_manifest(manifest: Manifest, path: Path) -> None:
    """Atomic write: the manifest is the 'build complete' marker, it must never be half there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(manifest), fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(path: Path) -> Manifest | None:
    """None when missing or unreadable: such an index is treated as absent and rebuilt."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):  # "[1, 2]": damaged, so absent
            return None
        known = {f.name for f in fields(Manifest)}
        return Manifest(**{k: v for k, v in data.items() if k in known})
    except (OSError, ValueError, TypeError):
        return None
