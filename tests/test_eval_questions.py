"""The evaluation question set is well-formed and every quoted string is in the source."""

from pathlib import Path

from eval.check_questions import check_questions
from ingest import DEFAULT_SOURCE

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"


def test_question_set_is_valid():
    assert check_questions(QUESTIONS, DEFAULT_SOURCE) == []


def test_question_set_size_and_spread():
    import json

    qs = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(qs) >= 80
    kinds = {q["kind"] for q in qs}
    assert kinds == {"status", "who", "when", "change", "list", "fact", "out_of_scope"}
    covered = {d for q in qs for d in q["doelstelling"]}
    assert len(covered) == 12
