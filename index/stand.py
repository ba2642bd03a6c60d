"""The `stand` of an action: how far it is, derived from its two status texts.

One label per row, derived when the index is opened (like BM25, it costs microseconds and so can
never go stale against the stored vectors):

    geen voortgang vermeld        the Voortgang (2025) cell is empty
    ongewijzigd sinds zomer 2024  the Voortgang cell is "Idem." (text after it is shown, not judged),
                                  or repeats the summer-2024 text word for word
    vertraagd of niet uitgevoerd  the 2025 text says (a main part of) the action is not done as
                                  planned (or the summer-2024 text said so and the 2025 text does
                                  not report it finished): "niet uitgevoerd", "vertraagd" (as a word
                                  of its own: "studievertraging" is the students' delay), "uitgesteld",
                                  "achterhaald", "niet haalbaar", "geen programma gestart",
                                  "op achterstand", "nog niet gemaakt/gestart/..."
    afgerond                      a sentence of the 2025 text says something is finished
                                  ("afgerond", "gerealiseerd", "afgelopen", "aangenomen") and that
                                  something is the action itself: the sentence shares a content word
                                  with the Wat cell. No sentence that shares a word with the Wat says
                                  it is still going on or only partly done ("lopen", "wordt …",
                                  "deels"). Conservative on purpose: "Subsidieregeling afgerond.
                                  Investeringen bij scholen lopen" (Wat: "… neemt de investering …")
                                  is a step, not the action, so it stays "loopt". Also when the
                                  summer-2024 text said the action was finished and the 2025 text
                                  reports no work on it going on, only a next step ("Onderzoek en
                                  besluitvorming afgerond" then "De internetconsultatie voor dit
                                  wetsvoorstel loopt"). An action planned as continuing (Wanneer
                                  "doorlopend", "2023 e.v.") is finished only when a text says it
                                  is completed or secured ("afgerond", "gerealiseerd",
                                  "gecontinueerd", "is verhoogd"), not when a product of it was published or
                                  introduced ("een wijzigingsregeling, gepubliceerd in april 2025").
    loopt                         everything else: work in progress or partial results

`finished_by_2024(row)` applies the same test to the summer-2024 text: an action whose Voortgang
is "Idem." or empty can have been finished a year earlier, and "wat is al afgerond?" must list it.

Checked against eval/stand_labels.jsonl (all 78 rows labelled by reading them, not by running
these rules); `werkagenda eval` reports the agreement.
"""

from __future__ import annotations

import re

from ingest import ActionRow
from ingest.model import DEFAULT_PERIODS
from ingest.periods import Periods

from .analyzer import STOPWORDS, stem, words

AFGEROND = "afgerond"
LOOPT = "loopt"
VERTRAAGD = "vertraagd of niet uitgevoerd"
GEEN_VOORTGANG = "geen voortgang vermeld"


def unchanged(periods: Periods) -> str:
    """The "unchanged" stand names the report's own earlier period: "ongewijzigd sinds zomer 2024"."""
    return f"ongewijzigd sinds {periods.status_moment}"


# As the shipped report names it; a row of another report carries its own period (derive_stand),
# and filters compare stands by stand_key, so this name also selects next year's unchanged rows.
ONGEWIJZIGD = unchanged(DEFAULT_PERIODS)
STANDS = (AFGEROND, LOOPT, VERTRAAGD, ONGEWIJZIGD, GEEN_VOORTGANG)


def stand_key(stand: str | None) -> str | None:
    """The stand without its period: "ongewijzigd sinds zomer 2025" and "… 2024" are one stand."""
    return "ongewijzigd" if stand and stand.startswith("ongewijzigd") else stand


def is_stand(stand: str | None) -> bool:
    return stand_key(stand) in {stand_key(s) for s in STANDS}

