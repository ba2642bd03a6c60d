"""The answer engine: a Dutch question in, a short grounded answer with citations out.

    question --plan()--> Plan --execute--> rows --compose--> Answer

app/plan.py says what is asked (one action, a list, a count, a comparison, the report itself);
this module finds the rows and writes the answer. Default mode is extractive: every statement is
the rows' own words, quoted whole and labelled with the doelstelling, the action and the period
it comes from. An optional LLM (app/llm.py) may rewrite a one-action answer, but only when its
citations check out against the retrieved rows.

Before answering, the engine checks that what it quotes holds what was asked (a figure of the
asked kind, a date, a period the report covers, a subject the report mentions); when it does not,
the answer says so ("De rapportage noemt geen bedrag voor …") and cites what the report does say.
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace

from index.structured import Filters
from ingest import ActionRow

from .plan import Plan, plan as make_plan
from .sentences import (PERIOD_LABELS, Quote, has_date, has_figure, idem_rest, latest_year,
                        split_sentences, word_count)

MAX_QUESTION = 1000
NOT_IN_REPORT = "Dit staat niet in de voortgangsrapportage."
LIST_SHOWN = 25
_FIGURE_WORDS = "totale totaal budget geld bedrag bedragen kosten kost hoeveel percentage procent aantal miljoen euro"  # rows written out in a list answer; the rest are counted and one tab away

_INJECTION = re.compile(r"negeer|ignore (all|previous)|vergeet (alle|je) |system prompt|je bent nu|"
                        r"you are now|jailbreak|instructies", re.I)
_HTML = re.compile(r"<[^>]+>")

# Topic lists: a row is about the topic when it holds enough of the topic's words (IDF-weighted,
# index/lexical.py coverage) and its fused score is near the best row's. A grid over coverage
# 0.3-0.6 x relative score 0.3-0.7 on the 15 development topic and compare questions with a topic
# (eval/dev/beyond_questions.jsonl) gave mean F1 0.727-0.739 everywhere near these values: the
# cutoff matters less than rows that share no word with the topic (found by dense alone, and then
# alongside many unrelated rows), which no threshold separates.
TOPIC_MIN_COVERAGE = 0.45
TOPIC_REL_SCORE = 0.6
# A one-action answer whose best row holds less than this share of the question's topic words
# (and no strong dense match) is not an answer to that question.
LOOKUP_MIN_COVERAGE = 0.3
LOOKUP_DENSE_SURE = 0.40


def shorten(text: str, limit: int = 160) -> str:
    """A title from a cell: its first sentence(s), at most about `limit` characters, marked with
    an ellipsis where it is cut. Never used for quotes (those are whole sentences)."""
    sents = split_sentences(text) or [""]
    first = sents[0]
    for nxt in sents[1:]:
        if len(first) >= 40 or len(first) + len(nxt) + 1 > limit:
            break
        first = f"{first} {nxt}"
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + " …"


def esc(text: str) -> str:
    """Escape for Markdown rendered as HTML: the document's text and the user's never become markup."""
    return html.escape(text, quote=False)


@dataclass
class Citation:
    row_id: str
    doelstelling: str
    periods: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"row_id": self.row_id, "doelstelling": self.doelstelling, "periods": list(self.periods)}


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    rows: list[ActionRow] = field(default_factory=list)
    abstained: bool = False
    mode: str = "extractief"
    latency_ms: float = 0.0
    notice: str | None = None
    kind: str = ""
    question: str = ""
    plan: Plan | None = None
    quotes: list[Quote] = field(default_factory=list)
    stands: dict[str, str] = field(default_factory=dict)  # row id -> stand, for the rows
    count: int | None = None  # the number a count or meta question asked for

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "rows": [r.id for r in self.rows],
            "abstained": self.abstained,
            "mode": self.mode,
            "latency_ms": round(self.latency_ms, 2),
            "plan": self.plan.to_json() if self.plan else None,
            "stands": {r.id: self.stands.get(r.id) for r in self.rows},
            "answer_sentences": [q.to_json() for q in self.quotes],
            "count": self.count,
        }


class StartupError(Exception):
    """The engine cannot start for a reason the user can fix. Dutch message, exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def load_engine(cfg=None, **kwargs) -> "Engine":
    """Engine.load with Dutch errors for configuration, source and data-directory problems."""
    from index import ConfigError, IndexConfig
    from ingest import IngestError

    try:
        cfg = cfg or IndexConfig.from_env()
        return Engine.load(cfg, **kwargs)
    except ConfigError as exc:
        raise StartupError(f"Fout in de configuratie: {exc}", 2) from None
    except IngestError as exc:
        raise StartupError(f"Fout: de bron kan niet worden gelezen: {exc}") from None
    except OSError as exc:
        where = f" '{cfg.data_dir}'" if cfg is not None else ""
        raise StartupError(f"Fout: de datamap{where} is niet bruikbaar ({exc.strerror or exc}).") from None


