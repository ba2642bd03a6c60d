"""Retrieval quality on a fixed Dutch question set: Hit@1, Hit@3 and MRR per retriever variant.

    werkagenda eval --suite retrieval [--fast] [--kinds] [--misses]
    python -m eval.retrieval ...

The index-level suite (the answer-level suites are eval/run.py and eval/beyond.py); it scores
the retrievers of index/ directly, over full score vectors, with the same metrics (eval/metrics.py).

Questions name their expected row by a substring of its Wat? cell (never by id), so the set
survives parser changes. Everything is scored over full score vectors, then fused offline, so
each variant costs one pass of arithmetic rather than a new index.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from index.analyzer import fold
from index.fusion import FusionConfig, fuse
from index.lexical import LexicalIndex
from ingest import ActionRow

from . import metrics as M

DATA = Path(__file__).resolve().parent / "data"
QUESTIONS_FILE = DATA / "retrieval_questions.jsonl"
OUT_OF_SCOPE_FILE = DATA / "retrieval_out_of_scope.jsonl"
CALIBRATION_FILE = DATA / "calibration_questions.jsonl"


@dataclass(frozen=True)
class Question:
    question: str
    expect_wat: str
    kind: str = ""


def load_questions(path: Path = QUESTIONS_FILE) -> list[Question]:
    with open(path, encoding="utf-8") as fh:
        return [Question(**json.loads(line)) for line in fh if line.strip()]


def load_out_of_scope(path: Path = OUT_OF_SCOPE_FILE) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["question"] for line in fh if line.strip()]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def expected_positions(rows: Sequence[ActionRow], q: Question) -> list[int]:
    """Rows whose Wat? contains the expected substring (accent-, case- and space-insensitive)."""
    needle = _squash(q.expect_wat)
    return [i for i, row in enumerate(rows) if needle in _squash(row.wat)]


@dataclass(frozen=True)
class Metrics:
    n: int
    hit1: float
    hit3: float
    mrr: float
    misses: tuple[str, ...] = ()

    def line(self, name: str) -> str:
        return f"{name:<34} Hit@1 {self.hit1:.3f}  Hit@3 {self.hit3:.3f}  MRR {self.mrr:.3f}  (n={self.n})"


def metrics(rankings: Iterable[tuple[Question, Sequence[int], Sequence[int]]]) -> Metrics:
    """rankings: (question, ranked row positions, expected positions)."""
    rows = [(q, list(ranked), set(expected)) for q, ranked, expected in rankings]
    if not rows:
        return Metrics(0, 0, 0, 0)
    n = len(rows)
    misses = tuple(q.question for q, ranked, exp in rows if not M.hit_at_k(ranked, exp, 3))
    return Metrics(n, sum(M.hit_at_k(r, e, 1) for _, r, e in rows) / n, sum(M.hit_at_k(r, e, 3) for _, r, e in rows) / n,
                   sum(M.reciprocal_rank(r, e) for _, r, e in rows) / n, misses)


def rank_of(scores: np.ndarray, candidates: np.ndarray | None = None) -> list[int]:
    order = np.argsort(-scores, kind="stable")
    if candidates is not None:
        order = [i for i in order if candidates[i]]
    return list(map(int, order))


# -- variants ---------------------------------------------------------------------------------------

def lexical_variants(rows: Sequence[ActionRow]) -> dict[str, LexicalIndex]:
    return {
        "bm25": LexicalIndex.build(rows),
        "bm25-no-compounds": LexicalIndex.build(rows, split_compounds=False),
        "bm25-no-typos": LexicalIndex.build(rows, fix_typos=False),
        "bm25-stem-only": LexicalIndex.build(rows, split_compounds=False, fix_typos=False),
        "bm25-labelled-row-text": LexicalIndex.build(rows, text_of=lambda r: r.text()),
        "bm25-wat-once": LexicalIndex.build(rows, text_of=lambda r: "\n".join(
            [r.wat, r.wie, r.wanneer, r.status, r.voortgang])),
    }


DENSE_VIEW_SETS = {
    "all-views": ("row", "wat", "status", "voortgang"),
    "row-only": ("row",),
}

FUSIONS = {
    "saturated-w0.3": FusionConfig("saturated", dense_weight=0.3, bm25_half=4.0),
    "saturated-w0.5": FusionConfig("saturated", dense_weight=0.5, bm25_half=4.0),
    "maxnorm-w0.3": FusionConfig("score", dense_weight=0.3),
    "maxnorm-w0.5": FusionConfig("score", dense_weight=0.5),
    "rrf-w0.5": FusionConfig("rrf", dense_weight=0.5),
    "rrf-w0.3": FusionConfig("rrf", dense_weight=0.3),
    "tiebreak": FusionConfig("tiebreak"),
}


def evaluate(index_by_backend: dict, questions: Sequence[Question], rows: Sequence[ActionRow],
             kinds: bool = False) -> dict[str, Metrics]:
    """index_by_backend: {"use": Index, "minilm": Index} built on the same rows.

    With kinds=True each variant is also reported per question kind (keyword, paraphrase, ...)."""
    resolved = [(q, expected_positions(rows, q)) for q in questions]
    resolved = [(q, e) for q, e in resolved if e]
    groups = {"": resolved}
    if kinds:
        for kind in sorted({q.kind for q, _ in resolved}):
            groups[f" [{kind}]"] = [(q, e) for q, e in resolved if q.kind == kind]
    results: dict[str, Metrics] = {}

    def record(name: str, score_fn: Callable[[int], np.ndarray], only_positive: bool = False) -> None:
        scores = [score_fn(i) for i in range(len(resolved))]
        by_question = {q.question: s for (q, _), s in zip(resolved, scores)}
        for suffix, members in groups.items():
            results[name + suffix] = metrics(
                (q, rank_of(by_question[q.question], by_question[q.question] > 0 if only_positive else None), e)
                for q, e in members
            )

    lex = lexical_variants(rows)
    bm25 = {name: [li.scores(q.question).astype(np.float64) for q, _ in resolved] for name, li in lex.items()}
    for name in bm25:
        record(name, lambda i, name=name: bm25[name][i], only_positive=True)

    for backend, idx in index_by_backend.items():
        for views_name, views in DENSE_VIEW_SETS.items():
            dense = [np.nan_to_num(idx.dense_scores(q.question, views=views), nan=-1.0) for q, _ in resolved]
            record(f"dense-{backend}-{views_name}", lambda i, dense=dense: dense[i])
            for fname, cfg in FUSIONS.items():
                record(f"hybrid-{fname}-{backend}-{views_name}",
                       lambda i, dense=dense, cfg=cfg: fuse(bm25["bm25"][i], dense[i], cfg))
    return results


def fit_confidence(idx, in_scope: Sequence[str], out_of_scope: Sequence[str], max_out: float = 0.10):
    """Grid search for index/confidence.py's thresholds: the most in-scope questions confident while
    at most `max_out` of the out-of-scope ones are. Returns (known_share, bm25_sure, dense, in, out)."""
    from index.confidence import relevance as _rel  # noqa: F401 - the signals below are the same

    def signals(q: str):
        res = idx.search(q, k=1)
        r = res.relevance
        return (r.known_share, r.bm25_top, r.dense_top) if r else (0.0, 0.0, float("nan"))

    ins = [signals(q) for q in in_scope]
    outs = [signals(q) for q in out_of_scope]

    def rate(sig, ks, bs, ds):
        return sum(k >= ks or b >= bs or (d == d and d >= ds) for k, b, d in sig) / len(sig)

    best = None
    for ks in np.arange(0.4, 0.85, 0.05):
        for bs in (4.0, 5.0, 6.0, 7.0, 8.0):
            for ds in (0.30, 0.35, 0.40, 0.45, 0.50):
                i, o = rate(ins, ks, bs, ds), rate(outs, ks, bs, ds)
                key = (o <= max_out, i, -o)
                if best is None or key > best[0]:
                    best = (key, (round(float(ks), 2), bs, ds, round(i, 3), round(o, 3)))
    return best[1]


def run(args: argparse.Namespace) -> int:
    """`werkagenda eval --suite retrieval [--fast] [--misses] [--kinds] [--fit-confidence]` (the
    options are registered by eval/run.py's add_arguments)."""
    from ingest import load_rows

    from index.api import open_index
    from index.config import IndexConfig

    rows = load_rows()
    questions = load_questions()
    unresolved = [q.question for q in questions if not expected_positions(rows, q)]
    for q in unresolved:
        print(f"NIET GEVONDEN in de rijen: {q}")
    backends = ["use"] if args.fast else ["use", "minilm"]
    with tempfile.TemporaryDirectory() as tmp:
        indexes = {b: open_index(IndexConfig(data_dir=Path(tmp) / b, embedding=b), rows=rows) for b in backends}
        results = evaluate(indexes, questions, rows, kinds=args.kinds)
        if args.fit_confidence:
            ks, bs, ds, i, o = fit_confidence(indexes["use"], [q.question for q in questions], load_out_of_scope())
            print(f"confidence fit: known_share >= {ks}, bm25 >= {bs}, dense >= {ds}: "
                  f"in scope {i:.3f}, out of scope {o:.3f} confident")
    for name, m in results.items():
        print(m.line(name))
        if args.misses:
            for miss in m.misses:
                print(f"      mis: {miss}")
    return 0


if __name__ == "__main__":
    import sys

    from werkagenda import main

    raise SystemExit(main(["eval", "--suite", "retrieval", *sys.argv[1:]]))