_BEHIND = re.compile(
    r"niet (?:uitgevoerd|gelukt|gehaald|haalbaar|doorgegaan|gerealiseerd)|lijkt niet haalbaar|\bvertraa?g|"
    r"uitgesteld|achterhaald|op achterstand|\bgeen \w+ gestart|stopgezet|geschrapt|"
    r"nog niet (?:gemaakt|gestart|gerealiseerd|uitgevoerd|afgerond|opgezet|ingevoerd)",
    re.IGNORECASE,
)
_DONE = re.compile(
    r"\bafgerond|\brondt af\b|\bgerealiseerd|\bafgelopen|\baangenomen|\bopgeleverd|\bvoltooid|"
    r"\bingevoerd|\bin werking getreden|(?<!niet )\buitgevoerd\b|\bgepubliceerd|\bgecontinueerd|"
    r"\b(?:is|zijn) (?:\w+ )?(?:verhoogd|uitgebreid|vastgesteld|opgericht|ingericht)\b",
    re.IGNORECASE,
)
# What finishes an action planned as continuing: it is completed or its means are secured.
_COMPLETED = re.compile(r"\bafgerond|\brondt af\b|\bgerealiseerd|\bvoltooid|\bgecontinueerd|\bgeborgd|"
                        r"\b(?:is|zijn) (?:\w+ )?(?:verhoogd|uitgebreid|vastgesteld|opgericht|ingericht)\b", re.I)
_CONTINUING = re.compile(r"\bdoorlopend\b|\be\.\s?v\.", re.I)
# Anything still going on, partly done or only announced: then "afgerond" would overclaim.
_ONGOING = re.compile(
    r"\bloopt\b|\blopen\b|\bgaande\b|\bwordt\b|\bworden\b|\bzal\b|\bzullen\b|\bdeels\b|\bgedeeltelijk|"
    r"\bbelangrijk deel\b|\bgrotendeels\b|\bvervolg|\bnog\b|\bverder\b|\bpilot\b|\bgestart\b",
    re.IGNORECASE,
)


_FUTURE = re.compile(r"\b(?:wordt|worden|zal|zullen)\b", re.I)
_PARTLY = re.compile(r"\bdeels\b|\bgedeeltelijk|\bbelangrijk deel\b|\bgrotendeels\b|\bnog niet\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _content(text: str) -> set[str]:
    return {stem(w) for w in words(text) if len(w) >= 5 and w not in STOPWORDS}


def is_finished(text: str, wat: str, continuing: bool = False) -> bool:
    """The text says the action described by `wat` is finished (see the module docstring)."""
    if not text.strip() or _PARTLY.search(text):
        return False
    action = _content(wat)
    done = ongoing = False
    if re.match(r"\s*loopt\b", text, re.I):  # the report's own verdict
        return False
    finished = _COMPLETED if continuing else _DONE
    for sentence in _SENTENCE.split(text):
        about_action = bool(_content(sentence) & action)
        future = _FUTURE.search(sentence)
        if finished.search(sentence) and not future and (about_action or len(_SENTENCE.split(text)) == 1):
            done = True
        elif _ONGOING.search(sentence) and about_action:
            ongoing = True
    return done and not ongoing


def _ongoing(text: str, wat: str) -> bool:
    """A sentence of the text that shares a content word with the Wat says work on it goes on."""
    action = _content(wat)
    return any((_ONGOING.search(x) or _FUTURE.search(x)) and _content(x) & action for x in _SENTENCE.split(text))


def _same(a: str, b: str) -> bool:
    """The 2025 text repeats the summer-2024 text word for word: unchanged, even without "Idem."."""
    return bool(b.strip()) and words(a) == words(b)


def derive_stand(row: ActionRow) -> str:
    text = row.voortgang.strip()
    if not text:
        return GEEN_VOORTGANG
    if row.voortgang_idem or _same(text, row.status):
        return unchanged(row.periods)
    if _BEHIND.search(text):
        return VERTRAAGD
    continuing = bool(_CONTINUING.search(row.wanneer))
    if is_finished(text, row.wat, continuing) or \
            (is_finished(row.status, row.wat, continuing) and not _ongoing(text, row.wat)):
        # finished by summer 2024, and the 2025 text only reports a next step ("De internetconsultatie
        # voor dit wetsvoorstel loopt" after "Onderzoek en besluitvorming afgerond")
        return AFGEROND
    if _BEHIND.search(row.status):
        return VERTRAAGD  # a failure reported in summer 2024 that the 2025 text does not report as resolved
    return LOOPT


def finished_by_2024(row: ActionRow) -> bool:
    """Voortgang "Idem." or empty, and the summer-2024 text already says the action is finished."""
    return stand_key(derive_stand(row)) in (stand_key(ONGEWIJZIGD), GEEN_VOORTGANG) and not _BEHIND.search(row.status) \
        and is_finished(row.status, row.wat, bool(_CONTINUING.search(row.wanneer)))


def stands(rows) -> dict[str, str]:
    return {r.id: derive_stand(r) for r in rows}
