"""Honest splits: no evaluation question (the single-action set, the development and the test
split) is a near copy of a question that thresholds or weights were fitted on."""

import json
from pathlib import Path

from rapidfuzz import fuzz

from index.analyzer import fold

EVAL = Path(__file__).resolve().parent.parent / "eval"
FITTED_ON = ["data/retrieval_questions.jsonl", "data/retrieval_out_of_scope.jsonl", "data/calibration_questions.jsonl"]
TWIN = 85  # rapidfuzz token_sort_ratio on folded text: "wat voor weer wordt het morgen in utrecht" ~ 92


def questions(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out += [t["question"] for t in item["turns"]] if "turns" in item else [item["question"]]
    return out


def test_no_evaluation_question_is_a_twin_of_a_fitting_question():
    fitted = [q for name in FITTED_ON for q in questions(EVAL / name)]
    evaluated = questions(EVAL / "questions.jsonl")
    for split in ("dev", "test"):
        for path in sorted((EVAL / split).glob("*.jsonl")):
            evaluated += questions(path)
    twins = [(e, f) for e in evaluated for f in fitted if fuzz.token_sort_ratio(fold(e), fold(f)) >= TWIN]
    # Only the count: the evaluated questions include the held-out test split, whose text must not
    # reach whoever writes development questions.
    n = len(twins)  # pytest would print the list itself
    assert n == 0, f"{n} evaluated question(s) near-copy a fitting question"


def test_no_test_question_is_a_twin_of_a_development_question():
    dev = [q for p in sorted((EVAL / "dev").glob("*.jsonl")) for q in questions(p)]
    test = [q for p in sorted((EVAL / "test").glob("*.jsonl")) for q in questions(p)]
    twins = [(t, d) for t in test for d in dev if fuzz.token_sort_ratio(fold(t), fold(d)) >= 95]
    # Short follow-ups ("en wie doet dat?") may recur in both: they carry no subject of their own.
    twins = [(t, d) for t, d in twins if len(t.split()) > 5]
    n = len(twins)
    assert n == 0, f"{n} test question(s) near-copy a development question"
