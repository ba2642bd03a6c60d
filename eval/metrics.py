"""Pure metric functions for the evaluation. No I/O, no models: easy to test by hand.

Rankings
    A ranking is a list of items, best first. An item is either one row id ("2.3-01") or a
    collection of row ids that share one rank (a text chunk of the naive baseline that holds
    several rows). `relevant` is either a collection of row ids, or a list of groups (one group
    per answering row: the rows its anchor matched) for recall.

Text
    Matching is exact after whitespace normalisation. As a fallback both sides are compared with
    all whitespace removed, which joins words that the source broke at a hyphen ("mbo- scholen"
    against "mbo-scholen").
"""

from __future__ import annotations

import html
import math
import re
from typing import Collection, Iterable, Sequence

_WS = re.compile(r"\s+")

PERIODS = ("status", "voortgang")


# -- text -------------------------------------------------------------------------------------------

def normalize_ws(text: str) -> str:
    """Collapse every whitespace run into one space and trim the ends."""
    return _WS.sub(" ", text or "").strip()


def squash(text: str) -> str:
    """All whitespace removed."""
    return _WS.sub("", text or "")


def contains(haystack: str, needle: str) -> bool:
    """needle occurs in haystack after whitespace normalisation (or with all whitespace removed)."""
    n = normalize_ws(needle)
    if not n:
        return False
    if n in normalize_ws(haystack):
        return True
    return squash(needle) in squash(haystack)


def visible_text(markdown: str) -> str:
    """What a reader sees of an answer, as far as exact matching is concerned: HTML entities
    (the engine escapes '&', '<', '>') are turned back into characters. Markdown markers are
    left in place; they never sit inside the short figures and names that must_contain holds."""
    return html.unescape(markdown or "")


# -- rankings ---------------------------------------------------------------------------------------

def _item_ids(item) -> set:
    if isinstance(item, (str, int)) or not isinstance(item, Iterable):
        return {item}
    return set(item)


def _flatten_relevant(relevant) -> set:
    out: set = set()
    for r in relevant:
        out |= _item_ids(r)
    return out


def first_relevant_rank(ranked: Sequence, relevant: Collection) -> int | None:
    """1-based rank of the first item that is (or holds) a relevant id; None if there is none."""
    rel = _flatten_relevant(relevant)
    for rank, item in enumerate(ranked, start=1):
        if _item_ids(item) & rel:
            return rank
    return None


def hit_at_k(ranked: Sequence, relevant: Collection, k: int) -> float:
    """1.0 when a relevant id is among the first k items, else 0.0."""
    if k < 1:
        raise ValueError("k must be at least 1")
    rank = first_relevant_rank(ranked, relevant)
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(ranked: Sequence, relevant: Collection) -> float:
    rank = first_relevant_rank(ranked, relevant)
    return 1.0 / rank if rank else 0.0


def recall(ranked: Sequence, relevant_groups: Sequence, k: int | None = None) -> float:
    """Share of the answering rows that appear among the first k items (all items when k is None).

    relevant_groups: one entry per answering row, either a row id or the set of ids its anchor
    matched. An empty relevant set gives 1.0 (nothing was missed)."""
    groups = [_item_ids(g) for g in relevant_groups]
    if not groups:
        return 1.0
    seen: set = set()
    for item in (ranked if k is None else ranked[:k]):
        seen |= _item_ids(item)
    return sum(1 for g in groups if g & seen) / len(groups)


# -- answers ----------------------------------------------------------------------------------------

def citation_correct(cited: Sequence[str], expected: Collection[str]) -> bool:
    """The answer cites a doelstelling, and its first (main) citation is an expected one."""
    return bool(cited) and cited[0] in set(expected)


def citation_precision(cited: Sequence[str], expected: Collection[str]) -> float:
    """Share of the distinct cited doelstellingen that are expected ones (0.0 when nothing cited)."""
    distinct = list(dict.fromkeys(cited))
    if not distinct:
        return 0.0
    exp = set(expected)
    return sum(1 for d in distinct if d in exp) / len(distinct)


def period_correct(cited_periods: Iterable[str], period: str) -> bool:
    """The periods the answer cites cover what the question asks about.

    "both" needs status and voortgang, "none" needs nothing, otherwise the one period."""
    have = set(cited_periods)
    if period == "none":
        return True
    if period == "both":
        return set(PERIODS) <= have
    if period in PERIODS:
        return period in have
    raise ValueError(f"unknown period {period!r}")


def must_contain_found(text: str, needles: Sequence[str]) -> list[bool]:
    return [contains(text, n) for n in needles]


def must_contain_recall(text: str, needles: Sequence[str]) -> float:
    """Share of the must_contain strings present in the text (1.0 when there are none)."""
    if not needles:
        return 1.0
    found = must_contain_found(text, needles)
    return sum(found) / len(found)


def abstention_scores(cases: Iterable[tuple[bool, bool]]) -> dict:
    """cases: (out_of_scope, abstained) per question.

    precision: share of the abstentions that were on out-of-scope questions (None: no abstentions)
    recall: share of the out-of-scope questions that were abstained on (None: none in the set)
    false_abstentions: abstentions on in-scope questions."""
    tp = fp = fn = n_oos = n_in = 0
    for oos, abstained in cases:
        if oos:
            n_oos += 1
            if abstained:
                tp += 1
            else:
                fn += 1
        else:
            n_in += 1
            if abstained:
                fp += 1
    return {
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / n_oos if n_oos else None,
        "true_abstentions": tp,
        "false_abstentions": fp,
        "missed_out_of_scope": fn,
        "n_out_of_scope": n_oos,
        "n_in_scope": n_in,
    }


# -- numbers ----------------------------------------------------------------------------------------

def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    xs = sorted(float(v) for v in values)
    if not xs:
        return None
    if not 0 <= p <= 100:
        raise ValueError("p must be within [0, 100]")
    pos = (len(xs) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    xs = [float(v) for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None


def latency_summary(values_ms: Sequence[float]) -> dict:
    return {"p50_ms": percentile(values_ms, 50), "p95_ms": percentile(values_ms, 95), "n": len(values_ms)}


__all__ = [
    "abstention_scores", "citation_correct", "citation_precision", "contains", "first_relevant_rank",
    "hit_at_k", "latency_summary", "mean", "must_contain_found", "must_contain_recall", "normalize_ws",
    "percentile", "period_correct", "recall", "reciprocal_rank", "set_prf", "squash", "visible_text", "word_count",
]


# -- sets (list answers) ----------------------------------------------------------------------------

def set_prf(predicted: Iterable[str], gold: Iterable[str]) -> dict:
    """Precision, recall and F1 of a predicted set of row ids against the complete gold set.

    Both empty: all three 1.0 (nothing asked, nothing given). Predicted empty, gold not: precision
    1.0 (nothing wrong was said), recall and F1 0.0."""
    p, g = set(predicted), set(gold)
    if not p and not g:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    rec = tp / len(g) if g else 0.0
    f1 = 2 * precision * rec / (precision + rec) if precision + rec else 0.0
    return {"precision": precision, "recall": rec, "f1": f1}


def fraction(text: str | None) -> float | None:
    """"8/10" -> 0.8; None or "0/0" -> None."""
    if not text:
        return None
    num, _, den = text.partition("/")
    return int(num) / int(den) if den and int(den) else None


def word_count(text: str) -> int:
    """Words a reader reads: Markdown markers and the row-id punctuation do not count."""
    return len(re.findall(r"[\w%€'’-]+", re.sub(r"[*_`#>]", " ", text or "")))