class Engine:
    def __init__(self, index, llm=None, retrieval_mode: str = "hybrid"):
        self.index = index
        self.llm = llm
        self.retrieval_mode = retrieval_mode
        self._lock = threading.Lock()
        self._by_id = {r.id: r for r in index.rows}
        self._pos = {r.id: i for i, r in enumerate(index.rows)}
        self.stands: dict[str, str] = dict(getattr(index, "stands", {}))
        self.parties = sorted({p for r in index.rows for p in r.partijen})
        self.doelstellingen = list(dict.fromkeys(r.doelstelling for r in index.rows))

    @classmethod
    def load(cls, cfg=None, retrieval_mode: str = "hybrid", llm=None) -> "Engine":
        from index import IndexConfig, open_index

        from .llm import llm_from_env

        index = open_index(cfg or IndexConfig.from_env())
        return cls(index, llm=llm if llm is not None else llm_from_env(), retrieval_mode=retrieval_mode)

    @property
    def rows(self) -> list[ActionRow]:
        return self.index.rows

    def student_rows(self) -> list[ActionRow]:
        """Actions that directly concern students: JOB is a party, or students are the
        subject of the action text (its Wat names studenten, stage or the students' own
        facilities)."""
        subject = re.compile(r"\bstudent(en)?\b|\bmbo-studenten\b|\bstage|\bstudentenkaart|\bstudentenleven|"
                             r"\bstudentenfonds|\bleermiddelen|\bschoolboeken", re.I)
        return [r for r in self.rows if "JOB" in r.partijen or subject.search(r.wat)]

    def plan(self, question: str, history: list[Answer] | None = None, filters=None) -> Plan:
        return make_plan(question, [h.plan for h in history or [] if h.plan is not None], filters,
                         self.parties, self.doelstellingen)

    # -- answering ------------------------------------------------------------------------------

    def answer(self, question: str, history: list[Answer] | None = None, filters=None) -> Answer:
        started = time.perf_counter()
        ans = self._answer(question or "", history or [], filters)
        if self._llm_applies(ans):
            ans = self._with_llm(ans)
        ans.latency_ms = (time.perf_counter() - started) * 1000
        return ans

    def answer_stream(self, question: str, history: list[Answer] | None = None, filters=None):
        """Like answer(), for the chat: in LLM mode yields the growing text (str) while the
        LLM writes, and always ends with the checked Answer."""
        started = time.perf_counter()
        ans = self._answer(question or "", history or [], filters)
        if self._llm_applies(ans):
            from .llm import LLMError

            text = ""
            try:
                for text in self.llm.stream(ans.question, ans.rows[:5]):
                    yield esc(text)
            except LLMError as exc:
                ans = _fallback(ans, f"Het taalmodel gaf geen antwoord ({exc}); dit is het antwoord uit de rapportage zelf.")
            else:
                ans = self._checked(ans, text)
        ans.latency_ms = (time.perf_counter() - started) * 1000
        yield ans

    def _llm_applies(self, ans: Answer) -> bool:
        # Lists, counts and report facts are computed exactly; the LLM only rewrites one-action
        # answers that passed the answerability check.
        return self.llm is not None and not ans.abstained and bool(ans.rows) and ans.kind == "lookup"

    def _with_llm(self, ans: Answer) -> Answer:
        """Let the LLM write the answer; keep the extractive one unless its citations check out."""
        from .llm import LLMError

        try:
            text = self.llm.write(ans.question, ans.rows[:5])
        except LLMError as exc:
            return _fallback(ans, f"Het taalmodel gaf geen antwoord ({exc}); dit is het antwoord uit de rapportage zelf.")
        return self._checked(ans, text)

    def _checked(self, ans: Answer, text: str) -> Answer:
        from .llm import check_citations

        found, problems = check_citations(text, ans.rows[:5])
        if problems:
            return _fallback(ans, "Het antwoord van het taalmodel is niet gebruikt (" + "; ".join(problems)
                             + "); dit is het antwoord uit de rapportage zelf.")
        cites: dict[str, Citation] = {}
        for doel, period in found:
            row = next(r for r in ans.rows if r.doelstelling == doel)
            c = cites.setdefault(row.id, Citation(row.id, doel, []))
            if period not in c.periods:
                c.periods.append(period)
        return Answer(esc(text), list(cites.values()), ans.rows, False, "llm", kind=ans.kind, question=ans.question,
                      plan=ans.plan, stands=ans.stands)

    def _answer(self, question: str, history: list[Answer], filters) -> Answer:
        notices = []
        q = question.strip()
        if len(q) > MAX_QUESTION:
            q = q[:MAX_QUESTION]
            notices.append(f"Je vraag was erg lang; alleen de eerste {MAX_QUESTION} tekens zijn gebruikt.")
        if _HTML.search(q):
            q = _HTML.sub(" ", q)
            notices.append("HTML in je vraag is genegeerd.")
        if _INJECTION.search(q):
            notices.append("Ik volg geen instructies uit vragen; ik antwoord alleen met wat in de "
                           "voortgangsrapportage staat.")
        q = re.sub(r"\s+", " ", q).strip()
        p = self.plan(q, history, filters)
        if p.operation == "empty":
            return Answer("Stel een vraag over de voortgang van de Werkagenda mbo, bijvoorbeeld: "
                          "*Wat is de status van het bbl-offensief?*", abstained=True, kind="empty", plan=p)
        prev = next((h for h in reversed(history) if h.rows and not h.abstained), None)
        if p.operation == "meta":
            ans = self._meta(p)
        elif p.operation in ("list", "count", "compare"):
            ans = self._many(p, prev)
        else:
            ans = self._lookup(p, prev)
        ans.question, ans.plan = q, p
        ans.stands = {r.id: self.stands.get(r.id, "") for r in ans.rows}
        if notices:
            ans.text = "\n".join(_with_notices([ans.text], notices))
        return ans

    # -- retrieval ------------------------------------------------------------------------------

    def _search(self, text: str, filters, k: int = 8):
        with self._lock:
            return self.index.search(text, k=k, filters=None if filters is None or filters.is_empty() else filters,
                                     mode=self.retrieval_mode)

    def _coverage(self, text: str, row: ActionRow) -> float:
        lexical = getattr(self.index, "lexical", None)
        if lexical is None or not hasattr(lexical, "coverage"):
            return 1.0
        return lexical.coverage(text, self._pos[row.id])

    def topic_rows(self, topic: str, filters=None) -> list[ActionRow]:
        """Every row (within the filters) that is about the topic, best first."""
        scope = self.index.filter_rows(filters) if filters is not None and not filters.is_empty() else self.rows
        if not scope:
            return []
        res = self._search(topic, filters, k=len(scope))
        if not res.hits:
            return []
        top = res.hits[0].score
        out = []
        for h in res.hits:
            if h.score >= TOPIC_REL_SCORE * top and self._coverage(topic, h.row) >= TOPIC_MIN_COVERAGE:
                out.append(h.row)
        return out

    # -- many rows ------------------------------------------------------------------------------

    def _many(self, p: Plan, prev: Answer | None) -> Answer:
        f = p.filters
        if p.followup and prev is not None:
            keep = {r.id for r in self.index.filter_rows(f)}
            rows = [r for r in prev.rows if r.id in keep]
        elif p.topic:
            rows = self.topic_rows(p.topic, f)
        else:
            rows = self.index.filter_rows(f)
        scope = _scope_words(p)
        if not rows and p.topic and not p.followup and p.operation != "compare":
            # "wat doen scholen tegen depressie?": no row names the party and the topic together;
            # the question is still about one subject, so answer it as one.
            return self._lookup(replace(p, operation="lookup", filters=Filters()), prev)
        if not rows:
            what = f"over '{p.topic}'" if p.topic else ""
            where = f" ({f.describe()})" if not f.is_empty() else ""
            text = f"**{NOT_IN_REPORT}** Geen acties {what}{where} gevonden.".replace("  ", " ")
            return Answer(text, abstained=p.topic != "" and f.is_empty(), kind=p.operation, count=0)
        if p.operation == "compare":
            return self._compare(p, rows, scope)
        ordered = sorted(rows, key=lambda r: self._pos[r.id]) if not p.topic else rows
        title = f"{len(rows)} {'actie' if len(rows) == 1 else 'acties'}{scope}"
        lines = [f"**{esc(title)}**", ""]
        lines += self._list_lines(ordered, p)
        cites = [Citation(r.id, r.doelstelling, _periods_of(r)) for r in ordered]
        return Answer("\n".join(lines), cites, ordered, kind=p.operation, count=len(rows))

    def _list_lines(self, rows: list[ActionRow], p: Plan) -> list[str]:
        """Grouped by doelstelling; the first LIST_SHOWN rows written out, the rest counted."""
        lines: list[str] = []
        shown = rows[:LIST_SHOWN]
        groups: "OrderedDict[str, list[ActionRow]]" = OrderedDict()
        for r in sorted(shown, key=lambda r: self._pos[r.id]):
            groups.setdefault(r.doelstelling, []).append(r)
        for doel, members in groups.items():
            lines.append(f"*Doelstelling {doel}*")
            for r in members:
                stand = self.stands.get(r.id, "")
                detail = ""
                if p.field == "wie":
                    detail = f" — Wie: {esc(r.wie)}"
                elif p.field == "wanneer":
                    detail = f" — Wanneer: {esc(r.wanneer)}"
                lines.append(f"- **{r.id}** [{stand}] {esc(shorten(r.wat, 110))}{detail}")
        if len(rows) > LIST_SHOWN:
            rest = len(rows) - LIST_SHOWN
            where = f" met filter {p.filters.describe()}" if not p.filters.is_empty() else ""
            lines += ["", f"… en nog {rest} {'actie' if rest == 1 else 'acties'}: zie het tabblad *Alle acties*{where}."]
        return lines

    def _compare(self, p: Plan, rows: list[ActionRow], scope: str) -> Answer:
        empty = [r for r in rows if not r.voortgang.strip()]
        same = [r for r in rows if r.voortgang.strip() and not _reports_new(r)]
        changed = [r for r in rows if _reports_new(r)]
        changed.sort(key=lambda r: self._pos[r.id])
        head = (f"**{len(changed)} van {len(rows)} acties{esc(scope)} melden in de Voortgang (2025) iets nieuws "
                f"ten opzichte van de Status zomer 2024.**")
        rest = []
        if same:
            rest.append(f"{len(same)} ongewijzigd sinds zomer 2024 ({', '.join(r.id for r in same)})")
        if empty:
            rest.append(f"{len(empty)} zonder voortgang in 2025 ({', '.join(r.id for r in empty)})")
        lines = [head]
        if rest:
            lines.append("Verder: " + "; ".join(rest) + ".")
        lines.append("")
        quotes = []
        qterms = self._terms(p.topic)
        for r in changed[:LIST_SHOWN]:
            new = self._new_sentences(r, qterms)[:1]
            lines.append(f"- **{r.id}** (Doelstelling {r.doelstelling}) {esc(shorten(r.wat, 90))}")
            if r.status_2024.strip():
                lines.append(f"  *Status zomer 2024:* {esc(shorten(r.status_2024, 140))}")
            if new:
                lines.append(f"  *Voortgang (2025):* {esc(new[0])}")
                quotes.append(Quote(r.id, "voortgang", new[0]))
        if len(changed) > LIST_SHOWN:
            lines.append(f"… en nog {len(changed) - LIST_SHOWN} gewijzigde acties: zie het tabblad *Alle acties*.")
        cites = [Citation(r.id, r.doelstelling, ["status_2024", "voortgang"]) for r in changed]
        return Answer("\n".join(lines), cites, changed, kind="compare", quotes=quotes, count=len(changed))

    # -- the report itself ----------------------------------------------------------------------

    def _meta(self, p: Plan) -> Answer:
        rows = self.index.filter_rows(p.filters) if not p.filters.is_empty() else self.rows
        per_doel = Counter(r.doelstelling for r in rows)
        per_prio: "OrderedDict[int, list[str]]" = OrderedDict()
        for r in self.rows:
            if p.filters.prioriteit is None or r.prioriteit == p.filters.prioriteit:
                per_prio.setdefault(r.prioriteit, [])
                if r.doelstelling not in per_prio[r.prioriteit]:
                    per_prio[r.prioriteit].append(r.doelstelling)
        scope = _scope_words(p)
        if p.meta == "actions":
            text = f"**De rapportage telt {len(rows)} acties{esc(scope)}.**"
            if len(per_doel) > 1:
                text += "\n\n" + "\n".join(f"- Doelstelling {d}: {n}" for d, n in per_doel.items())
            return Answer(text, rows=list(rows), kind="meta", count=len(rows))
        if p.meta in ("doelstellingen", "prioriteiten"):
            if p.meta == "prioriteiten":
                n = len(per_prio)
                text = f"**De rapportage heeft {n} prioriteiten.**\n\n" + "\n".join(
                    f"- Prioriteit {pr}: doelstellingen {', '.join(ds)}" for pr, ds in per_prio.items())
            else:
                doels = [d for ds in per_prio.values() for d in ds]
                where = f" onder prioriteit {p.filters.prioriteit}" if p.filters.prioriteit is not None else ""
                n = len(doels)
                text = f"**Er {'is' if n == 1 else 'zijn'} {n} doelstellingen{where}: {', '.join(doels)}.**\n\n" + \
                    "\n".join(f"- Doelstelling {d}: {per_doel.get(d, 0)} acties" for d in doels)
            text += "\n\nDe rapportage nummert de doelstellingen; een titel per doelstelling staat er niet in."
            return Answer(text, kind="meta", count=n)
        if p.meta in ("most", "least"):
            pick = max(per_doel.values()) if p.meta == "most" else min(per_doel.values())
            winners = [d for d, n in per_doel.items() if n == pick]
            word = "meeste" if p.meta == "most" else "minste"
            text = (f"**Doelstelling {' en '.join(winners)} {'heeft' if len(winners) == 1 else 'hebben'} de {word} "
                    f"acties: {pick}.**\n\n" + "\n".join(f"- Doelstelling {d}: {n}" for d, n in per_doel.items()))
            return Answer(text, rows=[r for r in rows if r.doelstelling in winners], kind="meta", count=pick)
        # periods
        text = ("**De rapportage geeft per actie twee standen: de Status zomer 2024 en de Voortgang (2025).**\n\n"
                "De Werkagenda mbo zelf loopt van 2023 tot en met 2027; de kolom *Wanneer* geeft per actie de "
                "planning. Over andere jaren rapporteert deze rapportage niet.")
        return Answer(text, kind="meta")

    # -- one action -----------------------------------------------------------------------------

    def _terms(self, text: str) -> set[str]:
        lexical = getattr(self.index, "lexical", None)
        if lexical is None or not text:
            return set()
        return set(lexical.analyzer.query_terms(text))

    def _idf(self, term: str) -> float:
        lexical = getattr(self.index, "lexical", None)
        return lexical.idf(term) if lexical is not None else 1.0

    def _relevance(self, sentence: str, qterms: set[str]) -> float:
        if not qterms:
            return 0.0
        lexical = self.index.lexical
        terms = set(lexical.analyzer.document_terms(sentence))
        return sum(self._idf(t) for t in qterms & terms) / sum(self._idf(t) for t in qterms)

    def _lookup(self, p: Plan, prev: Answer | None) -> Answer:
        if p.followup and prev is not None:
            rows = prev.rows[:1] if prev.kind == "lookup" else prev.rows[:1]
            return self._compose(p, rows[0], [])
        if p.person:
            return self._refuse(p, "De rapportage noemt geen namen van personen.", self._search(p.question, None).hits)
        # Retrieval sees the whole question, as before the planner (measured: searching the topic
        # alone lost Hit@1 where a party is also the subject, "wie zijn betrokken bij het onderzoek
        # naar … docenten"); the topic decides coverage and which sentences answer.
        search_text = p.topic or p.question
        res = self._search(p.question, p.filters if not p.filters.is_empty() else None)
        if not res.hits and not p.filters.is_empty():
            res = self._search(p.question, None)
        if not res.hits or not res.confident:
            return self._refuse(p, NOT_IN_REPORT, res.hits)
        if p.uncovered_year is not None:
            return self._refuse(p, f"De rapportage beschrijft de stand van zomer 2024 en van 2025; over "
                                   f"{p.uncovered_year} zegt ze niets.", res.hits)
        best = res.hits[0]
        dense = best.dense
        covered = self._coverage(search_text, best.row)
        loose = p.topic and covered < LOOKUP_MIN_COVERAGE and not (dense == dense and dense >= LOOKUP_DENSE_SURE)
        # "Zie ook": the other rows that pass the topic-list cutoff, so a question about a subject
        # several actions share ("stages") also shows the rest of them.
        related = [r for r in self.topic_rows(search_text, p.filters if not p.filters.is_empty() else None)
                   if r.id != best.row.id][:5]
        if p.field == "figure":
            # The figure may sit in the second or third row found ("extra geld voor studenten met
            # taal- en rekenachterstanden"): the row whose sentence holds it leads.
            best_row = self._row_with_figure(p, [h.row for h in res.hits[:3]])
            if best_row is not None and best_row.id != best.row.id:
                related = [best.row, *[r for r in related if r.id != best_row.id]]
                best = next(h for h in res.hits if h.row.id == best_row.id)
        ans = self._compose(p, best.row, related, hits=res.hits)
        if loose and not ans.abstained:
            # Measured: refusing here cost 7 answerable questions of the single-row set; a hedge
            # tells the reader to check instead (the same test as before, index/confidence.py).
            ans.text = "*Ik weet niet zeker of de rapportage hierover gaat; dit is de actie die er het dichtst " \
                       "bij komt.*\n\n" + ans.text
        return ans

    def _row_with_figure(self, p: Plan, rows: list[ActionRow]) -> ActionRow | None:
        from .sentences import has_figure

        noun = {t for t in self._terms(p.topic) if t in self.index.lexical.doc_freq} if p.figure_kind == "count" else set()
        qterms = self._terms(p.topic or p.question)
        best = None
        for rank, row in enumerate(rows):
            for cell in ("voortgang", "status_2024", "wat"):
                for rel, _, s in self._best(row, cell, qterms,
                                            want=lambda s: has_figure(s, p.figure_kind, noun, self.index.lexical.analyzer)):
                    key = (rel - 0.05 * rank, )
                    if rel >= 0.2 and (best is None or key > best[0]):
                        best = (key, row)
        return best[1] if best else None

    def _refuse(self, p: Plan, reason: str, hits, rows: list[ActionRow] | None = None) -> Answer:
        lines = [f"**{esc(reason)}**"]
        closest = rows if rows is not None else [h.row for h in hits[:3]]
        if closest:
            lines += ["", "Wat de rapportage wel noemt, in de acties die er het dichtst bij komen:"]
            for r in closest[:3]:
                lines.append(f"- **{r.id}** (Doelstelling {r.doelstelling}): {esc(shorten(r.wat, 120))}")
        return Answer("\n".join(lines), rows=list(closest[:3]), abstained=True, kind="out_of_scope")

    def _new_sentences(self, row: ActionRow, qterms: set[str]) -> list[str]:
        """Sentences of the 2025 text that the summer-2024 text did not say word for word, the
        most novel and relevant first (ties: document order). "61% van de scholen" against "meer
        dan de helft van de scholen" is new, though most of its words are not."""
        from index.analyzer import words

        analyzer = self.index.lexical.analyzer
        before_sents = {tuple(words(s)) for s in split_sentences(row.status_2024)}
        before = set(analyzer.document_terms(row.status_2024)) if row.status_2024 else set()
        out = []
        for i, s in enumerate(split_sentences(idem_rest(row))):
            if tuple(words(s)) in before_sents:
                continue
            terms = set(analyzer.document_terms(s))
            novelty = len(terms - before) / max(1, len(terms))
            out.append((-(self._relevance(s, qterms) + novelty), i, s))
        return [s for *_, s in sorted(out)]

    def _best(self, row: ActionRow, cell: str, qterms: set[str], want=None) -> list[tuple[float, int, str]]:
        text = idem_rest(row) if cell == "voortgang" else row.cell(cell)
        scored = []
        for i, s in enumerate(split_sentences(text)):
            if want is not None and not want(s):
                continue
            scored.append((self._relevance(s, qterms), i, s))
        scored.sort(key=lambda t: (-t[0], t[1]))
        return scored

    def _compose(self, p: Plan, row: ActionRow, related: list[ActionRow], hits=None) -> Answer:
        qterms = self._terms(p.topic or p.question)
        stand = self.stands.get(row.id, "")
        header = [f"**Actie {row.id}** · Doelstelling {row.doelstelling} (prioriteit {row.prioriteit})"
                  + (f" · stand: {stand}" if stand else ""),
                  f"*{esc(shorten(row.wat, 140))}*", ""]
        body: list[str] = []
        quotes: list[Quote] = []
        periods: list[str] = []

        def quote(cell: str, sentences: list[str], label: str | None = None) -> None:
            text = " ".join(sentences)
            body.append(f"**{label or Quote(row.id, cell, '').label}:** {esc(text)}")
            quotes.extend(Quote(row.id, cell, s) for s in sentences)
            if cell in PERIOD_LABELS and cell not in periods:
                periods.append(cell)

        if p.field == "wie":
            quote("wie", [row.wie] if row.wie else [])
            if not row.wie:
                body[-1] = "**Wie:** de rapportage noemt hier geen partijen."
        elif p.field == "wanneer":
            # The latest dated statement leads: among the dated sentences that answer about as well
            # as the best one, the one with the latest year; the Voortgang before the 2024 status.
            dated = []
            for cell in ("voortgang", "status_2024"):
                if cell == "voortgang" and not idem_rest(row):
                    continue
                dated += [(rel, cell, s) for rel, _, s in self._best(row, cell, qterms, want=has_date)]
            if dated:
                top = max(rel for rel, _, _ in dated)
                near = [d for d in dated if d[0] >= 0.5 * top]
                rel, cell, s = max(near, key=lambda d: (latest_year(d[2]), d[1] == "voortgang", d[0]))
                quote(cell, [s])
            if row.wanneer:
                body.append(f"**Planning (Wanneer):** {esc(row.wanneer)}")
                quotes.append(Quote(row.id, "wanneer", row.wanneer))
        elif p.field == "figure":
            # The figure must be about the question's subject, not just any figure: the subject is
            # the topic without the words that only ask for a figure. "het totale budget van de
            # werkagenda" has none left: it asks about the agenda as a whole, which no action's
            # figure answers.
            qterms = self._terms(p.topic) - self._terms(_FIGURE_WORDS)
            if not qterms:
                kind = {"amount": "bedrag", "percentage": "percentage"}.get(p.figure_kind or "", "aantal")
                return self._refuse(p, f"De rapportage noemt geen {kind} voor de werkagenda als geheel; alleen "
                                       f"per actie staan soms bedragen of aantallen.", [], rows=[row, *related][:3])
            # What is counted must be in the sentence, when the report knows the word at all
            # ("hoeveel mbo-scholen": yes; "hoeveel studiepunten": the report says "ECTS").
            noun = {t for t in self._terms(p.topic) if t in self.index.lexical.doc_freq} \
                if p.figure_kind == "count" else set()

            def fits(s: str) -> bool:
                return has_figure(s, p.figure_kind, noun, self.index.lexical.analyzer)

            candidates = []
            for cell in ("voortgang", "status_2024", "wat"):
                for rel, i, s in self._best(row, cell, qterms, want=fits):
                    candidates.append((rel, cell, s))
            candidates = [c for c in candidates if c[0] >= 0.2]
            if not candidates:
                kind = {"amount": "bedrag", "percentage": "percentage"}.get(p.figure_kind or "", "aantal")
                subject = p.topic or "dit onderwerp"
                return self._refuse(p, f"De rapportage noemt geen {kind} voor {subject}.", [], rows=[row, *related][:3])
            # Best by relevance; the newest period first on a tie.
            order = {"voortgang": 0, "status_2024": 1, "wat": 2}
            candidates.sort(key=lambda c: (-round(c[0], 2), order[c[1]]))
            rel, cell, s = candidates[0]
            quote(cell, [s])
        elif p.field == "change":
            if row.voortgang_idem:
                body.append("**Voortgang (2025):** ongewijzigd sinds zomer 2024 (de rapportage zegt \"Idem.\").")
                periods.append("voortgang")
                extra = idem_rest(row)
                if extra:
                    quote("voortgang", split_sentences(extra)[:2], "Voortgang (2025), aanvulling")
                best = self._best(row, "status_2024", qterms)
                if best:
                    quote("status_2024", [s for _, _, s in sorted(best[:2], key=lambda t: t[1])])
            elif not row.voortgang.strip():
                body.append("**Voortgang (2025):** de rapportage meldt voor 2025 geen voortgang.")
                best = self._best(row, "status_2024", qterms)
                if best:
                    quote("status_2024", [s for _, _, s in sorted(best[:2], key=lambda t: t[1])])
            else:
                new = self._new_sentences(row, qterms)[:2]
                if new:
                    quote("voortgang", new, "Nieuw in de Voortgang (2025)")
                best = self._best(row, "status_2024", qterms)
                if best:
                    quote("status_2024", [best[0][2]], "Status zomer 2024 (toen)")
        else:  # status
            self._status_body(row, qterms, quote, body, periods)
        if p.field == "change" and row.wie:
            body.append(f"Wie: {esc(row.wie)} · Wanneer: {esc(row.wanneer)}")
        # Short answers stay short: who/when/figure answers name at most two related actions.
        others = [r for r in related if r.id != row.id][:2 if p.field in ("wie", "wanneer", "figure") else 4]
        if others:
            body += ["", "Zie ook: " + "; ".join(f"{r.id} ({esc(shorten(r.wat, 70))})" for r in others)]
        cites = [Citation(row.id, row.doelstelling, periods)]
        # rows: the answer's row, the related ones it names, then the rest of the top three found
        # (what retrieval offered; the sources panel shows only the cited row).
        rows = [row, *others]
        rows += [h.row for h in (hits or [])[:3] if h.row not in rows]
        return Answer("\n".join(header + body), cites, rows, kind="lookup", quotes=quotes)

    def _status_body(self, row: ActionRow, qterms: set[str], quote, body: list[str], periods: list[str]) -> None:
        """Latest period first, whole when short; otherwise the sentences that answer best."""
        latest = idem_rest(row)
        if row.voortgang_idem:
            body.append("**Voortgang (2025):** ongewijzigd sinds zomer 2024.")
            periods.append("voortgang")
            if latest:
                quote("voortgang", self._pick(row, "voortgang", qterms, 2), "Voortgang (2025), aanvulling")
            if row.status_2024:
                quote("status_2024", self._pick(row, "status_2024", qterms, 3))
        elif latest:
            quote("voortgang", self._pick(row, "voortgang", qterms, 3))
            if row.status_2024:
                quote("status_2024", self._pick(row, "status_2024", qterms, 1, whole_below=25))
        else:
            body.append("**Voortgang (2025):** de rapportage meldt voor 2025 geen voortgang.")
            if row.status_2024:
                quote("status_2024", self._pick(row, "status_2024", qterms, 3))
        if row.wie or row.wanneer:
            body.append(f"Wie: {esc(row.wie)} · Wanneer: {esc(row.wanneer)}")

    def _pick(self, row: ActionRow, cell: str, qterms: set[str], limit: int, whole_below: int = 60) -> list[str]:
        """The whole cell when it is short; else the `limit` sentences that answer best, in order."""
        text = idem_rest(row) if cell == "voortgang" else row.cell(cell)
        sents = split_sentences(text)
        if word_count(text) <= whole_below:
            return sents
        best = self._best(row, cell, qterms)
        chosen = sorted(best[:limit], key=lambda t: t[1])
        if not any(rel > 0 for rel, _, _ in chosen):
            chosen = [(0, i, s) for i, s in enumerate(sents[:limit])]
        return [s for _, _, s in chosen]


