"""What the referral summary and the transfer pack print, gathered through the services
that guard it (``services/exports.py`` renders and writes them).

Other children named in a concern (as alleged or witness, or a second subject) are shown
as "another child" everywhere, free text included, unless the DSL chooses to include them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON
from wtsc_desktop.guidance.categories import Part, category_label
from wtsc_desktop.guidance.referral_routes import ReferralMethod, ReferralRoute
from wtsc_desktop.reports.document import NOT_RECORDED, ChronologyLine
from wtsc_desktop.reports.referral_document import Field, HouseholdLine, Section
from wtsc_desktop.services.child_types import ChildFile, DobStatus
from wtsc_desktop.services.chronology import KINDS, Chronology
from wtsc_desktop.services.concern_types import ConcernRecord
from wtsc_desktop.services.concerns import get_concern
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.referrals import ReferralView
from wtsc_desktop.store.models import User

ANOTHER_CHILD = "another child"


def date_text(value: dt.date | None) -> str:
    """dd/mm/yyyy, or "not recorded" (``reports.text`` would load ReportLab too early)."""
    return NOT_RECORDED if value is None else value.strftime("%d/%m/%Y")


def datetime_text(value: dt.datetime | None, *, with_time: bool = True) -> str:
    """dd/mm/yyyy HH:MM in London time, or "not recorded"."""
    if value is None:
        return NOT_RECORDED
    return value.astimezone(LONDON).strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


@dataclass(frozen=True)
class Redactor:
    """Replaces other children's names with "another child" (or nothing, if included)."""

    full_names: tuple[str, ...]
    words: tuple[str, ...]

    def __call__(self, text: str) -> str:
        for name in self.full_names:
            text = text.replace(name, ANOTHER_CHILD)
        for word in self.words:
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", ANOTHER_CHILD, text)
        return text


def redactor(child: ChildFile, concerns: Sequence[ConcernRecord], *, include: bool) -> Redactor:
    """A redactor for the children other than ``child`` named in ``concerns``.

    Whole names go first (the longest first); then each word of them that is not also in
    the child's own name (a brother's shared surname must not hide the child's own)."""
    if include:
        return Redactor((), ())
    own = {w.casefold() for w in _words(child.name)}
    d = child.details
    own |= {w.casefold() for w in _words(f"{d.legal_forename} {d.legal_surname}")}
    names = {c.name for record in concerns for c in record.children if _other(child, c)}
    names |= {p for n in list(names) for p in re.findall(r"\(([^)]*)\)", n)}
    names |= {re.sub(r"\s*\([^)]*\)", "", n) for n in list(names)}
    words = {w for n in names for w in _words(n) if w.casefold() not in own and len(w) > 1}
    ordered = tuple(sorted((n.strip() for n in names if n.strip()), key=len, reverse=True))
    return Redactor(ordered, tuple(sorted(words, key=len, reverse=True)))


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s()]+", name) if w]


def _other(child: ChildFile, named: object) -> bool:
    part = getattr(named, "part", None)
    return part is not Part.SUBJECT or getattr(named, "child_id", None) != child.id


def children_line(child: ChildFile, record: ConcernRecord, hide: Redactor) -> str:
    """Who is named in a concern: this child by name, others as "another child"."""
    out = []
    for named in record.children:
        name = named.name if not _other(child, named) else hide(named.name)
        out.append(f"{name} ({named.part.label.lower()})")
    return "; ".join(out)


def date_of_birth(child: ChildFile) -> str:
    """Date of birth, or the expected date of delivery for an unborn baby."""
    d = child.details
    if d.dob_status is DobStatus.UNBORN:
        return f"not born yet: expected {date_text(d.expected_delivery)}"
    if d.date_of_birth is not None:
        return date_text(d.date_of_birth)
    return "not known" if d.dob_status is DobStatus.UNKNOWN else ""


def child_section(child: ChildFile, organisation: str) -> Section:
    """The child: full name and other names, date of birth, address, gender, setting."""
    d = child.details
    other = ", ".join(x for x in (d.preferred_name, d.other_names) if x.strip())
    place = organisation + (f" ({d.year_group_or_team})" if d.year_group_or_team else "")
    return Section(
        "The child",
        (
            Field("Full legal name", f"{d.legal_forename} {d.legal_surname}".strip()),
            Field("Other names", other),
            Field("Date of birth (or expected date of delivery)", date_of_birth(child)),
            Field("Address", d.address),
            Field("Gender", d.gender),
            Field("Ethnicity", d.ethnicity),
            Field("Special educational needs or disability", d.send.label if d.send else ""),
            Field("School or club", place if organisation.strip() else d.year_group_or_team),
        ),
    )


def household(child: ChildFile) -> tuple[HouseholdLine, ...]:
    """Everyone on the child's file: relationship, parental responsibility, household."""
    return tuple(
        HouseholdLine(
            c.details.name,
            c.details.relationship,
            c.details.parental_responsibility,
            c.details.lives_with_child,
            " · ".join(x for x in (c.details.phone, c.details.email) if x.strip()),
        )
        for c in child.contacts
    )


