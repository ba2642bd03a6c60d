"""The opened index: rows, hybrid search, structured lookups."""

from __future__ import annotations

import dataclasses
import threading
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
_QUERY_VECTORS = 2048  # query texts whose vector is kept: 2 KB each (512 float32), 4 MB in all
_FILTER_CACHE = 512  # distinct filter combinations remembered; the chat offers a few hundred


def _one_blas_thread():
    """A context that runs BLAS on one thread (threadpoolctl, libraries discovered once).

    The query's matrix-vector product is small; with OpenBLAS's default two threads on this
    2-core machine the worker thread spin-waits after each call and competes with the next
    step (the query encoder, another request). Measured at 780 rows, 2,986 vectors, busy
    machine: the product 3.7 ms -> 0.2 ms, and the encoder right after it 12 ms -> 2-6 ms."""
    global _LIMIT
    if _LIMIT is None:
        try:
            from threadpoolctl import ThreadpoolController

            controller = ThreadpoolController()
            _LIMIT = lambda: controller.limit(limits=1, user_api="blas")  # noqa: E731
        except Exception:  # noqa: BLE001 - without threadpoolctl the product runs as configured
            import contextlib

            _LIMIT = contextlib.nullcontext
    return _LIMIT()


_LIMIT = None


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
        # Filter results and view masks are asked for on every search of a request (up to four
        # times per topic question), each a Python pass over all rows: 20 ms per pass at 780 rows.
        self._filtered: dict[Filters, np.ndarray] = {}
        self._view_masks: dict[tuple[str, ...], np.ndarray] = {}
        self._query_vectors: dict[str, np.ndarray] = {}
        self._cache_lock = threading.Lock()

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
        q = self._query_vector(query)
        with _one_blas_thread():
            cos = m @ q
        keep = self._view_mask(tuple(views))
        if filters is not None and not filters.is_empty():
            keep = keep & self._allowed(filters)[np.clip(pos, 0, None)]
        best = np.full(len(self.rows), -np.inf)
        np.maximum.at(best, pos[keep], cos[keep].astype(np.float64))
        best[np.isneginf(best)] = np.nan
        return best

    def _query_vector(self, query: str) -> np.ndarray:
        """The query's unit vector, kept for repeated texts: encoding is the largest single cost
        of an answer (USE v3: 2-3 ms of ~6 ms on a quiet machine, two encodings per topic
        question), and a served app gets the same questions and topics again and again. The
        vector is a pure function of the text, so a repeat gives the same answer."""
        q = self._query_vectors.get(query)
        if q is None:
            q = np.asarray(self.embed_model.get_query_embedding(query), dtype=np.float32)
            q /= max(float(np.linalg.norm(q)), 1e-12)
            q.flags.writeable = False
            with self._cache_lock:
                if len(self._query_vectors) >= _QUERY_VECTORS:
                    self._query_vectors.pop(next(iter(self._query_vectors)))  # oldest first
                self._query_vectors[query] = q
        return q

    def _view_mask(self, views: tuple[str, ...]) -> np.ndarray:
        """Vectors of a known row whose view is one of `views` (np.isin over all vector ids
        took 0.5 ms per query at 2,986 vectors)."""
        mask = self._view_masks.get(views)
        if mask is None:
            _, pos, view = self._vectors()
            mask = (pos >= 0) & np.isin(view, list(views))
            mask.flags.writeable = False
            with self._cache_lock:
                self._view_masks[views] = mask
        return mask

    def _positions(self, filters: Filters) -> np.ndarray:
        """Row positions matching the filters, in document order; computed once per filter.

        A filter is the conjunction of its fields (structured.matches), so each field's rows are
        worked out once and combined: "afgerond" costs a pass over every row's texts (seconds at
        7,800 rows), and the chat asks for it together with many parties and priorities."""
        got = self._filtered.get(filters)
        if got is None:
            set_fields = [(f.name, getattr(filters, f.name)) for f in dataclasses.fields(filters)
                          if getattr(filters, f.name) != f.default]
            if len(set_fields) <= 1:
                got = np.array([self._position[r.id] for r in filter_rows(self.rows, filters, self.stands)],
                               dtype=np.int64)
            else:
                got = self._positions(dataclasses.replace(Filters(), **dict(set_fields[:1])))
                for name, value in set_fields[1:]:
                    got = np.intersect1d(got, self._positions(dataclasses.replace(Filters(), **{name: value})),
                                         assume_unique=True)
            got.flags.writeable = False
            with self._cache_lock:
                if len(self._filtered) >= _FILTER_CACHE:
                    self._filtered.clear()
                self._filtered[filters] = got
        return got

    def _allowed(self, filters: Filters | None) -> np.ndarray:
        allowed = np.zeros(len(self.rows), dtype=bool) if filters is not None and not filters.is_empty() \
            else np.ones(len(self.rows), dtype=bool)
        if filters is not None and not filters.is_empty():
            allowed[self._positions(filters)] = True
        return allowed

    # -- search -----------------------------------------------------------------------------------

    def search(self, query: str, k: int = 5, filters: Filters | None = None, mode: str = "hybrid",
               floor: float | None = None) -> SearchResult:
        """The best k rows. With `floor`, only rows whose score is at least floor x the best
        row's score (the same test as `h.score >= floor * hits[0].score` over all hits), so
        a caller that wants every row near the top does not get every row of the corpus."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        if not query or not query.strip():
            return SearchResult(query, mode, [], False, 0.0, None, filters)

        allowed = self._allowed(filters)

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

        sort = np.argsort(-ranking, kind="stable")
        if floor is not None and len(sort):
            # Same comparison in float64 as on the Python floats of the hits: same rows.
            sort = sort[ranking[sort] >= floor * float(ranking[sort[0]])]
        sort = sort[:k]
        hits = [Hit(self.rows[i], float(r), float(bm25[i]), float(dense[i]))
                for i, r in zip(idx[sort].tolist(), ranking[sort].tolist())]
        rel = relevance(bm25[idx], dense[idx], self.lexical, query, self.manifest.embedding_backend)
        top = hits[0].score if hits else 0.0
        return SearchResult(query, mode, hits, bool(hits) and rel.confident, top, rel, filters)

    # -- structured -------------------------------------------------------------------------------

    def filter_rows(self, filters: Filters | None) -> list[ActionRow]:
        """ALL rows matching the filters, in document order (not a top-k)."""
        if filters is None or filters.is_empty():
            return list(self.rows)
        return [self.rows[i] for i in self._positions(filters).tolist()]

    def stand(self, row: ActionRow) -> str:
        return self.stands[row.id]

    def lookup_doelstelling(self, doelstelling: str) -> list[ActionRow]:
        return filter_rows(self.rows, Filters(doelstelling=doelstelling))

    def canonical_party(self, name: str) -> str:
        return canonical_party(name, self._parties)

    @property
    def parties(self) -> list[str]:
        return list(self._parties)
