"""build_index: embed the rows into a new Chroma collection and swap it in when complete."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Sequence

from ingest import ActionRow, load_rows, write_rows_jsonl

from . import store
from .config import IndexConfig
from .embeddings import EmbeddingSpec, load_embedding, parse_embedding
from .datadir import BuildDir, Layout
from .manifest import SCHEMA_VERSION, Manifest, rows_hash, write_manifest
from .nodes import DENSE_VIEWS, row_nodes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    action: str  # "built" (there was none), "reused" (still fits), "rebuilt" (stale or forced)
    reason: str  # Dutch, for the user
    n_rows: int
    n_vectors: int
    seconds: float
    backend: str
    model: str
    build_id: str
    location: str  # the build directory (and the Chroma server, in server mode)

    def summary(self) -> str:
        verb = {"built": "gebouwd", "reused": "hergebruikt", "rebuilt": "opnieuw gebouwd"}[self.action]
        return (
            f"Index {verb}: {self.reason}. {self.n_rows} rijen, {self.n_vectors} vectoren, "
            f"embedding {self.backend} ({self.model}), {self.seconds:.1f} s. Locatie: {self.location}"
        )


def wanted_manifest(cfg: IndexConfig, rows: Sequence[ActionRow], spec: EmbeddingSpec) -> Manifest:
    return Manifest(
        schema_version=SCHEMA_VERSION,
        rows_hash=rows_hash(rows),
        n_rows=len(rows),
        embedding_backend=spec.backend,
        embedding_model=spec.model,
        dense_views=list(DENSE_VIEWS),
        chroma=cfg.chroma_url or "local",
        rapport=rows[0].rapport if rows else "",
        periods=[rows[0].status_label, rows[0].voortgang_label] if rows else [],
    )


def _location(cfg: IndexConfig, bd: BuildDir) -> str:
    return f"{bd.path} (Chroma-server {cfg.chroma_url})" if cfg.chroma_url else str(bd.path)


def _write_build(cfg: IndexConfig, bd: BuildDir, rows: Sequence[ActionRow], spec: EmbeddingSpec,
                 wanted: Manifest, started: float) -> Manifest:
    """Embed and store everything in bd; the manifest goes last and marks the build complete."""
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    nodes = [n for row in rows for n in row_nodes(row)]
    embed_model = load_embedding(spec, cfg.threads)
    client = store.make_client(cfg, None if cfg.chroma_url else bd.chroma_dir)
    name = store.collection_name(bd.build_id)
    collection = store.create_collection(client, name)
    vector_store = ChromaVectorStore(chroma_collection=collection)
    VectorStoreIndex(
        nodes,
        storage_context=StorageContext.from_defaults(vector_store=vector_store),
        embed_model=embed_model,
        show_progress=False,
    )
    if collection.count() != len(nodes):  # a short write must not be swapped in
        raise RuntimeError(f"Chroma bevat {collection.count()} van de {len(nodes)} vectoren")
    write_rows_jsonl(rows, bd.rows_file)
    manifest = replace(
        wanted,
        build_id=bd.build_id,
        collection=name,
        n_vectors=len(nodes),
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        seconds=round(time.perf_counter() - started, 3),
    )
    write_manifest(manifest, bd.manifest_file)
    return manifest


def _prune(cfg: IndexConfig, layout: Layout) -> None:
    """Delete incomplete and superseded builds (and their server collections). Holds the lock."""
    for bd in layout.prunable():
        if cfg.chroma_url:
            try:
                store.delete_collection(store.make_client(cfg, None), store.collection_name(bd.build_id))
            except Exception as exc:  # server down: the collection is orphaned, not harmful
                log.warning("kon collectie van build %s niet verwijderen: %s", bd.build_id, exc)
        layout.remove(bd)


def build_index(cfg: IndexConfig, rows: Sequence[ActionRow] | None = None, rebuild: bool = False) -> BuildReport:
    """Make sure a complete, fitting index exists; build it in a new directory if not.

    rows default to load_rows() on cfg.source. With rebuild=True a fitting index is rebuilt anyway.
    """
    started = time.perf_counter()
    rows = list(load_rows(cfg.source) if rows is None else rows)
    spec = parse_embedding(cfg.embedding)
    wanted = wanted_manifest(cfg, rows, spec)
    layout = Layout(cfg.data_dir)

    with layout.lock():
        # Checked under the lock: another process may have built it while we waited.
        current = layout.current()
        manifest = current.manifest() if current else None
        reason = manifest.stale_reason(wanted) if manifest else None
        if manifest is not None and reason is None and not rebuild:
            return BuildReport("reused", "index past bij de rijen en het model", manifest.n_rows,
                               manifest.n_vectors, time.perf_counter() - started, spec.backend,
                               spec.model, manifest.build_id, _location(cfg, current))
        if manifest is None:
            action, reason = "built", "er was nog geen index"
        elif reason is None:
            action, reason = "rebuilt", "herbouw gevraagd"
        else:
            action = "rebuilt"

        bd = layout.new_build()
        try:
            new = _write_build(cfg, bd, rows, spec, wanted, started)
        except BaseException:
            # Failed or interrupted (KeyboardInterrupt too): CURRENT still names the old build.
            if cfg.chroma_url:
                try:
                    store.delete_collection(store.make_client(cfg, None), store.collection_name(bd.build_id))
                except Exception:
                    pass
            layout.remove(bd)
            raise
        layout.swap_in(bd)
        _prune(cfg, layout)
        log.info("index %s: %s", action, reason)
        return BuildReport(action, reason, new.n_rows, new.n_vectors, time.perf_counter() - started,
                           spec.backend, spec.model, bd.build_id, _location(cfg, bd))
