"""A naive baseline built the way the LlamaIndex starter tutorials do it.

The raw report text is read as one Document, cut with SentenceSplitter (chunk_size 512 tokens,
overlap 50), embedded with the same embedding model as the shipped index, and kept in an
in-memory VectorStoreIndex. A question is answered with the text of the top chunks: there are
no rows, no doelstelling or period labels, and it never abstains.

It exists to show, not claim, what row-level ingestion is worth: the evaluation scores it at the
row level by mapping each retrieved chunk to the rows whose anchors it contains.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

# LlamaIndex's quickstart defaults: similarity_top_k=2 chunks go to the answer.
CHUNK_SIZE = 512
CHUNK_OVERLAP = 50
ANSWER_K = 2
RETRIEVE_K = 10


@dataclass(frozen=True)
class Chunk:
    node_id: str
    text: str
    score: float


@dataclass
class BaselineAnswer:
    question: str
    text: str  # the answer chunks, joined
    chunks: list[Chunk]  # everything retrieved, best first (RETRIEVE_K)
    latency_ms: float
    abstained: bool = False  # a tutorial pipeline has no notion of "not in the document"
    rows: list = field(default_factory=list)  # no rows: that is the point


def read_source_text(path: str | Path | None = None) -> str:
    """The raw text of the report, as a tutorial's reader would give it (no table parsing)."""
    from ingest import DEFAULT_SOURCE

    path = Path(path) if path is not None else DEFAULT_SOURCE
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    return data.decode("utf-8")


class NaiveBaseline:
    def __init__(self, text: str, embed_model, chunk_size: int = CHUNK_SIZE,
                 chunk_overlap: int = CHUNK_OVERLAP, answer_k: int = ANSWER_K,
                 retrieve_k: int = RETRIEVE_K, embedding_label: str = "") -> None:
        from llama_index.core import Document, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter

        started = time.perf_counter()
        splitter = SentenceSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap)
        self.nodes = splitter.get_nodes_from_documents([Document(text=text)])
        # In-memory SimpleVectorStore: the tutorial's VectorStoreIndex(nodes) with our embed model.
        self.index = VectorStoreIndex(self.nodes, embed_model=embed_model, show_progress=False)
        self.retriever = self.index.as_retriever(similarity_top_k=max(retrieve_k, answer_k))
        self.answer_k = answer_k
        self.retrieve_k = retrieve_k
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.embedding_label = embedding_label
        self.build_seconds = time.perf_counter() - started

    @classmethod
    def build(cls, source: str | Path | None = None, embedding: str | None = None, threads: int = 2,
              **kwargs) -> "NaiveBaseline":
        """Same embedding model as the shipped index (index.embeddings' loader)."""
        from index.config import DEFAULT_EMBEDDING
        from index.embeddings import load_embedding, parse_embedding

        spec = parse_embedding(embedding or DEFAULT_EMBEDDING)
        return cls(read_source_text(source), load_embedding(spec, threads), embedding_label=spec.label, **kwargs)

    def retrieve(self, question: str) -> list[Chunk]:
        found = self.retriever.retrieve(question)
        return [Chunk(n.node.node_id, n.node.get_content(), float(n.score or 0.0)) for n in found]

    def answer(self, question: str) -> BaselineAnswer:
        started = time.perf_counter()
        chunks = self.retrieve(question) if question.strip() else []
        text = "\n\n".join(c.text for c in chunks[: self.answer_k])
        return BaselineAnswer(question, text, chunks[: self.retrieve_k], (time.perf_counter() - started) * 1000)

    def describe(self) -> str:
        return (f"SentenceSplitter(chunk_size={self.chunk_size}, chunk_overlap={self.chunk_overlap}) -> "
                f"{len(self.nodes)} chunks, in-memory VectorStoreIndex, embedding {self.embedding_label}, "
                f"answer = top {self.answer_k} chunks")
