"""Action rows -> llama-index TextNodes with flat metadata (what Chroma can store and filter on)."""

from __future__ import annotations

import re

from ingest import ActionRow

# Which texts get their own vector. "row" is the one node per action row (the design); the
# per-column vectors point back to that row and let a question about a status sentence match it
# without the rest of a long row diluting the embedding. Chosen by measurement (index/README.md).
DENSE_VIEWS: tuple[str, ...] = ("row", "wat", "status", "voortgang")


def party_key(party: str) -> str:
    """Metadata key for one party: Chroma has no 'list contains', so each party is a boolean."""
    slug = re.sub(r"[^a-z0-9]+", "_", party.casefold()).strip("_")
    return f"partij_{slug}"


def filter_metadata(row: ActionRow) -> dict[str, str | int | bool]:
    """What every vector of a row carries: the keys search filters on."""
    meta: dict[str, str | int | bool] = {
        "row_id": row.id,
        "doelstelling": row.doelstelling,
        "prioriteit": row.prioriteit,
        "partijen": "; ".join(row.partijen),
    }
    for party in row.partijen:
        meta[party_key(party)] = True
    return meta


def row_metadata(row: ActionRow) -> dict[str, str | int | bool]:
    """The row node also carries all cells, so the collection alone is a complete copy."""
    return {
        **filter_metadata(row),
        "wat": row.wat,
        "wie": row.wie,
        "wanneer": row.wanneer,
        "status": row.status,
        "voortgang": row.voortgang,
        "voortgang_idem": row.voortgang_idem,
    }


def view_text(row: ActionRow, view: str) -> str:
    if view == "row":
        return row.text()
    return row.cell(view)


def node_id(row: ActionRow, view: str) -> str:
    return row.id if view == "row" else f"{row.id}#{view}"


def row_nodes(row: ActionRow, views: tuple[str, ...] = DENSE_VIEWS) -> list:
    """The row node plus one node per extra view; empty cells and a bare 'Idem.' get no vector."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    nodes: list = []
    for view in views:
        text = view_text(row, view).strip()
        if view != "row" and (len(text) < 20 or (view == "voortgang" and row.voortgang_idem and len(text) < 40)):
            continue
        meta = {**(row_metadata(row) if view == "row" else filter_metadata(row)), "view": view}
        node = TextNode(
            id_=node_id(row, view),
            text=text,
            metadata=meta,
            # Metadata is for filtering and display; only the text itself is embedded.
            excluded_embed_metadata_keys=list(meta),
            excluded_llm_metadata_keys=list(meta),
        )
        if view != "row":
            node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=row.id)
        nodes.append(node)
    return nodes
