"""The chat's event handlers: functions from the inputs and the session state to the outputs.

`Handlers` holds what every session shares (the engine, the rows and their stands, the export
files); app/ui.py builds the page and wires each event to one of its methods. A chat turn changes
the session state in one place only (`Handlers._turn`), whether the question was typed or comes
from a tap on a student card.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import sys
import tempfile
import threading
import traceback
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterator, Sequence

import gradio as gr

from ingest import ActionRow

from .text import esc as esc_text
from .ui_text import (ALLE, EMPTY_MESSAGE, ERROR_MESSAGE, MAX_HISTORY, MAX_SESSIONS, PENDING_MESSAGE,
                      SESSION_TTL, SOURCES_EMPTY, inert, make_filters, sources_html, trim_chat, user_text)

def _reply(text: str):
    """An Answer that does not come from the engine (empty question, an internal error)."""
    from app.engine import Answer

    return Answer(text, abstained=True, kind="empty")


def safe_answer(engine, question: Any, history=None, filters=None, rapport: str | None = None):
    """engine.answer that never raises: an empty question gets a Dutch hint, an error a Dutch
    apology (the traceback goes to the server log, never to the user)."""
    q = "" if question is None else str(question)
    if not q.strip():
        return _reply(EMPTY_MESSAGE)
    try:
        if rapport and len(getattr(engine, "reports", ())) > 1:
            return engine.answer(q, history=history or None, filters=filters, rapport=rapport)
        return engine.answer(q, history=history or None, filters=filters)
    except Exception:  # noqa: BLE001 - the user sees a Dutch message, the log the details
        print("Fout bij het beantwoorden van een vraag:", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return _reply(ERROR_MESSAGE)


def checked_answer(engine, question: str, history=None, filters=None, rapport: str | None = None):
    """The final Answer, LLM or not, and never the LLM's unchecked text: in LLM mode the engine's
    stream is consumed to its end (its intermediate text is dropped) and only the checked Answer
    it ends with is returned."""
    if getattr(engine, "llm", None) is None or not hasattr(engine, "answer_stream"):
        return safe_answer(engine, question, history, filters, rapport)
    ans = None
    try:
        for item in engine.answer_stream(str(question), history=history or None, filters=filters, rapport=rapport):
            if not isinstance(item, str):
                ans = item
    except Exception:  # noqa: BLE001 - same contract as safe_answer
        print("Fout bij het beantwoorden van een vraag:", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        ans = None
    return ans if ans is not None else _reply(ERROR_MESSAGE)


def session_limits(env=None) -> tuple[float, int]:
    """(seconds a session's state lives after its last answer, sessions kept) from
    WERKAGENDA_SESSION_TTL and WERKAGENDA_MAX_SESSIONS; nonsense falls back to the defaults."""
    env = os.environ if env is None else env
    try:
        ttl = float(env.get("WERKAGENDA_SESSION_TTL") or SESSION_TTL)
    except ValueError:
        ttl = SESSION_TTL
    try:
        cap = int(env.get("WERKAGENDA_MAX_SESSIONS") or MAX_SESSIONS)
    except ValueError:
        cap = MAX_SESSIONS
    return (ttl if ttl > 0 else SESSION_TTL), max(1, cap)


def new_state(session: str = "") -> dict:
    return {"chat": [], "answers": [], "session": session}


class ExportFiles:
    """The download files for a selection of rows, written once per selection into a private
    temporary directory and kept for the last `keep` selections (older ones are removed, so
    typing in the search box cannot fill the disk)."""

    def __init__(self, keep: int = 64):
        self.dir = Path(tempfile.mkdtemp(prefix="werkagenda-export-"))
        atexit.register(shutil.rmtree, self.dir, ignore_errors=True)  # nothing left in /tmp after a stop
        self.keep = keep
        self._made: "OrderedDict[str, tuple[str, str]]" = OrderedDict()
        self._lock = threading.Lock()

    def files(self, rows: Sequence[ActionRow], stands: dict) -> tuple[str, str]:
        from app.export import write_export

        key = hashlib.sha256("\n".join(r.id for r in rows).encode()).hexdigest()[:16]
        with self._lock:
            if key in self._made:
                self._made.move_to_end(key)
                return self._made[key]
            where = self.dir / key
            csv_path = write_export(rows, stands, where / "werkagenda-acties.csv", "csv")
            xlsx_path = write_export(rows, stands, where / "werkagenda-acties.xlsx", "xlsx")
            self._made[key] = (str(csv_path), str(xlsx_path))
            while len(self._made) > self.keep:
                old, _ = self._made.popitem(last=False)
                shutil.rmtree(self.dir / old, ignore_errors=True)
            return self._made[key]



class Handlers:
    """The event handlers of one app (build_app makes one per Blocks)."""

    def __init__(self, engine) -> None:
        from index.stand import stands as derive

        self.engine = engine
        self.rows: list[ActionRow] = list(engine.rows)
        try:
            self.student_rows: list[ActionRow] = list(engine.student_rows())
        except Exception:  # noqa: BLE001 - a missing rule must not take the app down
            traceback.print_exc(file=sys.stderr)
            self.student_rows = []
        self.stands = dict(getattr(engine, "stands", {}) or {}) or derive(self.rows)
        self.exports = ExportFiles()
        self.demo = None  # set by build_app once the Blocks exist (forget_session needs its state holder)

    # -- the chat

    @staticmethod
    def _session(state, request) -> dict:
        """A copy of the session state (a fresh one when the browser sent none), tagged with the
        session it belongs to."""
        state = dict(state) if isinstance(state, dict) else new_state()
        sid = getattr(request, "session_hash", None) if request is not None else None
        if sid:
            state["session"] = sid
        return state

    def _turn(self, question: str, filters, state: dict, rapport: str | None = None) -> Iterator[tuple]:
        """One chat turn, the only place the chat state changes: yields (chat, state, sources,
        question box) - the user's message with a "being checked" placeholder first in LLM mode,
        then the checked answer. An empty question gets its own hint; the answers kept for
        follow-ups and the sources panel then stay as they were."""
        chat = list(state.get("chat", []))
        if not question.strip():
            state["chat"] = trim_chat(chat + [{"role": "assistant", "content": EMPTY_MESSAGE}])
            yield state["chat"], state, gr.update(), gr.update()
            return
        answers = list(state.get("answers", []))
        label = user_text(question)
        if filters is not None:
            # Markdown, not an attribute: quotes stay quotes (as in user_text).
            label += f"\n\n*(filter: {esc_text(filters.describe())})*"
        chat.append({"role": "user", "content": label})
        if getattr(self.engine, "llm", None) is not None:
            yield trim_chat(chat + [{"role": "assistant", "content": PENDING_MESSAGE}]), gr.update(), gr.update(), ""
        ans = checked_answer(self.engine, question, history=answers, filters=filters, rapport=rapport)
        chat.append({"role": "assistant", "content": inert(ans.text)})
        state.update(chat=trim_chat(chat), answers=(answers + [ans])[-MAX_HISTORY:])
        yield state["chat"], state, sources_html(ans, filters), ""

    def respond(self, question, prioriteit, doelstelling, partij, stand, state, request: gr.Request = None,
                rapport: str | None = None):
        """A typed question, asked with the filters the dropdowns show (and the report selector,
        shown when there are several reports)."""
        q = "" if question is None else str(question)
        chosen = rapport if rapport in getattr(self.engine, "reports", {}) else None
        yield from self._turn(q, make_filters(prioriteit, doelstelling, partij, stand), self._session(state, request),
                              chosen)

    def reset(self, state, request: gr.Request = None):
        return [], new_state(self._session(state, request).get("session", "")), SOURCES_EMPTY, ""

    def forget_session(self, value) -> None:
        """gr.State's delete_callback: the state expired (idle for its time to live), so drop the
        whole per-session record Gradio keeps (copies of every output this session received),
        not just this value."""
        sid = value.get("session") if isinstance(value, dict) else None
        holder = getattr(self.demo, "state_holder", None)
        if sid and holder is not None:
            with holder.lock:
                holder.session_data.pop(sid, None)
                holder.time_last_used.pop(sid, None)

    def api_chat(self, vraag: str, prioriteit: str = ALLE, doelstelling: str = ALLE, partij: str = ALLE,
                 stand: str = ALLE) -> str:
        """Beantwoord één vraag over de Werkagenda mbo (zonder gespreksgeschiedenis).

        Args:
            vraag: de vraag in het Nederlands
            prioriteit: 'Alle' of 1, 2, 3
            doelstelling: 'Alle' of 1.1 ... 3.4
            partij: 'Alle' of een partij zoals JOB
            stand: 'Alle' of een stand zoals 'afgerond'
        Returns:
            het antwoord als Markdown (HTML-veilig, zonder links of afbeeldingen)
        """
        f = make_filters(prioriteit, doelstelling, partij, stand)
        if not str(vraag or "").strip():
            return inert(EMPTY_MESSAGE)
        return inert(checked_answer(self.engine, vraag, filters=f).text)

    # -- the other tabs

    def filter_table(self, query, prioriteit, doelstelling, partij, stand=ALLE):
        from app import dashboard as views
        from app.export import select_rows

        found = select_rows(self.rows, self.stands, prioriteit=prioriteit, doelstelling=doelstelling, partij=partij,
                            stand=stand, query=query or "")
        count = f"**{len(found)} van {len(self.rows)} acties**" + (" — geen acties gevonden." if not found else "")
        csv_path, xlsx_path = self.exports.files(found, self.stands)
        return (views.actions_html(found, self.stands), count,
                gr.DownloadButton(value=csv_path, interactive=bool(found)),
                gr.DownloadButton(value=xlsx_path, interactive=bool(found)))

    def pick_overview(self, evt: gr.SelectData):
        from app import dashboard as views

        return views.picked_html(self.rows, self.stands, getattr(evt, "value", None))

    def search_students(self, query):
        from app import dashboard as views

        return views.students_html(self.student_rows, self.stands, query or "")

    def ask_student(self, evt: gr.SelectData, state, request: gr.Request = None):
        """A tap on a student card: its short question in the chat, with every visible filter
        set to what the question is asked with (none: the question names its subject)."""
        from app import dashboard as views

        row_id = getattr(evt, "value", None)
        row = next((r for r in self.student_rows if r.id == row_id), None) if isinstance(row_id, str) else None
        if row is None:  # not a card of this page (the value comes from the browser)
            yield tuple(gr.update() for _ in range(9))
            return
        question = views.student_topic(row)[2]
        for chat, state_out, panel, box in self._turn(question, None, self._session(state, request)):
            yield chat, state_out, panel, box, gr.Tabs(selected="chat"), ALLE, ALLE, ALLE, ALLE
