"""The answer engine: a Dutch question in, a short grounded answer with citations out.

Default mode is extractive: every statement is the rows' own words, labelled with the
doelstelling and the status period it comes from. An optional LLM (see app/llm.py) may
rewrite the answer, but only when its citations check out against the retrieved rows.
"""

from __future__ import annotations

import html
import re
import threading
import time
from dataclasses import dataclass, field

import Stemmer

from ingest import ActionRow

MAX_QUESTION = 1000
NOT_IN_REPORT = "Dit staat niet in de voortgangsrapportage."
PERIOD_LABELS = {"voortgang": "Voortgang (2025)", "status_2024": "Status zomer 2024"}

_stemmer = Stemmer.Stemmer("dutch")
_WORD = re.compile(r"[0-9a-zà-ÿ]+(?:[-'’][0-9a-zà-ÿ]+)*", re.IGNORECASE)
_STOP = set("""de het een en of in op aan van voor met over wat wie wanneer hoe is zijn wordt worden er
dit dat die deze daar hier ik je jij we wij u ze zij hun mijn mbo werkagenda status stand zaken nu al
ook nog bij naar om te tot uit door als dan maar niet geen welke welk waar waarom kan kunnen moet
gaat gaan doet doen zit zitten heb hebben heeft hoe zo vraag actie acties iets meer""".split())

_WHO = re.compile(r"\bwie\b|verantwoordelijk|welke partij|trekker|uitvoerder|betrokken partij", re.I)
_WHEN = re.compile(r"\bwanneer\b|planning|tijdpad|\bdeadline\b|per wanneer|welk jaar|hoe lang|looptijd", re.I)
_CHANGE = re.compile(r"verander|verschil|vergele|sinds (de )?zomer|wat is er nieuw|ontwikkel(d|ing) sinds|"
                     r"vooruitgang|2024.{0,40}2025|vorig jaar|opgeschoten", re.I)
_LIST = re.compile(r"\bwelke (acties|maatregelen|afspraken|plannen)\b|\balle (acties|maatregelen)\b|"
                   r"\boverzicht\b|\bopsomming\b|\blijst\b|\bwat (doet|gebeurt) .{0,40} voor\b", re.I)
_FACT = re.compile(r"\bhoeveel\b|\bbedrag\b|percentage|\bprocent\b|\bmiljoen\b|\bmln\b|\bwelke datum\b", re.I)
_FOLLOW = re.compile(r"^\s*(en|maar|ok[eé]?,?\s+en)\b|\b(daarvoor|daarvan|daarmee|hiervoor|hiervan|ervan|"
                     r"die actie|dat plan|deze actie)\b", re.I)
_INJECTION = re.compile(r"negeer|ignore (all|previous)|vergeet (alle|je) |system prompt|je bent nu|"
                        r"you are now|jailbreak|instructies", re.I)
_HTML = re.compile(r"<[^>]+>")
_NUMBERISH = re.compile(r"\d[\d.,/%]*|\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september|"
                        r"oktober|november|december|voorjaar|najaar|zomer)\b", re.I)


def tokens(text: str) -> list[str]:
    return [_stemmer.stemWord(w.lower()) for w in _WORD.findall(text) if w.lower() not in _STOP]


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9‘'\"(•\-])|\s+(?=•)|\s+(?=-[A-Z])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def shorten(text: str, limit: int = 160) -> str:
    """The first sentence(s) of a cell, at most about `limit` characters."""
    sents = sentences(text) if text.strip() else [""]
    first = sents[0]
    for nxt in sents[1:]:
        if len(first) >= 40 or len(first) + len(nxt) + 1 > limit:
            break
        first = f"{first} {nxt}"
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut + " …"


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

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "rows": [r.id for r in self.rows],
            "abstained": self.abstained,
            "mode": self.mode,
            "latency_ms": round(self.latency_ms, 2),
        }


def classify(question: str) -> str:
    if _WHO.search(question):
        return "who"
    if _WHEN.search(question):
        return "when"
    if _CHANGE.search(question):
        return "change"
    if _LIST.search(question):
        return "list"
    if _FACT.search(question):
        return "fact"
    return "status"


