"""The FTS5 search index (``search_fts``): what is indexed for each record, and how.

SQLite's ``unicode61 remove_diacritics 2`` folds Zoë and Ayşe but not Ł, ı, ø or ß
(verified.md), so each entry holds the text and, where different, a folded copy; queries
are folded the same way and matched as prefixes, so "Lucja" finds "Łucja" and "李" finds
"李明".

Each entry's rowid is made from its kind and its record's id (``entry_rowid``): the kind
in the high bits, the id in the low 40. Re-indexing a record is then a delete by rowid
(``kind`` and ``ref`` are UNINDEXED columns, so a delete by them would read the whole
table), and a search for one kind is a rowid range that FTS5 skips through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import pairwise

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

_LETTERS = str.maketrans(
    {
        "Ł": "L", "ł": "l", "ı": "i", "İ": "I", "Ø": "O", "ø": "o", "ß": "ss", "ẞ": "SS",
        "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
        "Þ": "Th", "þ": "th", "Ħ": "H", "ħ": "h",
    }
)  # fmt: skip

# Every kind of record in the index, with the code that leads its rowids. A new kind
# (a later feature's record) takes the next free code; codes are never reused.
KIND_CODES: dict[str, int] = {"child": 1, "concern": 2, "addendum": 3}
_REF_BITS = 40
_MAX_REF = (1 << _REF_BITS) - 1
# A search reads at most this many words of what was typed.
MAX_WORDS = 12
# Han, kana and hangul: scripts written without spaces between the words of a name.
_CJK_WORD = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def fold(value: str) -> str:
    """Letters as someone without the accents on their keyboard would type them."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _cjk_names(words: list[str]) -> list[str]:
    """Two neighbouring words written in Chinese, Japanese or Korean, run together both
    ways: a name kept as forename 明 and surname 李 is written 李明, which the tokenizer
    (it does not split such text into words) would otherwise never match."""
    joined = []
    for first, second in pairwise(words):
        if _CJK_WORD.fullmatch(first) and _CJK_WORD.fullmatch(second):
            joined += [first + second, second + first]
    return joined


def entry_body(*parts: str) -> str:
    """The indexed text of a record: its words, then a folded copy where it differs (and
    Chinese, Japanese or Korean names run together, see ``_cjk_names``)."""
    joined = " ".join(p for p in parts if p)
    folded = fold(joined)
    body = joined if folded == joined else f"{joined} {folded}"
    names = _cjk_names(joined.split())
    return " ".join([body, *names]) if names else body


def entry_rowid(kind: str, ref: int) -> int:
    """The rowid of the entry for record ``ref`` of ``kind`` (see the module docstring)."""
    if kind not in KIND_CODES:
        raise ValueError(f"add {kind!r} to search_index.KIND_CODES before indexing it")
    if not 0 <= ref <= _MAX_REF:
        raise ValueError(f"record id {ref} is outside the range the index can hold")
    return (KIND_CODES[kind] << _REF_BITS) | ref


def _rowid_range(kinds: Sequence[str]) -> tuple[int, int]:
    codes = sorted(KIND_CODES[k] for k in kinds)
    if codes != list(range(codes[0], codes[-1] + 1)):
        raise ValueError(f"the kinds {kinds} do not have neighbouring codes")
    return codes[0] << _REF_BITS, (codes[-1] << _REF_BITS) | _MAX_REF


_INSERT = "INSERT INTO search_fts (rowid, kind, ref, body) VALUES (:rowid, :kind, :ref, :body)"


def put_entry(db: Session | Connection, kind: str, ref: int, *parts: str) -> None:
    """Index (or re-index) one record."""
    rowid = entry_rowid(kind, ref)
    db.execute(text("DELETE FROM search_fts WHERE rowid = :rowid"), {"rowid": rowid})
    db.execute(
        text(_INSERT), {"rowid": rowid, "kind": kind, "ref": ref, "body": entry_body(*parts)}
    )


def put_new_entries(
    db: Session | Connection, entries: Iterable[tuple[str, int, Sequence[str]]]
) -> None:
    """Index many records that have no entry yet (an import, a benchmark's store): each
    item is ``(kind, ref, parts)``. One statement, executed for every entry."""
    rows = [
        {"rowid": entry_rowid(kind, ref), "kind": kind, "ref": ref, "body": entry_body(*parts)}
        for kind, ref, parts in entries
    ]
    if rows:
        db.execute(text(_INSERT), rows)


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


def _searchable(typed: str) -> str:
    # Control characters end an FTS5 string early (a NUL does), and lone surrogates cannot
    # be sent to SQLite at all: neither is something a person means to search for.
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in typed)


def query_words(typed: str) -> list[str]:
    """The words of what someone typed, as the index holds them: folded, lower case, the
    first ``MAX_WORDS`` that have a letter or digit in them. Quotes are dropped."""
    folded = fold(_searchable(typed)).casefold().replace('"', " ")
    words = [w for w in folded.split() if any(ch.isalnum() for ch in w)]
    return words[:MAX_WORDS]


def match_query(typed: str) -> str:
    """An FTS5 query for what someone typed: every word, folded, as a prefix.

    Each word is quoted, so nothing typed is read as FTS5 syntax (AND, NEAR, quotes,
    stars, brackets...). Empty when nothing searchable was typed.
    """
    return " ".join(f'"{w}"*' for w in query_words(typed))


def matching_refs(db: Session | Connection, kind: str, query: str, *, limit: int) -> list[int]:
    """The records of ``kind`` matching ``query``, best first."""
    return [ref for _, ref in matching_entries(db, query, kinds=(kind,), limit=limit)]


def matching_entries(
    db: Session | Connection,
    query: str,
    *,
    kinds: Sequence[str],
    limit: int,
    reporter_id: int | None = None,
) -> list[tuple[str, int]]:
    """``(kind, ref)`` of the entries matching ``query``, best first, of ``kinds`` only.

    ``kinds`` must have neighbouring codes (one rowid range). With ``reporter_id``, only
    concerns (and addenda to concerns) that this person submitted are returned.
    """
    low, high = _rowid_range(kinds)
    values = {"query": query, "low": low, "high": high, "limit": limit}
    if reporter_id is None:
        sql = (
            "SELECT kind, ref FROM search_fts WHERE search_fts MATCH :query "
            "AND rowid BETWEEN :low AND :high ORDER BY rank LIMIT :limit"
        )
    else:
        if not set(kinds) <= {"concern", "addendum"}:
            raise ValueError("only concerns and addenda have a reporter")
        sql = (
            "SELECT f.kind, f.ref FROM search_fts AS f "
            "LEFT JOIN addendum AS a ON f.kind = 'addendum' AND a.id = f.ref "
            "JOIN concern AS c "
            "ON c.id = CASE WHEN f.kind = 'addendum' THEN a.concern_id ELSE f.ref END "
            "WHERE f.search_fts MATCH :query AND f.rowid BETWEEN :low AND :high "
            "AND c.reporter_id = :reporter ORDER BY f.rank LIMIT :limit"
        )
        values["reporter"] = reporter_id
    return [(str(kind), int(ref)) for kind, ref in db.execute(text(sql), values)]
