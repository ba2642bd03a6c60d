"""Index: action rows in a persistent Chroma store, with Dutch hybrid retrieval.

    from index import IndexConfig, Filters, open_index, build_index
    idx = open_index(IndexConfig.from_env())
    res = idx.search("wat is de status van het bbl-offensief?", k=5)
"""

from __future__ import annotations

import os

# Before chromadb is imported anywhere: no telemetry, no hub look-ups.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

# Names are imported on first use (PEP 562): `index.stand` or `index.structured` must not pull in
# llama-index, which only building and the sentence-transformers backend need.
_WHERE = {
    "open_index": ".api", "BuildReport": ".build", "build_index": ".build", "ConfigError": ".config",
    "IndexConfig": ".config", "FusionConfig": ".fusion", "Hit": ".search", "Index": ".search",
    "SearchResult": ".search", "Filters": ".structured", "mentioned_doelstelling": ".structured",
    "mentioned_party": ".structured", "mentioned_prioriteit": ".structured",
}


def __getattr__(name):
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "BuildReport", "ConfigError", "Filters", "FusionConfig", "Hit", "Index", "IndexConfig",
    "SearchResult", "build_index", "mentioned_doelstelling", "mentioned_party",
    "mentioned_prioriteit", "open_index",
]
