"""The same action across two editions of the report: which old row became which new row.

Row ids are positions within a doelstelling, so they say nothing across editions: a dropped,
added or moved action shifts every id after it. Actions are matched on their Wat text instead:

1. within the same doelstelling, the most similar Wat first (greedy, one-to-one), if the
   similarity reaches MATCH_THRESHOLD: kind "same" (the Wat reads the same) or "reworded";
2. the rows left over on both sides, across doelstellingen, the same way: kind "moved";
3. what is still left: new rows are "added", old rows "dropped".

Similarity: cosine of tf-idf weighted term vectors of the Wat texts, terms from the search
analyzer (index/analyzer.py: accents folded, stop words dropped, Dutch Snowball stems), idf over
the Wat texts of both editions (words every action uses, like "mbo", weigh little).

Status changed (per pair): the old edition's latest statement about the action differs from the
new edition's. The latest statement is the Voortgang cell; when that is empty or "Idem." (which
means "the same as the column before"), it is the earlier status column, followed by whatever
came after the "Idem.". Two statements are the same when their folded word sequences are equal
(spacing, hyphenation, punctuation and accents do not count).

Pure functions over `ingest.model.ActionRow` lists; no index, no I/O.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ingest.assemble import idem_rest, is_idem
from ingest.model import ActionRow

from .analyzer import STOPWORDS, stem, words

# Measured with `python -m eval.crosswalk_study` (shipped report, 78 rows; 10 seeds of a
# perturber that rewords every Wat: 780 true pairs, plus the generated next-year report's 77):
#   true pairs: min 0.544, 1st percentile 0.659, 5th percentile 0.731, median 0.930;
#   no partner (each row's best match among the other 77 rows, and the generator's dropped and
#   added rows against the other edition): max 0.413 (3.2-01 vs 3.2-02), 99th percentile 0.413,
#   95th percentile 0.345, median 0.184.
# The gap runs from 0.413 to 0.544; the threshold sits in its middle.
MATCH_THRESHOLD = 0.48

KINDS = ("same", "reworded", "moved")


def earlier_status(row: ActionRow) -> str:
    """The row's earlier status cell ("Status zomer 2024" in the shipped report). The one place
    that names the field, so renaming it touches one line."""
    return row.status


def latest_statement(row: ActionRow) -> str:
    """The last thing an edition says about an action (see the module docstring)."""
    voortgang = row.voortgang or ""
    if voortgang and not is_idem(voortgang):
        return voortgang
    return f"{earlier_status(row)} {idem_rest(voortgang)}".strip()


def same_text(a: str, b: str) -> bool:
    """Equal up to spacing, hyphenation, punctuation, case and accents."""
    return words(a) == words(b)


def status_changed(old: ActionRow, new: ActionRow) -> bool:
    return not same_text(latest_statement(old), latest_statement(new))


def wat_terms(text: str) -> Counter:
    """Analysed terms of a Wat text: folded, stop words dropped, stemmed."""
    return Counter(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1)


def idf_weights(texts: Iterable[str]) -> dict[str, float]:
    """Smoothed inverse document frequency of each term over `texts`."""
    docs = [set(wat_terms(t)) for t in texts]
    df: Counter = Counter(t for d in docs for t in d)
    n = len(docs)
    return {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}


def similarity(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    """Cosine of the tf-idf vectors of two term bags (0 when either is empty). Terms unknown to
    `idf` weigh as much as the rarest known term."""
    top = max(idf.values(), default=1.0)

    def weight(term: str, tf: int) -> float:
        return tf * idf.get(term, top)

    dot = sum(weight(t, a[t]) * weight(t, b[t]) for t in a.keys() & b.keys())
    na = math.sqrt(sum(weight(t, c) ** 2 for t, c in a.items()))
    nb = math.sqrt(sum(weight(t, c) ** 2 for t, c in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def similarity_matrix(old_rows: Sequence[ActionRow], new_rows: Sequence[ActionRow]) -> list[list[float]]:
    """sim[i][j]: similarity of old_rows[i].wat and new_rows[j].wat (idf over both editions)."""
    idf = idf_weights([r.wat for r in old_rows] + [r.wat for r in new_rows])
    old_terms = [wat_terms(r.wat) for r in old_rows]
    new_terms = [wat_terms(r.wat) for r in new_rows]
    return [[similarity(a, b, idf) for b in new_terms] for a in old_terms]


@dataclass(frozen=True)
class Pair:
    old_id: str
    new_id: str
    kind: str  # "same", "reworded" or "moved"
    similarity: float
    status_changed: bool
    wat_changed: bool  # also for a moved action: was its Wat reworded on the way


@dataclass
class Crosswalk:
    pairs: list[Pair] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # new ids
    dropped: list[str] = field(default_factory=list)  # old ids
    threshold: float = MATCH_THRESHOLD

    def new_id(self, old_id: str) -> str | None:
        return next((p.new_id for p in self.pairs if p.old_id == old_id), None)

    def old_id(self, new_id: str) -> str | None:
        return next((p.old_id for p in self.pairs if p.new_id == new_id), None)

    def of_kind(self, kind: str) -> list[Pair]:
        return [p for p in self.pairs if p.kind == kind]

    def changed(self) -> list[Pair]:
        """The pairs whose status changed between the editions."""
        return [p for p in self.pairs if p.status_changed]


def _greedy(candidates: list[tuple[float, int, int]], used_old: set[int], used_new: set[int],
            threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one: take the most similar free pair first (ties: earlier rows first)."""
    out = []
    for sim, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if sim < threshold or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        out.append((i, j, sim))
    return out


def match_reports(old_rows: Sequence[ActionRow], new_rows: Sequence[ActionRow],
                  threshold: float = MATCH_THRESHOLD) -> Crosswalk:
    """Match the actions of two editions (see the module docstring). Pairs come in the order of
    the new edition; `added` and `dropped` in their edition's order."""
    sim = similarity_matrix(old_rows, new_rows)
    used_old: set[int] = set()
    used_new: set[int] = set()
    same_doel = [(sim[i][j], i, j) for i, o in enumerate(old_rows) for j, n in enumerate(new_rows)
                 if o.doelstelling == n.doelstelling]
    matched = _greedy(same_doel, used_old, used_new, threshold)
    across = [(sim[i][j], i, j) for i in range(len(old_rows)) for j in range(len(new_rows))
              if i not in used_old and j not in used_new]
    matched += _greedy(across, used_old, used_new, threshold)

    pairs = []
    for i, j, s in sorted(matched, key=lambda m: m[1]):
        old, new = old_rows[i], new_rows[j]
        wat_changed = not same_text(old.wat, new.wat)
        kind = "moved" if old.doelstelling != new.doelstelling else "reworded" if wat_changed else "same"
        pairs.append(Pair(old.id, new.id, kind, round(s, 4), status_changed(old, new), wat_changed))
    return Crosswalk(
        pairs=pairs,
        added=[r.id for j, r in enumerate(new_rows) if j not in used_new],
        dropped=[r.id for i, r in enumerate(old_rows) if i not in used_old],
        threshold=threshold,
    )
