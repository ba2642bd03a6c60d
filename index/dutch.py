"""Whether a word is ordinary Dutch, by the Dutch word-frequency list that ships inside the
pyspellchecker package (no download; read once, about 0.4 s, in the background from engine load on).

The analyzer corrects a query word it does not know to the nearest word of the report ("dsicriminatie"
-> "discriminatie"). A word that is itself Dutch is no typo: "recept" is not "recent", "vrienden" not
"vinden", "regenen" not "redenen". Taken for typos, such words looked known to the report, and a question
about pancakes or films was answered from the nearest action.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_loaded = None


def _checker():
    global _loaded
    with _lock:  # a question asked while preload() still reads waits for it, once
        if _loaded is None:
            from spellchecker import SpellChecker

            _loaded = SpellChecker(language="nl", distance=1)
        return _loaded


_started = threading.Event()


def preload() -> None:
    """Read the list in a background thread, so that neither start-up nor the first question waits
    (once per process: several reports side by side load several engines)."""
    if not _started.is_set():
        _started.set()
        threading.Thread(target=_checker, name="dutch-words", daemon=True).start()


def is_word(word: str) -> bool:
    """True when the (lower-case) word is in the Dutch word list."""
    return bool(word) and word in _checker()


def frequency(word: str) -> int:
    """How often the word occurs in the list's (subtitle) corpus; 0 when it is not in the list."""
    return int(_checker().word_frequency[word]) if word else 0
