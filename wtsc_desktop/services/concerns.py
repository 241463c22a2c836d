"""Logging a concern, reading it back, and adding to it.

A concern is written once, on submission, and never edited: later facts and corrections
are addenda with their own author and time. A staff reporter sees only what they
submitted, by every path; the DSL and deputies see everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.errors import NotFound, ValidationError
from wtsc_desktop.guidance.categories import BY_CODE, Part, is_extra_familial
from wtsc_desktop.guidance.special_routes import FgmSource
from wtsc_desktop.services.concern_types import (
    MAX_ATTACHMENT_BYTES,
    AddendumView,
    AttachmentInput,
    AttachmentView,
    ConcernChildView,
    ConcernRecord,
    MarkInput,
    NewConcern,
    display_name,
)
from wtsc_desktop.services.context import SignedIn, Work, unit
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.store import search_index
from wtsc_desktop.store.models import (
    Addendum,
    Attachment,
    BodyMapMark,
    Child,
    Concern,
    ConcernCategory,
    ConcernChild,
    User,
)

# --- checks -------------------------------------------------------------------------


def _check(new: NewConcern, now: dt.datetime) -> None:
    if not new.children:
        raise ValidationError("children", "Choose the child (or describe them) first.")
    if not any(c.part is Part.SUBJECT for c in new.children):
        raise ValidationError("children", "Say which child the concern is about.")
    for child in new.children:
        if child.child_id is None and not child.description.strip():
            raise ValidationError(
                "children", "Describe the child who is not on the register (name, age, class)."
            )
    if new.observed_at.tzinfo is None:
        raise ValidationError("observed_at", "The time seen or heard needs a time zone.")
    if new.observed_at > now + dt.timedelta(minutes=5):
        raise ValidationError("observed_at", "The time seen or heard is in the future.")
    if not (new.child_words.strip() or new.observed.strip()):
        raise ValidationError(
            "observed", "Write what the child said, or what you saw or heard, or both."
        )
    unknown = [c for c in new.categories if c not in BY_CODE]
    if unknown:
        raise ValidationError("categories", f"Unknown category: {', '.join(unknown)}.")
    for mark in new.marks:
        if mark.side not in ("front", "back") or not (0 <= mark.x <= 1 and 0 <= mark.y <= 1):
            raise ValidationError("marks", f"Body-map mark {mark.number} is off the outline.")
    for item in new.attachments:
        _check_attachment(item)
    if new.fgm_source and new.fgm_source not in {s.value for s in FgmSource}:
        raise ValidationError("fgm_source", "Say how you learned of the FGM.")


def _check_attachment(item: AttachmentInput) -> None:
    if len(item.data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "attachments",
            f"“{item.file_name}” is {len(item.data) / 1048576:.1f} MB; the limit is "
            f"{MAX_ATTACHMENT_BYTES // 1048576} MB. Attach a smaller copy or a summary.",
        )
    if not item.file_name.strip():
        raise ValidationError("attachments", "An attachment needs a file name.")


def _store_attachment(
    work: Work, concern_id: int, item: AttachmentInput, addendum_id: int | None = None
) -> None:
    assert work.actor is not None
    work.session.add(
        Attachment(
            concern_id=concern_id,
            addendum_id=addendum_id,
            file_name=item.file_name.strip()[:255],
            media_type=item.media_type[:120],
            size=len(item.data),
            sha256=hashlib.sha256(item.data).hexdigest(),
            data=item.data,
            added_at=work.now,
            added_by=work.actor.user_id,
        )
    )


def _index(session: Session, concern: Concern, names: Sequence[str]) -> None:
    search_index.put_entry(
        session,
        "concern",
        concern.id,
        *names,
        concern.location,
        concern.child_words,
        concern.observed,
        concern.opinion,
        concern.action_taken,
        concern.witnesses,
    )


# --- use cases ----------------------------------------------------------------------


def submit_concern(signed: SignedIn, *, concern: NewConcern) -> int:
    """Record a concern (any role). It is final once submitted; returns its number."""
    with unit(signed, Action.LOG_CONCERN) as work:
        _check(concern, work.now)
        row = Concern(
            reporter_id=signed.actor.user_id,
            reporter_role=concern.reporter_role.strip()[:120],
            recorded_at=work.now,
            observed_at=concern.observed_at,
            observed_time_known=concern.observed_time_known,
            location=concern.location.strip()[:200],
            immediate_danger=concern.immediate_danger,
            urgent=concern.immediate_danger,
            child_words=concern.child_words,
            observed=concern.observed,
            opinion=concern.opinion,
            action_taken=concern.action_taken,
            told_whom=concern.told_whom.strip()[:200],
            told_at=concern.told_at,
            witnesses=concern.witnesses,
            extra_familial=is_extra_familial(list(concern.categories)),
            fgm_source=concern.fgm_source if "fgm" in concern.categories else "",
        )
        work.session.add(row)
        work.session.flush()
        names: list[str] = []
        for child in concern.children:
            if child.child_id is not None:
                found = work.session.get(Child, child.child_id)
                if found is None or found.merged_into_id is not None:
                    raise ValidationError("children", "That child is no longer on the register.")
                names.append(display_name(found))
            else:
                names.append(child.description)
            work.session.add(
                ConcernChild(
                    concern_id=row.id,
                    child_id=child.child_id,
                    description=child.description.strip()[:400],
                    part=child.part.value,
                )
            )
        for code in dict.fromkeys(concern.categories):
            work.session.add(ConcernCategory(concern_id=row.id, code=code))
        for mark in concern.marks:
            work.session.add(
                BodyMapMark(
                    concern_id=row.id,
                    number=mark.number,
                    side=mark.side,
                    x=mark.x,
                    y=mark.y,
                    label=mark.label.strip()[:200],
                    size=mark.size.strip()[:80],
                )
            )
        for item in concern.attachments:
            _store_attachment(work, row.id, item)
        _index(work.session, row, names)
        work.audit("concern submitted", "concern", row.id, detail="urgent" if row.urgent else "")
        return row.id


def _may_see(signed: SignedIn, concern: Concern) -> bool:
    return allowed(signed.actor.role, Action.VIEW_CONCERNS) or (
        concern.reporter_id == signed.actor.user_id
    )


def _load(session: Session, signed: SignedIn, concern_id: int) -> Concern:
    row = session.get(Concern, concern_id)
    if row is None or not _may_see(signed, row):
        # The same answer whether it does not exist or is someone else's.
        raise NotFound("That concern")
    return row


def user_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(ids)))
    return {i: n for i, n in rows}


def concern_children(session: Session, concern_id: int) -> tuple[ConcernChildView, ...]:
    rows = session.execute(
        select(ConcernChild, Child)
        .outerjoin(Child, Child.id == ConcernChild.child_id)
        .where(ConcernChild.concern_id == concern_id)
        .order_by(ConcernChild.id)
    )
    return tuple(
        ConcernChildView(
            part=Part(link.part),
            child_id=link.child_id,
            name=display_name(child) if child is not None else link.description,
            date_of_birth=child.date_of_birth if child is not None else None,
            year_group_or_team=child.year_group_or_team if child is not None else "",
        )
        for link, child in rows
    )


def get_concern(signed: SignedIn, *, concern_id: int) -> ConcernRecord:
    """One concern, whole, with its addenda (its author, or a DSL or deputy). Audited."""
    with unit(signed, Action.VIEW_OWN_CONCERNS) as work:
        session = work.session
        row = _load(session, signed, concern_id)
        addenda = session.scalars(
            select(Addendum).where(Addendum.concern_id == row.id).order_by(Addendum.written_at)
        ).all()
        names = user_names(
            session,
            {row.reporter_id, *(a.author_id for a in addenda)}
            | ({row.acknowledged_by} if row.acknowledged_by else set()),
        )
        record = ConcernRecord(
            id=row.id,
            reporter_id=row.reporter_id,
            reporter=names.get(row.reporter_id, ""),
            reporter_role=row.reporter_role,
            recorded_at=row.recorded_at,
            observed_at=row.observed_at,
            observed_time_known=row.observed_time_known,
            location=row.location,
            immediate_danger=row.immediate_danger,
            urgent=row.urgent,
            child_words=row.child_words,
            observed=row.observed,
            opinion=row.opinion,
            action_taken=row.action_taken,
            told_whom=row.told_whom,
            told_at=row.told_at,
            witnesses=row.witnesses,
            extra_familial=row.extra_familial,
            categories=tuple(
                session.scalars(
                    select(ConcernCategory.code).where(ConcernCategory.concern_id == row.id)
                )
            ),
            children=concern_children(session, row.id),
            marks=tuple(
                MarkInput(m.number, m.side, m.x, m.y, m.label, m.size)
                for m in session.scalars(
                    select(BodyMapMark)
                    .where(BodyMapMark.concern_id == row.id)
                    .order_by(BodyMapMark.number)
                )
            ),
            attachments=tuple(
                AttachmentView(a.id, a.file_name, a.media_type, a.size, a.added_at)
                for a in session.scalars(
                    select(Attachment)
                    .where(Attachment.concern_id == row.id)
                    .order_by(Attachment.id)
                )
            ),
            addenda=tuple(
                AddendumView(
                    a.id,
                    names.get(a.author_id, ""),
                    a.written_at,
                    a.kind,
                    a.text,
                    a.acknowledged_at,
                )
                for a in addenda
            ),
            acknowledged_at=row.acknowledged_at,
            acknowledged_by=names.get(row.acknowledged_by or 0, ""),
        )
        work.audit("concern opened", "concern", row.id)
        return record


def attachment_data(signed: SignedIn, *, attachment_id: int) -> tuple[str, bytes]:
    """The file name and bytes of an attachment the caller may see. Audited."""
    with unit(signed, Action.VIEW_OWN_CONCERNS) as work:
        item = work.session.get(Attachment, attachment_id)
        if item is None:
            raise NotFound("That attachment")
        _load(work.session, signed, item.concern_id)
        work.audit("attachment opened", "attachment", item.id)
        return item.file_name, item.data


def add_addendum(
    signed: SignedIn,
    *,
    concern_id: int,
    text: str,
    kind: str = "later_fact",
    attachments: Sequence[AttachmentInput] = (),
) -> int:
    """A later fact or a correction, by the concern's author or a DSL or deputy."""
    if not text.strip():
        raise ValidationError("text", "Write the later fact or the correction.")
    if kind not in ("later_fact", "correction"):
        raise ValidationError("kind", "Choose a later fact or a correction.")
    for item in attachments:
        _check_attachment(item)
    with unit(signed, Action.VIEW_OWN_CONCERNS) as work:
        concern = _load(work.session, signed, concern_id)
        row = Addendum(
            concern_id=concern.id,
            author_id=signed.actor.user_id,
            written_at=work.now,
            kind=kind,
            text=text,
        )
        work.session.add(row)
        work.session.flush()
        # Indexed under its own kind: a search maps it to its concern (services/search.py).
        search_index.put_entry(work.session, "addendum", row.id, row.text)
        for item in attachments:
            _store_attachment(work, concern.id, item, row.id)
        work.audit("addendum added", "concern", concern.id, detail=f"addendum {row.id}")
        return row.id
