"""Is the question about something in the report at all? A calibrated yes/no for the answer layer.

Three signals, any one suffices:
- known share: the IDF-weighted share of the question's terms that occur anywhere in the report.
  Out-of-scope questions name things the report never mentions ("duo", "hypotheekrenteaftrek").
- dense: the best cosine of the question with any vector of any row, for paraphrases in words
  the report does not use ("hackers en datalekken" -> cybersecurity). Only for USE v3, the
  model the threshold was fitted on; other models have other cosine ranges (MiniLM gives
  out-of-scope questions 0.72), so there the known share decides alone.
- a strong BM25 match: many of the question's words in one row. No question of the first
  out-of-scope set scores above 3.4 and a grid search over all three thresholds put this one at
  6.0; it rescues in-scope questions in loose wording ("bbl offensief toen vs nu").

Checked afterwards on eval/data/calibration_questions.jsonl (50 in scope, 50 out of scope,
written blind to every other question set): with it, 92.6% of all 163 in-scope and 28.6% of all 70
out-of-scope calibration questions count as confident. Questions that share the report's words but
ask about something else ("collegegeld op het hbo", "weer in Utrecht") are the weak spot. A second
test (the IDF-weighted share of the question found in the best row) fitted on that set brought the
out-of-scope rate to 18.6% but refused 9% of in-scope questions, and on the evaluation set four
answerable status questions instead of one, so it was not adopted.

Fitted on eval/data/retrieval_questions.jsonl and retrieval_out_of_scope.jsonl. Refitted after the
twins of evaluation questions were taken out of both (tests/test_eval_splits.py keeps them out:
109 in scope, 18 out of scope; `werkagenda eval --suite retrieval --fast --fit-confidence`):
- these thresholds (0.6 / BM25 6.0 / dense 0.35): 94.5% of in-scope and 5.6% of out-of-scope
  questions confident; on the blind calibration set 88% / 36.7%;
- the grid's best on the fitting sets alone (0.65 / 6.0 / 0.40): 94.5% / 0%, but 82% / 22.4% on the
  calibration set, and on the single-action evaluation (development use) Hit@1 0.871 -> 0.849 with
  3 more answerable questions refused. Kept the old values: the stricter ones buy out-of-scope
  refusals that the answer layer (app/engine.py's answerability checks) now gets another way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .lexical import LexicalIndex

KNOWN_SHARE_THRESHOLD = 0.6
BM25_SURE = 6.0
DENSE_THRESHOLDS = {"use": 0.35}  # keyed by embedding backend


@dataclass(frozen=True)
class Relevance:
    known_share: float  # 0..1, see module docstring
    bm25_top: float  # best raw BM25 score among the candidates (for display and debugging)
    dense_top: float  # best cosine among the candidates (nan when dense was not run)
    confident: bool


def relevance(bm25: np.ndarray, dense: np.ndarray, lexical: LexicalIndex, query: str,
              backend: str = "use") -> Relevance:
    known = lexical.known_share(query)
    bm25_top = float(bm25.max(initial=0.0)) if len(bm25) else 0.0
    finite = dense[~np.isnan(dense)] if len(dense) else dense
    dense_top = float(finite.max()) if len(finite) else float("nan")
    confident = known >= KNOWN_SHARE_THRESHOLD or bm25_top >= BM25_SURE
    threshold = DENSE_THRESHOLDS.get(backend)
    if threshold is not None and not np.isnan(dense_top):
        confident = confident or dense_top >= threshold
    return Relevance(known, bm25_top, dense_top, confident)
