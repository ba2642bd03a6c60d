"""The fast paths of the engine give what the plain ones gave.

Topic lists cut at the score floor inside the index, analyse the topic once and cache filter
results and query terms. Each is compared here with a reference written the old, direct way
(every row a hit, the topic analysed per row, filter_rows recomputed), on the real report and on
a synthetic corpus twice its size (eval.bench.synthesize: shuffled copies, many rows close
together), for topics taken from the rows themselves and from the development questions' plans.
No timings: `werkagenda bench` measures those.
"""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

import pytest

from app.engine import ENUM_TERM_IDF, FAMILY_SHARE, PREFIX_FAMILY, SCOPED_TOPIC_ROWS, TOPIC_MIN_COVERAGE, TOPIC_REL_SCORE, Engine
from index import Filters, IndexConfig, open_index
from index.structured import filter_rows

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    cfg = IndexConfig.from_env({"WERKAGENDA_DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    return Engine(open_index(cfg), llm=None)


@pytest.fixture(scope="module")
def engine_2x(tmp_path_factory):
    from eval.bench import synthesize
    from ingest import parse_source

    rows = synthesize(parse_source().rows, 2)
    cfg = IndexConfig.from_env({"WERKAGENDA_DATA_DIR": str(tmp_path_factory.mktemp("data2x"))})
    return Engine(open_index(cfg, rows=rows), llm=None)


def reference_coverage(engine: Engine, text: str, row) -> float:
    lexical = engine.index.lexical
    terms = set(lexical.analyzer._query_terms(text))  # uncached analysis
    total = sum(lexical.idf(t) for t in terms)
    if not total:
        return 0.0
    row_terms = lexical.row_terms[engine.rows.index(row)]
    # the family rule spelled out: a row word with the same first PREFIX_FAMILY letters whose shared
    # beginning with the term is at least FAMILY_SHARE of the shorter of the two
    def family(t: str) -> bool:
        return any(w[:PREFIX_FAMILY] == t[:PREFIX_FAMILY] and
                   len(os.path.commonprefix((t, w))) >= FAMILY_SHARE * min(len(t), len(w))
                   for w in row_terms if len(w) >= PREFIX_FAMILY)

    # the glossary rule spelled out: a term (or a part of a compound whose whole word has them)
    # also counts when every term of one of its glossary groups is in the row
    from app.engine import GLOSSARY
    from index.analyzer import stem, words
    from index.glossary import standalone_terms

    alts = dict(GLOSSARY.alternatives(standalone_terms(text)))
    for w in words(text):
        if stem(w) in alts:
            for part in lexical.analyzer.compound_parts(w):
                alts.setdefault(stem(part), alts[stem(w)])

    def glossary(t: str) -> bool:
        return any(set(group) <= set(row_terms) for group in alts.get(t, ()))

    # the money rule spelled out: "geld", "middelen", … as written in the text count when the row
    # writes money in any of the report's words (not "gelden", whose stem is "geld" too)
    asked_money = {stem(w) for w in words(text) if w in ("geld", "middelen", "bekostiging", "financiering", "budget",
                                                         "budgetten")}

    def money(t: str) -> bool:
        return t in asked_money and any(m in row_terms for m in ("geld", "middel", "bekost", "financier", "budget",
                                                                 "subsidie", "invester"))

    # the short-kin rule spelled out: a row stem of 6 or 7 letters that begins the term, followed by
    # at most 5 more letters
    def short_kin(t: str) -> bool:
        return any(len(w) < PREFIX_FAMILY and len(w) >= 6 and len(t) > len(w) and t.startswith(w)
                   and len(t) - len(w) <= 5 for w in row_terms)

    hit = sum(lexical.idf(t) for t in terms
              if t in row_terms or (len(t) >= PREFIX_FAMILY and family(t)) or short_kin(t) or glossary(t) or money(t))
    return hit / total


def reference_topic_rows(engine: Engine, topic: str, filters=None) -> list[str]:
    """topic_rows as it was: ask for every row in scope, then test score and coverage per hit."""
    f = None if filters is None or filters.is_empty() else filters
    scope = filter_rows(engine.rows, f, engine.index.stands)
    if not scope:
        return []
    from app.engine import GLOSSARY
    from index.glossary import standalone_terms

    extra = GLOSSARY.expansion(standalone_terms(topic))  # the glossary's other forms join the search
    res = engine.index.search(f"{topic} {extra}" if extra else topic, k=len(scope), filters=f,
                              mode=engine.retrieval_mode)
    if not res.hits:
        return []
    top = res.hits[0].score
    rows = [h.row for h in res.hits
            if h.score >= TOPIC_REL_SCORE * top and reference_coverage(engine, topic, h.row) >= TOPIC_MIN_COVERAGE]
    if f is not None and (f.doelstelling or f.prioriteit is not None) and len(scope) <= SCOPED_TOPIC_ROWS:
        # within a small scope, a row holding every word of the topic in some form joins below the floor
        seen = {r.id for r in rows}
        rows += [r for r in scope if r.id not in seen and reference_coverage(engine, topic, r) >= 0.99]
    if len(rows) > 1:  # passing mentions in an enumeration go, unless nothing else is left
        terms = set(engine.index.lexical.analyzer.query_terms(topic))
        # judged by the words that say what the topic is, not the common ones ("studenten")
        terms = {t for t in terms if engine.index.lexical.idf(t) >= ENUM_TERM_IDF} or terms
        rows = [r for r in rows if not engine._enumerated_only(r, terms)] or rows
    return [r.id for r in rows]


def topics(engine: Engine) -> list[str]:
    """Topics of the development questions' plans, plus words and word pairs of the rows."""
    out = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            p = engine.plan(json.loads(line)["question"])
            if p.topic:
                out.append(p.topic)
    for r in engine.rows[:78:3]:
        words = re.findall(r"[\w-]{5,}", r.wat)
        out += words[:2] + [" ".join(words[i:i + 2]) for i in range(0, min(len(words), 6), 3)]
    out += ["studenten", "stage", "xyzzy onbekend", "de het een"]
    return list(dict.fromkeys(out))


FILTERS = [None, Filters(partij="JOB"), Filters(doelstelling="2.3"), Filters(stand="afgerond"),
           Filters(prioriteit=1, partij="OCW")]


@pytest.mark.parametrize("which", ["engine", "engine_2x"])
def test_topic_rows_match_the_reference(which, request):
    engine = request.getfixturevalue(which)
    checked = nonempty = 0
    for topic in topics(engine):
        for f in FILTERS:
            got = [r.id for r in engine.topic_rows(topic, f)]
            assert got == reference_topic_rows(engine, topic, f), (topic, f)
            checked += 1
            nonempty += bool(got)
    assert checked > 300 and nonempty > 100  # the comparison covered real lists, not only empty ones


def test_search_floor_is_the_hits_above_the_floor(engine_2x):
    index = engine_2x.index
    for q in ["bbl-offensief", "studenten welzijn", "docenten professionalisering", "xyzzy"]:
        for f in (None, Filters(partij="MBO Raad")):
            full = index.search(q, k=len(index.rows), filters=f)
            cut = index.search(q, k=len(index.rows), filters=f, floor=TOPIC_REL_SCORE)
            expected = [h for h in full.hits if h.score >= TOPIC_REL_SCORE * full.hits[0].score] if full.hits else []
            assert cut.hits == expected
            assert (cut.confident, cut.top_score) == (full.confident, full.top_score)
            assert index.search(q, k=3, filters=f, floor=TOPIC_REL_SCORE).hits == expected[:3]


def test_cached_filters_and_coverage_equal_a_fresh_computation(engine):
    index = engine.index
    for f in FILTERS[1:] + [Filters(partij="job"), Filters(jaar=2024), Filters(stand="vertraagd"),
              Filters(stand="afgerond", prioriteit=2), Filters(partij="SBB", stand="afgerond", jaar=2025)]:
        for _ in range(2):  # the second call is served from the cache
            assert [r.id for r in index.filter_rows(f)] == [r.id for r in filter_rows(index.rows, f, index.stands)]
    mine = index.filter_rows(Filters(partij="JOB"))
    mine.clear()  # a caller changing its list must not change the next caller's
    assert index.filter_rows(Filters(partij="JOB"))
    from index.analyzer import fold

    # fold: the ASCII shortcut and the translate table give what NFKD + dropping marks gave
    import unicodedata
    for text in ["Geïnformeerd ÉÉN straße", "mbo’ers – “x”", "ﬁ İ", "", "plain ascii"]:
        plain = unicodedata.normalize("NFKD", text.casefold())
        assert fold(text) == "".join(ch for ch in plain if not unicodedata.combining(ch))
    for text in ["internationalisering mbo", "excellentie", "digitalisering onderwijs"]:
        for row in index.rows[::7]:
            assert engine._coverage(text, row) == reference_coverage(engine, text, row)


def test_query_terms_cache_returns_fresh_lists_and_survives_threads(engine):
    analyzer = engine.index.lexical.analyzer
    texts = [f"{w} vraag {i}" for i, w in enumerate(["stagediscriminatie", "bbl offensief", "dsicriminatie",
                                                     "comenius programma", "mbo'ers"] * 40)]
    expected = {t: analyzer._query_terms(t) for t in texts}
    first = analyzer.query_terms(texts[0])
    first.append("vervuild")
    assert analyzer.query_terms(texts[0]) == expected[texts[0]]
    errors = []

    def work():
        try:
            for t in texts:
                assert analyzer.query_terms(t) == expected[t]
        except AssertionError as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_a_repeated_query_scores_as_a_fresh_one(engine):
    import numpy as np

    index = engine.index
    for q in ["wat doet JOB allemaal?", "stagediscriminatie", "bbl-offensief"]:
        first = index.dense_scores(q)
        again = index.dense_scores(q)  # from the kept vector
        index._query_vectors.clear()
        fresh = index.dense_scores(q)
        assert np.array_equal(first, again, equal_nan=True) and np.array_equal(first, fresh, equal_nan=True)
    with pytest.raises(ValueError):
        index._query_vector("bbl-offensief")[0] = 0.0  # callers cannot change the kept vector
