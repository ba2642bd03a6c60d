"""Combining BM25 and dense scores over all candidate rows.

All methods see the full score vectors (the corpus is ~100 rows, so every row is a candidate),
which avoids the usual top-k truncation artefacts of rank fusion. The default method and weight
were chosen on eval/data/retrieval_questions.jsonl; index/README.md has the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METHODS = ("saturated", "score", "rrf", "tiebreak")


@dataclass(frozen=True)
class FusionConfig:
    method: str = "saturated"
    dense_weight: float = 0.3  # share of the dense signal; weight of the dense ranks in 'rrf'
    bm25_half: float = 4.0  # 'saturated': the BM25 score that counts as half-way convincing
    rrf_k: int = 60


def _rank(scores: np.ndarray) -> np.ndarray:
    """1-based ranks, best first; ties share the order argsort gives (stable)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def normalise_bm25(bm25: np.ndarray) -> np.ndarray:
    """Scale by the best row: BM25 has no fixed range, its shape within a query is what counts."""
    top = float(bm25.max(initial=0.0))
    return bm25 / top if top > 0 else np.zeros_like(bm25, dtype=np.float64)


def normalise_dense(dense: np.ndarray) -> np.ndarray:
    """Min-max over the candidates: cosine values bunch together (0.2-0.5 for USE), only the spread
    between rows carries information."""
    lo, hi = float(dense.min(initial=0.0)), float(dense.max(initial=0.0))
    return (dense - lo) / (hi - lo) if hi > lo else np.zeros_like(dense, dtype=np.float64)


def fuse(bm25: np.ndarray, dense: np.ndarray, cfg: FusionConfig) -> np.ndarray:
    bm25 = np.asarray(bm25, dtype=np.float64)
    dense = np.asarray(dense, dtype=np.float64)
    if cfg.method == "saturated":
        # BM25 on an absolute scale, b / (b + half): a row matching one common word stays weak even
        # when it is the best BM25 row, so a strong dense match can overtake it ("hackers en
        # datalekken" has no word in common with the cybersecurity row). Dense is min-max scaled:
        # its absolute cosines differ per model, the spread between rows is what carries.
        w = cfg.dense_weight
        return (1 - w) * bm25 / (bm25 + cfg.bm25_half) + w * normalise_dense(dense)
    if cfg.method == "score":
        w = cfg.dense_weight
        if not bm25.any():  # no query word in the corpus: dense is all we have
            return normalise_dense(dense)
        return (1 - w) * normalise_bm25(bm25) + w * normalise_dense(dense)
    if cfg.method == "rrf":
        # Rows without any BM25 term match get no BM25 rank credit (the pitfall: zero-score rows
        # would otherwise be ranked too).
        b = np.where(bm25 > 0, 1.0 / (cfg.rrf_k + _rank(bm25)), 0.0)
        d = 1.0 / (cfg.rrf_k + _rank(dense))
        return (1 - cfg.dense_weight) * b + cfg.dense_weight * d
    if cfg.method == "tiebreak":
        # BM25 decides; dense only orders rows whose BM25 scores are (nearly) equal.
        return normalise_bm25(bm25) + 1e-3 * normalise_dense(dense)
    raise ValueError(f"unknown fusion method {cfg.method!r}")
