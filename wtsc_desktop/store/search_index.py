"""The FTS5 search index (``search_fts``): what is indexed for each record, and how.

SQLite's ``unicode61 remove_diacritics 2`` folds Zoë and Ayşe but not Ł, ı, ø or ß
(verified.md), so each entry holds the text and, where different, a folded copy; queries
are folded the same way and matched as prefixes, so "Lucja" finds "Łucja" and "李" finds
"李明".
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

_LETTERS = str.maketrans(
    {
        "Ł": "L", "ł": "l", "ı": "i", "İ": "I", "Ø": "O", "ø": "o", "ß": "ss", "ẞ": "SS",
        "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
        "Þ": "Th", "þ": "th", "Ħ": "H", "ħ": "h",
    }
)  # fmt: skip


def fold(value: str) -> str:
    """Letters as someone without the accents on their keyboard would type them."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def entry_body(*parts: str) -> str:
    """The indexed text of a record: its words, then a folded copy where it differs."""
    joined = " ".join(p for p in parts if p)
    folded = fold(joined)
    return joined if folded == joined else f"{joined} {folded}"


def put_entry(db: Session | Connection, kind: str, ref: int, *parts: str) -> None:
    """Index (or re-index) one record."""
    db.execute(
        text("DELETE FROM search_fts WHERE kind = :kind AND ref = :ref"), {"kind": kind, "ref": ref}
    )
    db.execute(
        text("INSERT INTO search_fts (kind, ref, body) VALUES (:kind, :ref, :body)"),
        {"kind": kind, "ref": ref, "body": entry_body(*parts)},
    )


def child_entry_parts(
    legal_forename: str,
    legal_surname: str,
    preferred_name: str = "",
    other_names: str = "",
    year_group_or_team: str = "",
    external_id: str | None = None,
) -> tuple[str, ...]:
    """What a child is found by: every name, the year group or team, the pupil id."""
    return (
        legal_forename,
        legal_surname,
        preferred_name,
        other_names,
        year_group_or_team,
        external_id or "",
    )


def match_query(typed: str) -> str:
    """An FTS5 query for what someone typed: every word, folded, as a prefix.

    Each word is quoted, so nothing typed is read as FTS5 syntax (AND, NEAR, quotes...).
    Empty when nothing searchable was typed.
    """
    words = [w for w in fold(typed).replace('"', " ").split() if any(ch.isalnum() for ch in w)]
    return " ".join(f'"{w}"*' for w in words)


def matching_refs(db: Session | Connection, kind: str, query: str, *, limit: int) -> list[int]:
    """The records of ``kind`` matching ``query``, best first."""
    rows = db.execute(
        text(
            "SELECT ref FROM search_fts WHERE search_fts MATCH :query AND kind = :kind "
            "ORDER BY rank LIMIT :limit"
        ),
        {"query": query, "kind": kind, "limit": limit},
    )
    return [int(r[0]) for r in rows]
