#!/usr/bin/env python3
"""Sanity checks for the hand-written evaluation questions (eval/questions.jsonl).

Usage:
    python eval/check_questions.py [questions.jsonl] [source.txt]

Prints one line per problem and exits with status 1 if any problem is found.
Standard library only.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

FIELDS = {
    "id": str,
    "question": str,
    "persona": str,
    "kind": str,
    "doelstelling": list,
    "row_anchor": list,
    "period": str,
    "must_contain": list,
    "answer": str,
}
PERSONAS = {"staff", "job", "eval"}
KINDS = {"status", "who", "when", "change", "list", "fact", "out_of_scope"}
PERIODS = {"status", "voortgang", "both", "none"}
DOELSTELLINGEN = [
    "1.1", "1.2", "1.3", "1.4", "1.5",
    "2.1", "2.2", "2.3",
    "3.1", "3.2", "3.3", "3.4",
]
MIN_QUESTIONS_PER_DOELSTELLING = 4
ID_PATTERN = re.compile(r"^q\d{3}$")
WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Collapse every whitespace run into a single space and trim the ends."""
    return WS.sub(" ", text).strip()


def check_questions(questions_path, source_path) -> list[str]:
    """Return a list of human-readable problems (empty if everything is fine)."""
    problems: list[str] = []

    source_text = Path(source_path).read_text(encoding="utf-8")
    source_norm = normalize(source_text)
    source_lines = [normalize(line) for line in source_text.splitlines()]
    source_lines = [line for line in source_lines if line]

    seen_ids: Counter = Counter()
    per_doelstelling: Counter = Counter()

    raw_lines = Path(questions_path).read_text(encoding="utf-8").splitlines()
    if not any(line.strip() for line in raw_lines):
        return [f"{questions_path}: no questions found"]

    for lineno, raw in enumerate(raw_lines, start=1):
        where = f"line {lineno}"
        if not raw.strip():
            problems.append(f"{where}: empty line")
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc})")
            continue
        if not isinstance(item, dict):
            problems.append(f"{where}: not a JSON object")
            continue

        qid = item.get("id")
        if isinstance(qid, str):
            where = f"line {lineno} ({qid})"

        # Field presence and types.
        missing = [name for name in FIELDS if name not in item]
        extra = [name for name in item if name not in FIELDS]
        if missing:
            problems.append(f"{where}: missing field(s) {missing}")
        if extra:
            problems.append(f"{where}: unexpected field(s) {extra}")
        bad_fields = set(missing)
        for name, expected in FIELDS.items():
            if name not in item:
                continue
            value = item[name]
            if not isinstance(value, expected):
                problems.append(f"{where}: field '{name}' should be {expected.__name__}")
                bad_fields.add(name)
            elif expected is list and not all(isinstance(v, str) for v in value):
                problems.append(f"{where}: field '{name}' should be a list of strings")
                bad_fields.add(name)
            elif expected is str and not value.strip():
                problems.append(f"{where}: field '{name}' is empty")
        # Replace missing or mistyped fields by neutral values so that the
        # remaining checks can still run without cascading errors.
        item = {
            name: (expected() if name in bad_fields else item[name])
            for name, expected in FIELDS.items()
        }

        # Allowed values.
        if "id" not in bad_fields:
            if not ID_PATTERN.match(item["id"]):
                problems.append(f"{where}: id '{item['id']}' does not match qNNN")
            seen_ids[item["id"]] += 1
        if "persona" not in bad_fields and item["persona"] not in PERSONAS:
            problems.append(f"{where}: persona '{item['persona']}' not in {sorted(PERSONAS)}")
        if "kind" not in bad_fields and item["kind"] not in KINDS:
            problems.append(f"{where}: kind '{item['kind']}' not in {sorted(KINDS)}")
        if "period" not in bad_fields and item["period"] not in PERIODS:
            problems.append(f"{where}: period '{item['period']}' not in {sorted(PERIODS)}")
        for d in item["doelstelling"]:
            if d not in DOELSTELLINGEN:
                problems.append(f"{where}: unknown doelstelling '{d}'")
        if len(set(item["doelstelling"])) != len(item["doelstelling"]):
            problems.append(f"{where}: duplicate doelstelling values")
        for d in set(item["doelstelling"]):
            per_doelstelling[d] += 1

        # Anchors: must occur in the source, within one single source line.
        for anchor in item["row_anchor"]:
            a = normalize(anchor)
            if not a:
                problems.append(f"{where}: empty row_anchor")
            elif a not in source_norm:
                problems.append(f"{where}: row_anchor not found in source: {anchor!r}")
            elif not any(a in line for line in source_lines):
                problems.append(f"{where}: row_anchor spans several source lines: {anchor!r}")
        if len(set(item["row_anchor"])) != len(item["row_anchor"]):
            problems.append(f"{where}: duplicate row_anchor values")

        # must_contain: must occur in the (whitespace-collapsed) source.
        for needle in item["must_contain"]:
            n = normalize(needle)
            if not n:
                problems.append(f"{where}: empty must_contain string")
            elif n not in source_norm:
                problems.append(f"{where}: must_contain not found in source: {needle!r}")

        # Consistency between kind and the other fields.
        if item["kind"] not in KINDS:
            continue
        if item["kind"] == "out_of_scope":
            if item["doelstelling"] or item["row_anchor"] or item["must_contain"]:
                problems.append(
                    f"{where}: out_of_scope question must have empty "
                    "doelstelling, row_anchor and must_contain"
                )
            if item["period"] != "none":
                problems.append(f"{where}: out_of_scope question must have period 'none'")
        else:
            if not item["row_anchor"]:
                problems.append(f"{where}: needs at least one row_anchor")
            if not item["doelstelling"]:
                problems.append(f"{where}: needs at least one doelstelling")
            if not 1 <= len(item["must_contain"]) <= 4:
                problems.append(f"{where}: must_contain should hold 1-4 strings")

    for qid, count in sorted(seen_ids.items()):
        if count > 1:
            problems.append(f"id '{qid}' is used {count} times")

    for d in DOELSTELLINGEN:
        if per_doelstelling[d] < MIN_QUESTIONS_PER_DOELSTELLING:
            problems.append(
                f"doelstelling {d} appears in {per_doelstelling[d]} question(s), "
                f"expected at least {MIN_QUESTIONS_PER_DOELSTELLING}"
            )

    return problems


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    questions = sys.argv[1] if len(sys.argv) > 1 else here / "questions.jsonl"
    source = sys.argv[2] if len(sys.argv) > 2 else here.parent / "data" / "werkagenda-mbo-voortgang.txt"
    found = check_questions(questions, source)
    for problem in found:
        print(problem)
    if found:
        sys.exit(1)
    print("OK: no problems found")
