"""One search box for children and concerns, showing each person only what they may see.

Who finds what follows the permission table, and never more than the lists show them:

- the DSL and deputies (VIEW_CHILDREN, VIEW_CONCERNS) find every child and concern;
- everyone else finds only the concerns they submitted themselves (VIEW_OWN_CONCERNS),
  addenda included, and no children: a staff reporter picks a child in the concern
  wizard, where only a name and a year group or team is shown; an allegations manager
  or a read-only reviewer finds nothing named unless they logged a concern themselves.

A search is not the opening of a record, so it is not audited (what was typed could name
a child, and the audit trail holds no content); opening a result is audited by the
service that opens it. An addendum's words find the concern it belongs to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.guidance.categories import Part, category_label
from wtsc_desktop.services.concern_types import display_name
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action, Role, allowed
from wtsc_desktop.store import search_index
from wtsc_desktop.store.models import Addendum, Child, Concern, ConcernCategory, ConcernChild, User

MAX_TYPED = 200
DEFAULT_LIMIT = 20
MAX_LIMIT = 200
SNIPPET_WORDS = 16

# Entries read beyond ``limit``: addenda fold into their concerns, merged records into
# the child kept. More are read only when these were not enough.
SPARE_ENTRIES = 8
MAX_ENTRIES = 2000

CHILD = "child"
CONCERN = "concern"
ADDENDUM = "addendum"


@dataclass(frozen=True)
class SearchResult:
    """One thing found. ``kind`` is "child" or "concern" and ``id`` its record's id.

    ``title`` is the child's name, or the names of the children a concern is about;
    ``subtitle`` the year group or team, or the concern's categories; ``when`` the time
    a concern was seen or heard; ``snippet`` the words around what matched, taken only
    from what the searcher may read.
    """

    kind: str
    id: int
    title: str
    subtitle: str
    snippet: str
    when: dt.datetime | None = None
    urgent: bool = False
    archived: bool = False


@dataclass(frozen=True)
class SearchResults:
    """The best matches, best first; ``more`` when there were others beyond them."""

    text: str
    results: tuple[SearchResult, ...]
    more: bool


def _check(text: str, limit: int) -> None:
    if len(text) > MAX_TYPED:
        raise ValidationError(
            "search", f"Search for a few words at a time ({MAX_TYPED} characters at most)."
        )
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError("limit", f"Ask for between 1 and {MAX_LIMIT} results.")


def search(signed: SignedIn, *, text: str, limit: int = DEFAULT_LIMIT) -> SearchResults:
    """Children and concerns matching every word typed (each as the start of a word),
    best first, at most ``limit``; only what the caller may see. Not audited."""
    _check(text, limit)
    query = search_index.match_query(text)
    if not query:
        return SearchResults(text, (), False)
    words = search_index.query_words(text)
    with reading_as(signed, Action.VIEW_OWN_CONCERNS) as session:
        # The role as it is now (it may have changed since sign-in), not as it was then.
        role = Role(session.scalars(select(User.role).where(User.id == signed.actor.user_id)).one())
        kinds = (
            (CHILD, CONCERN, ADDENDUM)
            if allowed(role, Action.VIEW_CHILDREN)
            else (CONCERN, ADDENDUM)
        )
        reporter = None if allowed(role, Action.VIEW_CONCERNS) else signed.actor.user_id
        found, more = _find(session, query, kinds, reporter, limit)
        results = _describe(session, found, words)
    return SearchResults(text, tuple(results), more)


@dataclass
class _Found:
    """The records found, best first, each once, with what describing them needs."""

    order: list[tuple[str, int]] = field(default_factory=list)
    seen: set[tuple[str, int]] = field(default_factory=set)
    children: dict[int, Child] = field(default_factory=dict)
    addendum_text: dict[int, str] = field(default_factory=dict)  # concern id -> the match


def _find(
    session: Session, query: str, kinds: Sequence[str], reporter: int | None, limit: int
) -> tuple[_Found, bool]:
    """The best ``limit`` records, and whether there are more. Addenda fold into their
    concerns and merged records into the child kept, so a few spare entries are read, and
    more only when those were not enough."""
    wanted = limit + 1 + SPARE_ENTRIES
    while True:
        entries = search_index.matching_entries(
            session, query, kinds=kinds, limit=wanted, reporter_id=reporter
        )
        found = _records(session, entries)
        exhausted = len(entries) < wanted
        if len(found.order) > limit or exhausted or wanted >= MAX_ENTRIES:
            more = len(found.order) > limit or not exhausted
            del found.order[limit:]
            return found, more
        wanted *= 4


def _records(session: Session, entries: Sequence[tuple[str, int]]) -> _Found:
    found = _Found()
    addenda = [ref for kind, ref in entries if kind == ADDENDUM]
    concern_of: dict[int, tuple[int, str]] = {}
    if addenda:
        rows = session.execute(
            select(Addendum.id, Addendum.concern_id, Addendum.text).where(Addendum.id.in_(addenda))
        )
        concern_of = {addendum_id: (concern_id, text) for addendum_id, concern_id, text in rows}
    kept = _children(session, [ref for kind, ref in entries if kind == CHILD], found)
    for kind, ref in entries:
        if kind == ADDENDUM:
            if ref not in concern_of:
                continue
            concern_id, text = concern_of[ref]
            record = (CONCERN, concern_id)
            if record not in found.seen:
                found.addendum_text.setdefault(concern_id, text)
        elif kind == CHILD:
            if ref not in kept:
                continue
            record = (CHILD, kept[ref])
        else:
            record = (kind, ref)
        if record not in found.seen:
            found.seen.add(record)
            found.order.append(record)
    return found


def _children(session: Session, ids: Sequence[int], found: _Found) -> dict[int, int]:
    """Each child entry's record, or the record kept where it was merged into another."""
    if not ids:
        return {}
    rows = {c.id: c for c in session.scalars(select(Child).where(Child.id.in_(ids)))}
    merged = {c.merged_into_id for c in rows.values() if c.merged_into_id is not None}
    if merged - rows.keys():
        query = select(Child).where(Child.id.in_(merged - rows.keys()))
        rows.update({c.id: c for c in session.scalars(query)})
    found.children.update(rows)
    return {i: rows[i].merged_into_id or i for i in ids if i in rows}