def concern_fields(child: ChildFile, record: ConcernRecord, hide: Redactor) -> tuple[Field, ...]:
    """A concern in full, as the record of concern gives it (free text redacted)."""
    kinds = "; ".join(category_label(c) for c in record.categories)
    if kinds and record.extra_familial:
        kinds += " (harm outside the home: extra-familial)"
    when = datetime_text(record.observed_at, with_time=record.observed_time_known)
    return (
        Field("When it happened", when),
        Field("When it was written", datetime_text(record.recorded_at)),
        Field("Recorded by", f"{record.reporter} ({record.reporter_role})".replace(" ()", "")),
        Field("Where", hide(record.location)),
        Field("Children named", children_line(child, record, hide)),
        Field("Type of harm", kinds),
        Field("What happened", hide(record.observed), long=True),
        Field("Witnesses", hide(record.witnesses), long=True),
        Field("The child's words, verbatim", hide(record.child_words), long=True, quote=True),
        Field("Opinion (a view, not a fact)", hide(record.opinion), long=True),
        Field("What the recorder did at once", hide(record.action_taken), long=True),
        Field("Whom they told, and when", hide(_told(record))),
        *(
            Field(f"Addendum, {a.author}, {datetime_text(a.written_at)}", hide(a.text), long=True)
            for a in record.addenda
        ),
    )


def _told(record: ConcernRecord) -> str:
    if not record.told_whom.strip():
        return ""
    when = "" if record.told_at is None else f", {datetime_text(record.told_at)}"
    return record.told_whom + when


def chronology_lines(found: Chronology, hide: Redactor) -> tuple[ChronologyLine, ...]:
    """The chronology's entries, in date order, with other children's names hidden."""
    return tuple(
        ChronologyLine(
            e.happened_at,
            e.recorded_at,
            KINDS.get(e.kind, e.kind),
            hide(e.title),
            hide(e.detail),
            e.by,
        )
        for e in found.entries
    )


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    email: str
    phone: str


def person(session: Session, user_id: int | None) -> Person:
    """A user's name, role and contact details ("" where unknown)."""
    row = None if user_id is None else session.get(User, user_id)
    if row is None:
        return Person("", "", "", "")
    return Person(row.full_name, Role(row.role).label, row.email, row.phone)


def the_dsl(session: Session) -> Person:
    """The designated safeguarding lead (the first active DSL account)."""
    row = session.scalars(
        select(User).where(User.role == Role.DSL.value, User.active).order_by(User.id)
    ).first()
    return person(session, None if row is None else row.id)


def person_fields(title: str, who: Person, org: str, extra: Iterable[Field] = ()) -> Section:
    """Name, role, organisation, phone and email of a referrer or DSL."""
    return Section(
        title,
        (
            Field("Name", who.name),
            Field("Role", who.role),
            Field("Organisation", org),
            Field("Phone", who.phone),
            Field("Email", who.email),
            *extra,
        ),
    )


def route_label(view: ReferralView) -> str:
    """The kind of referral in plain words."""
    label = view.route.label
    if view.route is ReferralRoute.OTHER and view.route_other.strip():
        label += f": {view.route_other}"
    return label


def phone_confirmation(view: ReferralView) -> str:
    """Whether a phone referral was confirmed in writing, and when (T14)."""
    if view.method is not ReferralMethod.PHONE:
        return f"Not needed: made by {view.method.label.lower()}"
    if view.confirmation_sent_at is not None:
        how = ""
        if view.confirmation_method:
            how = f" by {ReferralMethod(view.confirmation_method).label.lower()}"
        sent = datetime_text(view.confirmation_sent_at)
        return f"Yes: made by phone, confirmed in writing {sent}{how}"
    due = date_text(view.confirmation_due_on)
    return f"Made by phone; not yet confirmed in writing (due by {due})"


def concerns_about(signed: SignedIn, found: Chronology, first: int | None) -> list[ConcernRecord]:
    """The referral's linked concern, or else every concern about the child (as the
    subject), through ``get_concern`` so that its role rules hold."""
    ids = [first] if first is not None else []
    if not ids:
        ids = [
            e.concern_id
            for e in found.entries
            if e.kind == "concern" and e.concern_id and e.part == Part.SUBJECT.value
        ]
    return [get_concern(signed, concern_id=i) for i in dict.fromkeys(ids)]


def history(found: Chronology, earlier: Sequence[ReferralView]) -> str:
    """Known history: how many concerns the chronology holds, and earlier referrals."""
    seen = sum(1 for e in found.entries if e.kind == "concern")
    lines = [f"{seen} concern(s) on this child's chronology."]
    lines += [
        f"Referral {datetime_text(r.made_at, with_time=False)}: {route_label(r)}, {r.agency}"
        for r in earlier
    ]
    return "\n".join(lines)
