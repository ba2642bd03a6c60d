"""Index: action rows in a persistent Chroma store, with Dutch hybrid retrieval.

    from index import IndexConfig, Filters, open_index, build_index
    idx = open_index(IndexConfig.from_env())
    res = idx.search("wat is de status van het bbl-offensief?", k=5)
"""

from __future__ import annotations

import os

# Before chromadb is imported anywhere: no telemetry, no hub look-ups.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from .api import open_index  # noqa: E402
from .build import BuildReport, build_index  # noqa: E402
from .config import ConfigError, IndexConfig  # noqa: E402
from .fusion import FusionConfig  # noqa: E402
from .search import Hit, Index, SearchResult  # noqa: E402
from .structured import Filters, mentioned_doelstelling, mentioned_party, mentioned_prioriteit  # noqa: E402

__all__ = [
    "BuildReport", "ConfigError", "Filters", "FusionConfig", "Hit", "Index", "IndexConfig",
    "SearchResult", "build_index", "mentioned_doelstelling", "mentioned_party",
    "mentioned_prioriteit", "open_index",
]