def _sentence_score(s: str, question_tokens: set[str], want_numbers: bool, i: int) -> float:
    overlap = len(question_tokens & set(tokens(s)))
    return overlap + (1.0 if want_numbers and _NUMBERISH.search(s) else 0) - 0.01 * i


def best_sentence(text: str, question_tokens: set[str], want_numbers: bool) -> tuple[float, str]:
    sents = sentences(text)
    if not sents:
        return 0.0, ""
    return max((_sentence_score(s, question_tokens, want_numbers, i), s) for i, s in enumerate(sents))


def pick_sentences(text: str, question_tokens: set[str], limit: int = 2, want_numbers: bool = False) -> str:
    """The sentences of a cell that answer the question best, in their own order.
    Short cells are kept whole: cutting them loses more than it saves."""
    if len(text) <= 320:
        return text
    sents = sentences(text)
    scored = []
    for i, s in enumerate(sents):
        scored.append((_sentence_score(s, question_tokens, want_numbers, i), i))
    keep = sorted(i for _, i in sorted(scored, reverse=True)[:limit])
    out = " ".join(sents[i] for i in keep)
    if keep and keep[-1] < len(sents) - 1 or keep and keep[0] > 0:
        out += " (…)"
    return out


def new_facts(row: ActionRow) -> list[str]:
    """Figures and dates in the 2025 status that the zomer 2024 status did not have."""
    before = set(m.group(0).lower().rstrip(".,") for m in _NUMBERISH.finditer(row.status_2024))
    seen: list[str] = []
    for m in _NUMBERISH.finditer(row.voortgang):
        val = m.group(0).rstrip(".,")
        if val.lower() not in before and val not in seen and len(val) > 1:
            seen.append(val)
    return seen[:6]


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

    # -- answering

    def answer(self, question: str, history: list[Answer] | None = None, filters=None) -> Answer:
        started = time.perf_counter()
        ans = self._answer(question or "", history or [], filters)
        if self.llm is not None and not ans.abstained and ans.rows and ans.kind != "empty":
            ans = self._with_llm(ans)
        ans.latency_ms = (time.perf_counter() - started) * 1000
        return ans

    def answer_stream(self, question: str, history: list[Answer] | None = None, filters=None):
        """Like answer(), for the chat: in LLM mode yields the growing text (str) while the
        LLM writes, and always ends with the checked Answer."""
        started = time.perf_counter()
        ans = self._answer(question or "", history or [], filters)
        if self.llm is not None and not ans.abstained and ans.rows and ans.kind != "empty":
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
        return Answer(esc(text), list(cites.values()), ans.rows, False, "llm", kind=ans.kind, question=ans.question)

    def _answer(self, question: str, history: list[Answer], filters) -> Answer:
        from index import mentioned_doelstelling, mentioned_party, mentioned_prioriteit

        notices = []
        q = question.strip()
        if not q:
            return Answer("Stel een vraag over de voortgang van de Werkagenda mbo, bijvoorbeeld: "
                          "*Wat is de status van het bbl-offensief?*", abstained=True, kind="empty")
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
        kind = classify(q)

        # Follow-up on the previous turn's rows ("en wie is daarvoor verantwoordelijk?").
        prev = next((h for h in reversed(history) if h.rows and not h.abstained), None)
        if prev is not None and _FOLLOW.search(q) and len(q.split()) <= 10:
            rows = prev.rows if prev.kind == "list" else prev.rows[:1]
            if kind == "status" and re.search(r"2025|nu|laatste", q):
                kind = "status"
            return self._compose(q, kind if kind != "list" else "status", rows, notices, followup=True)

        # Structured questions that top-k cannot answer: every matching row.
        from index import Filters

        f = filters or Filters()
        doel = mentioned_doelstelling(q)
        bare = re.fullmatch(r"(?:doel(?:stelling)?\s*)?([1-3])\s*[.,]\s*([1-9])\s*\??", q, re.I)
        if bare and f"{bare.group(1)}.{bare.group(2)}" in {r.doelstelling for r in self.rows}:
            doel = f"{bare.group(1)}.{bare.group(2)}"  # only a number: an overview of that doelstelling
        party = mentioned_party(q)
        if party in ("studenten", "docenten"):
            party = None  # the subject of a question, rarely meant as the party in Wie
        party = f.partij or party
        prio = mentioned_prioriteit(q)
        if doel and (kind in ("list", "status") and len(tokens(re.sub(r"doel\w*\s*\d[.,]\d", "", q))) <= 3):
            rows = self.index.filter_rows(Filters(prioriteit=f.prioriteit, doelstelling=doel, partij=f.partij))
            return self._compose_list(q, rows, notices, title=f"Doelstelling {doel}", overview=True)
        if kind == "list" and party and len(tokens(q)) <= 4:
            rows = self.index.filter_rows(Filters(prioriteit=f.prioriteit or prio, doelstelling=f.doelstelling or doel,
                                                  partij=party))
            return self._compose_list(q, rows, notices, title=f"Acties waarbij {party} betrokken is")
        if doel and not f.doelstelling:
            f = Filters(prioriteit=f.prioriteit, doelstelling=doel, partij=f.partij)

        with self._lock:
            res = self.index.search(q, k=8, filters=None if f.is_empty() else f, mode=self.retrieval_mode)
        if not res.hits or not res.confident:
            return self._abstain(q, res.hits, notices)
        if kind == "list" or (party and kind == "status" and re.search(r"\bwelke\b|\bwat doe", q, re.I)):
            top = res.hits[0].score
            rows = [h.row for h in res.hits if h.score >= 0.6 * top][:8]
            if party:
                rows = [r for r in rows if party in r.partijen] or rows
            return self._compose_list(q, rows, notices, title="Gevonden acties")
        rows = [h.row for h in res.hits[:3]]
        if self._loosely_related(q, res):
            notices.append("Ik weet niet zeker of de rapportage hierover gaat; dit is de actie die er het "
                           "dichtst bij komt.")
        top = res.hits[0].score
        related = [h.row.id for h in res.hits[1:3] if top > 0 and h.score >= 0.8 * top]
        return self._compose(q, kind, rows, notices, related=related)

    def _loosely_related(self, q: str, res) -> bool:
        """In scope by the index's signal, but the best row holds little of what the question
        asks (see index/confidence.py: the rejected stricter test, used here only to hedge)."""
        lexical = getattr(self.index, "lexical", None)
        if lexical is None or not hasattr(lexical, "coverage") or res.relevance is None:
            return False
        pos = next(i for i, r in enumerate(self.rows) if r.id == res.hits[0].row.id)
        dense = res.relevance.dense_top
        return lexical.coverage(q, pos) < 0.30 and not (dense == dense and dense >= 0.40)

    def _abstain(self, q: str, hits, notices: list[str]) -> Answer:
        lines = [f"**{NOT_IN_REPORT}**", ""]
        if hits:
            lines.append("De acties die er het dichtst bij komen:")
            for h in hits[:3]:
                lines.append(f"- **{h.row.id}** (Doelstelling {h.row.doelstelling}): {esc(shorten(h.row.wat, 120))}")
        text = "\n".join(_with_notices(lines, notices))
        return Answer(text, rows=[h.row for h in hits[:3]], abstained=True, kind="out_of_scope", question=q)

    def _compose(self, q: str, kind: str, rows: list[ActionRow], notices: list[str], followup: bool = False,
                 related: list[str] | None = None) -> Answer:
        """One action answered; `related` names the other rows worth a "Zie ook" (nearly as
        relevant as the first), so a clear answer stays short."""
        row = rows[0]
        qt = set(tokens(q))
        lines = [f"**{esc(shorten(row.wat))}**", f"Doelstelling {row.doelstelling} (prioriteit {row.prioriteit}) · actie {row.id}", ""]
        periods: list[str] = []
        title = shorten(row.wat)
        if kind in ("fact", "when"):
            # The figure or date asked for may sit further on in the action text.
            score, sent = best_sentence(row.wat, qt, want_numbers=True)
            if sent and sent not in title and score >= 1.5:
                lines.append(f"**Uit de actie:** {esc(sent)}")
        if kind == "who":
            lines.append(f"**Wie:** {esc(row.wie) or 'niet vermeld'}")
            if row.wanneer:
                lines.append(f"**Wanneer:** {esc(row.wanneer)}")
        elif kind == "when":
            lines.append(f"**Wanneer:** {esc(row.wanneer) or 'niet vermeld'}")
            # Planned and realised dates are often in the status columns.
            for col in ("voortgang", "status_2024"):
                text = row.status_2024 if col == "status_2024" or row.voortgang_idem else row.voortgang
                dated = [s for s in sentences(text) if _NUMBERISH.search(s)]
                if dated:
                    best = max(dated, key=lambda s: _sentence_score(s, qt, True, 0))
                    lines.append(f"**{PERIOD_LABELS[col]}:** {esc(best)}")
                    periods.append(col)
            lines.append(f"**Wie:** {esc(row.wie)}")
        else:
            want_numbers = kind == "fact"
            limit = 3 if kind in ("change", "fact") else 2
            if row.voortgang_idem:
                extra = row.voortgang[len("idem"):].lstrip(". ").strip()
                text = "ongewijzigd sinds zomer 2024" + (f"; {esc(pick_sentences(extra, qt, limit, want_numbers))}" if extra else ".")
                lines.append(f"**{PERIOD_LABELS['voortgang']}:** {text}")
                periods.append("voortgang")
            elif row.voortgang:
                lines.append(f"**{PERIOD_LABELS['voortgang']}:** {esc(pick_sentences(row.voortgang, qt, limit, want_numbers))}")
                periods.append("voortgang")
            else:
                lines.append(f"**{PERIOD_LABELS['voortgang']}:** geen nieuwe voortgang vermeld.")
            if row.status_2024:
                budget = 3 if kind == "change" or row.voortgang_idem else 2
                lines.append(f"**{PERIOD_LABELS['status_2024']}:** {esc(pick_sentences(row.status_2024, qt, budget, want_numbers))}")
                periods.append("status_2024")
            if kind == "change" and row.voortgang and not row.voortgang_idem:
                fresh = new_facts(row)
                if fresh:
                    lines.append(f"**Nieuw in 2025:** {esc(', '.join(fresh))}")
            lines.append(f"**Wie:** {esc(row.wie)} · **Wanneer:** {esc(row.wanneer)}")
        others = [r for r in rows[1:3] if r.id != row.id and r.id in (related or [])]
        if others and not followup:
            lines.append("")
            lines.append("Zie ook: " + "; ".join(f"{r.id} ({esc(shorten(r.wat, 70))})" for r in others))
        cites = [Citation(row.id, row.doelstelling, periods)]
        return Answer("\n".join(_with_notices(lines, notices)), cites, rows, kind=kind, question=q)

    def _compose_list(self, q: str, rows: list[ActionRow], notices: list[str], title: str,
                      overview: bool = False) -> Answer:
        if not rows:
            return Answer("\n".join(_with_notices([f"**{NOT_IN_REPORT}** Geen acties gevonden die hierbij passen."], notices)),
                          abstained=True, kind="list", question=q)
        lines = [f"**{esc(title)}: {len(rows)} {'actie' if len(rows) == 1 else 'acties'}**", ""]
        cites = []
        for r in rows:
            if r.voortgang_idem:
                latest, period = "ongewijzigd sinds zomer 2024: " + shorten(r.status_2024, 110), ["voortgang", "status_2024"]
            elif r.voortgang:
                latest, period = shorten(r.voortgang, 110), ["voortgang"]
            else:
                latest, period = shorten(r.status_2024, 110), ["status_2024"]
            label = PERIOD_LABELS[period[0]]
            lines.append(f"- **{r.id}** (Doelstelling {r.doelstelling}): {esc(shorten(r.wat, 110))}  \n"
                         f"  *{label}:* {esc(latest)}")
            cites.append(Citation(r.id, r.doelstelling, period))
        return Answer("\n".join(_with_notices(lines, notices)), cites, rows, kind="list", question=q)


def _fallback(ans: Answer, note: str) -> Answer:
    ans.notice = note
    ans.text = f"*{esc(note)}*\n\n" + ans.text
    return ans


def _with_notices(lines: list[str], notices: list[str]) -> list[str]:
    if not notices:
        return lines
    return [f"*{esc(n)}*" for n in notices] + [""] + lines