def _concerns(session: Session, ids: Sequence[int]) -> dict[int, _ConcernText]:
    """What a concern's result shows: the children it is about, its categories, its
    time, and its words (for the snippet)."""
    if not ids:
        return {}
    rows = {
        row.id: _ConcernText(
            when=row.observed_at,
            urgent=row.urgent,
            texts=(
                row.child_words,
                row.observed,
                row.opinion,
                row.action_taken,
                row.witnesses,
                row.location,
            ),
        )
        for row in session.scalars(select(Concern).where(Concern.id.in_(ids)))
    }
    subjects = session.execute(
        select(ConcernChild.concern_id, ConcernChild.description, Child)
        .outerjoin(Child, Child.id == ConcernChild.child_id)
        .where(ConcernChild.concern_id.in_(ids), ConcernChild.part == Part.SUBJECT.value)
        .order_by(ConcernChild.id)
    )
    for concern_id, description, child in subjects:
        rows[concern_id].subjects.append(display_name(child) if child else description)
    codes = session.execute(
        select(ConcernCategory.concern_id, ConcernCategory.code).where(
            ConcernCategory.concern_id.in_(ids)
        )
    )
    for concern_id, code in codes:
        rows[concern_id].categories.append(category_label(code))
    return rows


@dataclass
class _ConcernText:
    when: dt.datetime
    urgent: bool
    texts: tuple[str, ...]
    subjects: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def _describe(session: Session, found: _Found, words: Sequence[str]) -> list[SearchResult]:
    concerns = _concerns(session, [ref for kind, ref in found.order if kind == CONCERN])
    results = []
    for kind, ref in found.order:
        if kind == CHILD:
            child = found.children[ref]
            results.append(
                SearchResult(
                    kind=CHILD,
                    id=ref,
                    title=display_name(child),
                    subtitle=child.year_group_or_team,
                    snippet=snippet((child.other_names, child.external_id or ""), words),
                    archived=child.archived_at is not None,
                )
            )
        elif ref in concerns:
            concern = concerns[ref]
            if ref in found.addendum_text:
                cut = snippet((found.addendum_text[ref],), words)
                text = f"Addendum: {cut}" if cut else ""
            else:
                text = snippet(concern.texts, words)
            results.append(
                SearchResult(
                    kind=CONCERN,
                    id=ref,
                    title=", ".join(concern.subjects) or "A child not on the register",
                    subtitle=", ".join(concern.categories),
                    snippet=text,
                    when=concern.when,
                    urgent=concern.urgent,
                )
            )
    return results


_TOKEN = re.compile(r"\w+")


def _matches(word: str, terms: Sequence[str]) -> bool:
    tokens = _TOKEN.findall(search_index.fold(word).casefold())
    return any(t.startswith(term) for t in tokens for term in terms)


def snippet(texts: Sequence[str], words: Sequence[str], size: int = SNIPPET_WORDS) -> str:
    """The words around the first match in ``texts`` (searched in order), or ""."""
    terms = [t for w in words for t in _TOKEN.findall(w)]
    if not terms:
        return ""
    for text in texts:
        flat = text.split()
        for i, word in enumerate(flat):
            if _matches(word, terms):
                start = max(0, min(i - size // 4, len(flat) - size))
                end = start + size
                cut = " ".join(flat[start:end])
                return ("…" if start > 0 else "") + cut + ("…" if end < len(flat) else "")
    return ""