def _reports_new(row: ActionRow) -> bool:
    """The 2025 text says something: not empty, not a bare "Idem.", not the 2024 text repeated."""
    from index.analyzer import words

    rest = idem_rest(row)
    return bool(rest) and words(rest) != words(row.status_2024)


def _periods_of(row: ActionRow) -> list[str]:
    if row.voortgang.strip():
        return ["voortgang"] + (["status_2024"] if row.voortgang_idem else [])
    return ["status_2024"]


def _scope_words(p: Plan) -> str:
    f = p.filters
    parts = []
    if f.stand:
        parts.append(f"met stand '{f.stand}'")
    if p.topic:
        parts.append(f"over '{p.topic}'")
    if f.partij:
        parts.append(f"waarbij {f.partij} betrokken is")
    if f.doelstelling:
        parts.append(f"in doelstelling {f.doelstelling}")
    elif f.prioriteit is not None:
        parts.append(f"in prioriteit {f.prioriteit}")
    if f.jaar is not None:
        parts.append(f"gepland of gemeld voor {f.jaar}")
    return (" " + ", ".join(parts)) if parts else ""


def _fallback(ans: Answer, note: str) -> Answer:
    ans.notice = note
    ans.text = f"*{esc(note)}*\n\n" + ans.text
    return ans


def _with_notices(lines: list[str], notices: list[str]) -> list[str]:
    if not notices:
        return lines
    return [f"*{esc(n)}*" for n in notices] + [""] + lines
