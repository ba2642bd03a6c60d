"""BM25 over the action rows (bm25s), with the Dutch analyzer from analyzer.py.

Built in memory from the rows every time the index is opened: for ~100 rows that takes a few
milliseconds, so there is nothing to persist and nothing to go stale.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

import bm25s
import numpy as np

from ingest import ActionRow

from .analyzer import Analyzer


def bm25_text(row: ActionRow) -> str:
    """What BM25 sees: the cells without column labels (labels occur in every row and would only
    match the question frame), the Wat? cell twice because it says what the action *is*."""
    return "\n".join([row.wat, row.wat, row.wie, row.wanneer, row.status, row.voortgang])


@dataclass
class LexicalIndex:
    analyzer: Analyzer
    bm25: bm25s.BM25
    n_docs: int
    doc_freq: Counter  # term -> number of rows containing it
    row_terms: list[frozenset]  # the terms of each row, in row order

    @classmethod
    def build(
        cls,
        rows: Sequence[ActionRow],
        text_of: Callable[[ActionRow], str] = bm25_text,
        **analyzer_options,
    ) -> "LexicalIndex":
        texts = [text_of(r) for r in rows]
        analyzer = Analyzer.fit(texts, **analyzer_options)
        corpus = [analyzer.document_terms(t) or [""] for t in texts]
        bm25 = bm25s.BM25(k1=1.2, b=0.75)
        bm25.index(corpus, show_progress=False)
        doc_freq = Counter(t for terms in corpus for t in set(terms) if t)
        return cls(analyzer=analyzer, bm25=bm25, n_docs=len(rows), doc_freq=doc_freq,
                   row_terms=[frozenset(terms) for terms in corpus])

    def idf(self, term: str) -> float:
        df = self.doc_freq.get(term, 0)
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def known_share(self, query: str) -> float:
        """IDF-weighted share of the query's terms that occur anywhere in the report.

        Questions about something else name things the report never mentions ("duo",
        "hypotheekrenteaftrek"); an unknown term weighs the most, as it would in BM25."""
        terms = set(self.analyzer.query_terms(query))
        total = sum(self.idf(t) for t in terms)
        if total == 0:
            return 0.0
        return sum(self.idf(t) for t in terms if t in self.doc_freq) / total

    def coverage(self, query: str, row_index: int) -> float:
        """IDF-weighted share of the query's terms that occur in one row: does the row talk
        about what the question asks, or only share its frame ("mbo", "studenten")?"""
        terms = set(self.analyzer.query_terms(query))
        total = sum(self.idf(t) for t in terms)
        if total == 0:
            return 0.0
        return sum(self.idf(t) for t in terms if t in self.row_terms[row_index]) / total

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row, in row order (zeros when no query term is in the corpus)."""
        terms = [t for t in self.analyzer.query_terms(query) if t in self.bm25.vocab_dict]
        if not terms:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self.bm25.get_scores(terms), dtype=np.float32)
