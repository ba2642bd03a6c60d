"""Escaping and shortening, the one place for both: the engine's Markdown and the UI's HTML use them."""

from __future__ import annotations

import html
import re
from typing import Any

from .sentences import split_sentences


def esc(text: Any, quote: bool = False) -> str:
    """Escape for HTML: the document's text and the user's never become markup. quote=True also
    escapes quotes, for text that fills an attribute (the UI's); the engine's Markdown never does."""
    return html.escape("" if text is None else str(text), quote=quote)


def shorten(text: str, limit: int = 160, enough: int = 40, slack: int = 0) -> str:
    """A title from a cell: its first sentence(s) until `enough` characters, at most about `limit`
    characters, marked with an ellipsis where it is cut, unless the cut would save no more than
    `slack` characters. Never used for quotes (those are whole sentences)."""
    sents = split_sentences(text) or [""]
    first = sents[0]
    for nxt in sents[1:]:
        if len(first) >= enough or len(first) + len(nxt) + 1 > limit:
            break
        first = f"{first} {nxt}"
    if len(first) <= limit + slack:
        return first
    return first[:limit].rsplit(" ", 1)[0] + " …"


def clip(text: str, limit: int = 160) -> str:
    """A cell cut to about `limit` characters at a word boundary, whitespace collapsed, marked with
    an ellipsis where it is cut (list views, where a title by whole sentences would be too long)."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"
