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
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.guidance.categories import category_label
from wtsc_desktop.services.concern_lists import summaries
from wtsc_desktop.services.concern_types import display_name
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action, Role, allowed
from wtsc_desktop.store import search_index
from wtsc_desktop.store.models import Addendum, Child, Concern, User

MAX_TYPED = 200
DEFAULT_LIMIT = 20
MAX_LIMIT = 200
SNIPPET_WORDS = 16

CHILD = "child"
CONCERN = "concern"


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
        sees_children = allowed(role, Action.VIEW_CHILDREN)
        sees_every_concern = allowed(role, Action.VIEW_CONCERNS)
        kinds = (CHILD, CONCERN, "addendum") if sees_children else (CONCERN, "addendum")
        # Addenda and merged records fold into others, so read more entries than wanted.
        wanted = (limit + 1) * 3
        entries = search_index.matching_entries(
            session,
            query,
            kinds=kinds,
            limit=wanted,
            reporter_id=None if sees_every_concern else signed.actor.user_id,
        )
        found, via_addendum = _records(session, entries)
        more = len(found) > limit or len(entries) == wanted
        found = found[:limit]
        results = _describe(session, found, via_addendum, words)
    return SearchResults(text, tuple(results), more)


def _records(
    session: Session, entries: Sequence[tuple[str, int]]
) -> tuple[list[tuple[str, int]], dict[int, int]]:
    """Entries as the records they open, in order, each once: an addendum becomes its
    concern (remembered, for the snippet), a merged-away child the child kept."""
    addenda = [ref for kind, ref in entries if kind == "addendum"]
    concern_of = {
        addendum_id: concern_id
        for addendum_id, concern_id in session.execute(
            select(Addendum.id, Addendum.concern_id).where(Addendum.id.in_(addenda))
        )
    }
    children = [ref for kind, ref in entries if kind == CHILD]
    kept = {
        child_id: merged_into or child_id
        for child_id, merged_into in session.execute(
            select(Child.id, Child.merged_into_id).where(Child.id.in_(children))
        )
    }
    found: list[tuple[str, int]] = []
    via_addendum: dict[int, int] = {}
    for kind, ref in entries:
        if kind == "addendum":
            if ref not in concern_of:
                continue
            record = (CONCERN, concern_of[ref])
            if record not in found:
                via_addendum[record[1]] = ref
        elif kind == CHILD:
            if ref not in kept:
                continue
            record = (CHILD, kept[ref])
        else:
            record = (kind, ref)
        if record not in found:
            found.append(record)
    return found, via_addendum


def _describe(
    session: Session,
    found: Sequence[tuple[str, int]],
    via_addendum: dict[int, int],
    words: Sequence[str],
) -> list[SearchResult]:
    child_ids = [ref for kind, ref in found if kind == CHILD]
    concern_ids = [ref for kind, ref in found if kind == CONCERN]
    children = {c.id: c for c in session.scalars(select(Child).where(Child.id.in_(child_ids)))}
    concerns = {s.id: s for s in summaries(session, concern_ids)}
    texts = {
        row.id: (
            row.child_words,
            row.observed,
            row.opinion,
            row.action_taken,
            row.witnesses,
            row.location,
        )
        for row in session.scalars(select(Concern).where(Concern.id.in_(concern_ids)))
    }
    addenda = {
        addendum_id: text
        for addendum_id, text in session.execute(
            select(Addendum.id, Addendum.text).where(Addendum.id.in_(via_addendum.values()))
        )
    }
    results = []
    for kind, ref in found:
        if kind == CHILD and ref in children:
            child = children[ref]
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
        elif kind == CONCERN and ref in concerns:
            summary = concerns[ref]
            if ref in via_addendum:
                found_in = snippet((addenda.get(via_addendum[ref], ""),), words)
                text = f"Addendum: {found_in}" if found_in else ""
            else:
                text = snippet(texts.get(ref, ()), words)
            results.append(
                SearchResult(
                    kind=CONCERN,
                    id=ref,
                    title=", ".join(summary.subjects) or "A child not on the register",
                    subtitle=", ".join(category_label(c) for c in summary.categories),
                    snippet=text,
                    when=summary.observed_at,
                    urgent=summary.urgent,
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
