"""The opened index: rows, hybrid search, structured lookups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ingest import ActionRow

from .confidence import Relevance, relevance
from .fusion import FusionConfig, fuse
from .lexical import LexicalIndex
from .manifest import Manifest
from .nodes import DENSE_VIEWS
from .stand import stands
from .structured import Filters, canonical_party, chroma_where, filter_rows

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

MODES = ("hybrid", "bm25", "dense")
_PAGE = 1024  # vectors read per Chroma get() when the matrix is built


@dataclass(frozen=True)
class Hit:
    row: ActionRow
    score: float  # what the ranking used (fused score in hybrid mode)
    bm25: float  # raw BM25 score of the row
    dense: float  # cosine similarity of the best vector of the row (nan: not scored)


@dataclass(frozen=True)
class SearchResult:
    query: str
    mode: str
    hits: list[Hit]
    confident: bool  # False: the answer layer should say "dit staat niet in de rapportage"
    top_score: float  # score of the best hit (0.0 without hits)
    relevance: Relevance | None = None  # the raw signals behind `confident`
    filters: Filters | None = None

    @property
    def rows(self) -> list[ActionRow]:
        return [h.row for h in self.hits]


@dataclass
class Index:
    rows: list[ActionRow]
    manifest: Manifest
    embed_model: BaseEmbedding
    vector_store: object  # llama-index ChromaVectorStore
    lexical: LexicalIndex
    fusion: FusionConfig = field(default_factory=FusionConfig)
    warning: str | None = None  # e.g. the source could not be parsed and the stored rows are used
    build_report: object | None = None  # BuildReport of what opening had to build (None: reused)

    def __post_init__(self) -> None:
        self._position = {row.id: i for i, row in enumerate(self.rows)}
        self.stands: dict[str, str] = stands(self.rows)
        self._parties = sorted({p for r in self.rows for p in r.partijen})

    # -- scores -----------------------------------------------------------------------------------

    def bm25_scores(self, query: str) -> np.ndarray:
        return self.lexical.scores(query)

    def _vectors(self):
        """All vectors of the collection in memory, read once: (unit-length matrix, row position,
        view) per vector. Scoring them with one matrix-vector product replaced a Chroma query for
        every vector plus a Python loop over the hits (measured by `werkagenda bench`, engine mean
        per answer: 12.3 -> 6.7 ms at 78 rows, 34.8 -> 9.7 ms at 780; same answers on all 105
        evaluation questions at 1x, 10x and 100x). Memory: 4 bytes x 512 dims x vectors (300 here)."""
        if getattr(self, "_matrix", None) is None:
            # Read in pages straight into float32: one get() of every vector first builds Python
            # floats (measured at 7,800 rows: 1.05 GB peak RSS for a 61 MB matrix).
            collection = self.vector_store.client
            total = collection.count()
            blocks, ids = [], []
            for offset in range(0, max(total, 1), _PAGE):
                got = collection.get(include=["embeddings"], limit=_PAGE, offset=offset)
                if len(got["ids"]) == 0:
                    break
                ids += got["ids"]
                blocks.append(np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1))
            m = np.concatenate(blocks) if blocks else np.zeros((0, 1), dtype=np.float32)
            m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
            pos = np.array([self._position.get(i.partition("#")[0], -1) for i in ids], dtype=np.int64)
            view = np.array([i.partition("#")[2] or "row" for i in ids])
            self._matrix, self._vpos, self._vview = m, pos, view
        return self._matrix, self._vpos, self._vview

    def dense_scores(self, query: str, filters: Filters | None = None,
                     views: Sequence[str] = DENSE_VIEWS) -> np.ndarray:
        """Cosine of each row's best vector among `views`; nan for rows the filter excludes."""
        m, pos, view = self._vectors()
        q = np.asarray(self.embed_model.get_query_embedding(query), dtype=np.float32)
        q /= max(float(np.linalg.norm(q)), 1e-12)
        cos = m @ q
        keep = (pos >= 0) & np.isin(view, list(views))
        if filters is not None and not filters.is_empty():
            allowed = np.zeros(len(self.rows), dtype=bool)
            allowed[[self._position[r.id] for r in filter_rows(self.rows, filters, self.stands)]] = True
            keep &= allowed[np.clip(pos, 0, None)]
        best = np.full(len(self.rows), -np.inf)
        np.maximum.at(best, pos[keep], cos[keep].astype(np.float64))
        best[np.isneginf(best)] = np.nan
        return best

    # -- search -----------------------------------------------------------------------------------

    def search(self, query: str, k: int = 5, filters: Filters | None = None, mode: str = "hybrid") -> SearchResult:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        if not query or not query.strip():
            return SearchResult(query, mode, [], False, 0.0, None, filters)

        allowed = np.ones(len(self.rows), dtype=bool)
        if filters is not None and not filters.is_empty():
            keep = {r.id for r in filter_rows(self.rows, filters, self.stands)}
            allowed = np.array([r.id in keep for r in self.rows], dtype=bool)

        bm25 = self.bm25_scores(query)
        if mode == "bm25":
            dense = np.full(len(self.rows), np.nan)
        else:
            dense = self.dense_scores(query, filters)
            allowed &= ~np.isnan(dense)  # Chroma applied the same filter
        idx = np.flatnonzero(allowed)

        if mode == "bm25":
            idx = idx[bm25[idx] > 0]  # zero-score rows are not hits
            ranking = bm25[idx].astype(np.float64)
        elif mode == "dense":
            ranking = dense[idx]
        else:
            ranking = fuse(bm25[idx], dense[idx], self.fusion)

        order = idx[np.argsort(-ranking, kind="stable")][:k]
        by_row = dict(zip(idx.tolist(), ranking.tolist()))
        hits = [Hit(self.rows[i], float(by_row[i]), float(bm25[i]), float(dense[i])) for i in order]
        rel = relevance(bm25[idx], dense[idx], self.lexical, query, self.manifest.embedding_backend)
        top = hits[0].score if hits else 0.0
        return SearchResult(query, mode, hits, bool(hits) and rel.confident, top, rel, filters)

    # -- structured -------------------------------------------------------------------------------

    def filter_rows(self, filters: Filters | None) -> list[ActionRow]:
        """ALL rows matching the filters, in document order (not a top-k)."""
        return filter_rows(self.rows, filters, self.stands)

    def stand(self, row: ActionRow) -> str:
        return self.stands[row.id]

    def lookup_doelstelling(self, doelstelling: str) -> list[ActionRow]:
        return filter_rows(self.rows, Filters(doelstelling=doelstelling))

    def canonical_party(self, name: str) -> str:
        return canonical_party(name, self._parties)

    @property
    def parties(self) -> list[str]:
        return list(self._parties)
