"""Retrieval quality on a fixed Dutch question set: Hit@1, Hit@3 and MRR per retriever variant.

    python -m index.evaluate            # all variants, both embedding backends
    python -m index.evaluate --fast     # USE only

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

from ingest import ActionRow

from .analyzer import fold
from .fusion import FusionConfig, fuse
from .lexical import LexicalIndex

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
QUESTIONS_FILE = FIXTURES / "index_questions.jsonl"
OUT_OF_SCOPE_FILE = FIXTURES / "index_out_of_scope.jsonl"


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
    h1 = h3 = rr = 0.0
    n = 0
    misses = []
    for q, ranked, expected in rankings:
        n += 1
        rank = next((r + 1 for r, pos in enumerate(ranked) if pos in expected), None)
        if rank == 1:
            h1 += 1
        if rank is not None and rank <= 3:
            h3 += 1
        else:
            misses.append(q.question)
        rr += 1.0 / rank if rank else 0.0
    return Metrics(n, h1 / n, h3 / n, rr / n, tuple(misses)) if n else Metrics(0, 0, 0, 0)


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
            [r.wat, r.wie, r.wanneer, r.status_2024, r.voortgang])),
    }


DENSE_VIEW_SETS = {
    "all-views": ("row", "wat", "status_2024", "voortgang"),
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


def main(argv: Sequence[str] | None = None) -> int:
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ingest import load_rows

    from .api import open_index
    from .config import IndexConfig

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fast", action="store_true", help="only the USE backend")
    ap.add_argument("--misses", action="store_true", help="list the questions each variant misses")
    ap.add_argument("--kinds", action="store_true", help="also report per question kind")
    args = ap.parse_args(argv)

    rows = load_rows()
    questions = load_questions()
    unresolved = [q.question for q in questions if not expected_positions(rows, q)]
    for q in unresolved:
        print(f"NIET GEVONDEN in de rijen: {q}")
    backends = ["use"] if args.fast else ["use", "minilm"]
    with tempfile.TemporaryDirectory() as tmp:
        indexes = {b: open_index(IndexConfig(data_dir=Path(tmp) / b, embedding=b), rows=rows) for b in backends}
        results = evaluate(indexes, questions, rows, kinds=args.kinds)
    for name, m in results.items():
        print(m.line(name))
        if args.misses:
            for miss in m.misses:
                print(f"      mis: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
