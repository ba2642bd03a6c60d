"""open_index: the one way in for the app and the evaluation."""

from __future__ import annotations

import logging
from typing import Sequence

from ingest import ActionRow, IngestError, load_rows, read_rows_jsonl

from . import store
from .config import IndexConfig
from .embeddings import load_query_embedding, parse_embedding
from .fusion import FusionConfig
from .datadir import Layout
from .lexical import LexicalIndex
from .search import Index

log = logging.getLogger(__name__)


def open_index(cfg: IndexConfig | None = None, rows: Sequence[ActionRow] | None = None,
               fusion: FusionConfig | None = None) -> Index:
    """Open the current index, building or rebuilding it first when missing or stale.

    rows default to load_rows(cfg.source). If the source cannot be parsed but a complete index
    exists, that index is opened with its stored rows and `Index.warning` says so.
    """
    cfg = cfg or IndexConfig.from_env()
    spec = parse_embedding(cfg.embedding)
    layout = Layout(cfg.data_dir)
    warning = None
    report = None

    if rows is None:
        try:
            rows = load_rows(cfg.source)
        except IngestError as exc:
            current = layout.current()
            if current is None:
                raise
            warning = f"De bron kon niet worden gelezen ({exc}); de bestaande index wordt gebruikt."
            log.warning(warning)
            rows = read_rows_jsonl(current.rows_file)
    rows = list(rows)
    if not rows:
        raise IngestError("er zijn geen acties om te doorzoeken (de bron en de bestaande index zijn leeg).")
    _tidy(cfg, layout)

    from .build import build_index, wanted_manifest  # no llama-index until something is built

    current = layout.current()
    manifest = current.manifest() if current else None
    if manifest is None or manifest.stale_reason(wanted_manifest(cfg, rows, spec)):
        try:
            report = build_index(cfg, rows=rows)
        except Exception as exc:  # noqa: BLE001 - disk full, Chroma refusing: keep what works
            if current is None or manifest is None:
                if isinstance(exc, OSError):
                    raise  # the data directory itself is the problem: the caller says so in Dutch
                raise BuildError(f"de index kon niet worden gebouwd ({_reason(exc)}).") from exc
            warning = (f"De index kon niet opnieuw worden gebouwd ({_reason(exc)}); de vorige index wordt "
                       "gebruikt, met de rijen waaruit die gebouwd is.")
            log.warning(warning)
            rows = read_rows_jsonl(current.rows_file)
        current = layout.current()
        manifest = current.manifest() if current else None
    if current is None or manifest is None:  # pragma: no cover - build_index guarantees one
        raise RuntimeError("Er is geen bruikbare index.")

    from types import SimpleNamespace

    try:
        collection = _open_collection(cfg, current, manifest)
    except Exception as exc:
        # The manifest says complete but the vectors are gone (server wiped, chroma dir deleted):
        # rebuild rather than fail.
        log.warning("index %s onbruikbaar (%s); opnieuw bouwen", manifest.build_id, exc)
        report = build_index(cfg, rows=rows, rebuild=True)
        current = layout.current()
        manifest = current.manifest()
        collection = _open_collection(cfg, current, manifest)
    index = Index(
        rows=rows,
        manifest=manifest,
        embed_model=load_query_embedding(spec, cfg.threads),
        # Index.search queries the collection itself (vector_store.client).
        vector_store=SimpleNamespace(client=collection),
        lexical=LexicalIndex.build(rows),
        fusion=fusion or FusionConfig(),
        warning=warning,
        build_report=report,
    )
    return index


class BuildError(RuntimeError):
    """No index could be built and none exists; the message is Dutch."""


_OS_ERRORS = {"ENOENT": "bestaat niet", "ENOTDIR": "is geen map", "EACCES": "geen toegang", "EPERM": "geen toegang",
              "EROFS": "alleen-lezen bestandssysteem", "ENOSPC": "de schijf is vol", "EISDIR": "is een map"}


def dutch_os_error(exc: OSError) -> str:
    """The reason of an OSError in Dutch: its strerror is English ("Not a directory")."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_ERRORS.get(name, f"systeemfout {name or exc.errno}")


def _reason(exc: BaseException) -> str:
    """A short Dutch reason for a failed build, without library class names."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return dutch_os_error(exc)
    if "No space left" in str(exc) or "disk is full" in str(exc):  # chromadb wraps SQLite's message
        return "de schijf is vol"
    return "fout bij het opslaan van de vectoren"


def _tidy(cfg: IndexConfig, layout: Layout) -> None:
    """Remove builds a killed process left half-written, unless a build is running right now."""
    from .build import _prune

    if not layout.builds_dir.exists():
        return
    with layout.try_lock() as locked:
        if locked:
            _prune(cfg, layout)


def _open_collection(cfg: IndexConfig, current, manifest):
    client = store.make_client(cfg, None if cfg.chroma_url else current.chroma_dir)
    collection = store.get_collection(client, manifest.collection)
    if collection.count() != manifest.n_vectors:
        raise RuntimeError(f"collectie heeft {collection.count()} van {manifest.n_vectors} vectoren")
    return collection
