"""Exporting PDFs through the services: who may export what, what the files hold (read
back with pypdf), and that every export is audited with the audit chain head it carries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.casework import a_child, london
from tests.factory import ROLE_USERS
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import NotFound, PermissionDenied, WtscError
from wtsc_desktop.guidance.categories import Part, Threshold
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.audit_log import AuditEntry, list_events
from wtsc_desktop.services.concern_types import ChildInConcern, MarkInput, NewConcern
from wtsc_desktop.services.concerns import add_addendum, submit_concern
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.exports import export_chronology_pdf, export_concern_pdf
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.settings import update_settings
from wtsc_desktop.services.triage import (
    ActionInput,
    TriageInput,
    complete_action,
    decisions_for,
    record_decision,
)

MARKUP = "<b>x</b> & <font>"
WORDS = f"He hits me when mum's out.\nPlease don't tell anyone — promise?\n{MARKUP}"
RATIONALE = "A disclosure of physical harm by an adult at home; a bruise seen."


@pytest.fixture
def as_role(paths: StorePaths, clock: FixedClock) -> Iterator[Callable[[Role], SignedIn]]:
    sessions: list[SignedIn] = []

    def signer(role: Role) -> SignedIn:
        user, password = ROLE_USERS[role]
        signed = sign_in(paths, user_name=user, password=password, clock=clock)
        sessions.append(signed)
        return signed

    yield signer
    for signed in sessions:
        signed.lock()


@dataclasses.dataclass(frozen=True)
class Case:
    child: int
    concern: int


@pytest.fixture
def case(dsl: SignedIn, as_role: Callable[[Role], SignedIn], clock: FixedClock) -> Case:
    """A teacher's concern about Łucja, triaged by the DSL, with an addendum."""
    clock.current = london(2026, 9, 14, 15)
    update_settings(dsl, changes={"org.address": "1 Invented Way\nTesttown TT1 1TT"})
    child = a_child(dsl, "Łucja", "Nowak")
    witness = a_child(dsl, "李明", "Wang")
    teacher = as_role(Role.REPORTER)
    concern = submit_concern(
        teacher,
        concern=NewConcern(
            immediate_danger=False,
            children=(
                ChildInConcern(Part.SUBJECT, child),
                ChildInConcern(Part.WITNESS, witness),
                ChildInConcern(Part.WITNESS, description="Zoë, Year 5, not on the register"),
            ),
            observed_at=london(2026, 9, 14, 14, 20),
            location="Classroom 4",
            child_words=WORDS,
            observed="A round bruise on her left forearm.",
            categories=("physical",),
            witnesses="Siobhán Kelly and Ayşe Demir",
            reporter_role="Class teacher",
            action_taken="Stayed with her, then told the DSL in person.",
            told_whom="The DSL",
            told_at=london(2026, 9, 14, 14, 40),
            marks=(MarkInput(1, "front", 0.2, 0.42, "Bruise", "3 cm"),),
        ),
    )
    clock.current = london(2026, 9, 14, 16)
    record_decision(
        dsl,
        concern_id=concern,
        decision=TriageInput(
            threshold=Threshold.SECTION_47,
            rationale=RATIONALE,
            advice_sought=True,
            advice_from="Duty social worker",
            advice_at=london(2026, 9, 14, 15, 30),
            consent=Consent.NOT_NEEDED,
            consent_reason="Asking the family could put Łucja at greater risk.",
            lawful_basis=LawfulBasis.PUBLIC_TASK,
            actions=(ActionInput("Phone the front door", dt.date(2026, 9, 14), owner_name="DSL"),),
        ),
    )
    clock.current = london(2026, 9, 14, 16, 30)
    [decision] = decisions_for(dsl, concern_id=concern)
    complete_action(dsl, action_id=decision.actions[0].id, note="Referral made; ref 42.")
    clock.current = london(2026, 9, 15, 9)
    add_addendum(teacher, concern_id=concern, text="Her mum phoned.\nShe said she fell.")
    return Case(child, concern)


def pages_of(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


def exports_audited(signed: SignedIn, action: str) -> list[AuditEntry]:
    return [e for e in list_events(signed, limit=1000) if e.action == action]


def assert_pages_marked(pages: list[str], *, made_by: str, head: int) -> None:
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {number} of {len(pages)}" in text
        assert f"Made by {made_by} on 15/09/2026 09:00 (UK time)" in text
        # The footer carries the chain head that includes this export's own event.
        assert re.search(rf"Audit trail chain head: #{head} [0-9a-f]{{16}}\n", text), text
    assert "Brookfield Test Academy\n1 Invented Way\nTesttown TT1 1TT" in pages[0]


def test_a_deputy_exports_a_childs_chronology(
    dsl: SignedIn, as_role: Callable[[Role], SignedIn], case: Case, tmp_path: Path
) -> None:
    deputy = as_role(Role.DEPUTY)
    target = tmp_path / "out" / "chronology.pdf"

    result = export_chronology_pdf(deputy, child_id=case.child, target=target)

    pages = pages_of(target)
    assert result.path == target and result.pages == len(pages)
    [event] = exports_audited(dsl, "chronology exported")
    assert (event.record_type, event.record_id, event.user) == (
        "child",
        str(case.child),
        "deputy.lead",
    )
    assert_pages_marked(pages, made_by="Deputy Lead (Deputy safeguarding lead)", head=event.seq)
    text = "\n".join(pages)
    assert (
        "Chronology\nChild\nŁucja Nowak\nDate of birth\n01/05/2012\nYear group or team\nYear 9"
        in (text.replace("\n ", "\n"))
    )
    assert "\x00" not in text
    # Every entry in the order observed: the concern, the decision, its action, the addendum.
    kinds = re.findall(r"\n(Concern|Triage decision|Action completed|Addendum)\n", text)
    assert kinds == ["Concern", "Triage decision", "Action completed", "Addendum"]
    assert MARKUP in " ".join(text.split()), "printed as typed (wherever the line wraps)"
    assert "By Class Teacher · written 14/09/2026 15:00" in text
    assert not list(target.parent.glob(".*.tmp")), "written in place, nothing left over"


def test_the_dsl_exports_the_whole_record_of_concern(
    dsl: SignedIn, case: Case, tmp_path: Path, clock: FixedClock
) -> None:
    target = tmp_path / "record.pdf"
    export_concern_pdf(dsl, concern_id=case.concern, target=target)

    pages = pages_of(target)
    [event] = exports_audited(dsl, "record of concern exported")
    assert (event.record_type, event.record_id) == ("concern", str(case.concern))
    assert_pages_marked(pages, made_by="Dana Lead (Designated safeguarding lead)", head=event.seq)
    text = "\n".join(pages)
    for name in ("Łucja Nowak", "李明 Wang", "Zoë, Year 5", "Siobhán Kelly and Ayşe Demir"):
        assert name in text
    assert "\x00" not in text
    assert WORDS in text, "the child's words, line breaks and all, printed as typed"
    for pattern in (
        r"Name\nClass Teacher\nRole\nClass teacher",
        r"When it happened\n14/09/2026 14:20\nWhen it was written\n14/09/2026 15:00",
        r"1\. Front, right forearm\. What it is: Bruise\. About how big: 3 cm\.",
        r"Opinion\n.*\nnot recorded",
        rf"Reasons for the decision\n{RATIONALE}",
        r"Lawful basis\nPublic task — UK GDPR Art\. 6\(1\)\(e\)",
        r"Advice from\nDuty social worker\nAdvice when\n14/09/2026 15:30",
        r"Later information: Class Teacher, 15/09/2026 09:00\nHer mum phoned\.\nShe said",
        r"Phone the front door\n ?Who: DSL\. Due: 14/09/2026\. Done 14/09/2026 16:30\. Outcome: "
        r"Referral made; ref 42\.",
        r"Decided by\nDana Lead\nDate\n14/09/2026 16:00",
    ):
        assert re.search(pattern, text), pattern


def test_a_reporter_exports_their_own_concern_without_the_dsls_part(
    dsl: SignedIn, as_role: Callable[[Role], SignedIn], case: Case, tmp_path: Path
) -> None:
    teacher = as_role(Role.REPORTER)
    target = tmp_path / "mine.pdf"
    export_concern_pdf(teacher, concern_id=case.concern, target=target)

    text = "\n".join(pages_of(target))
    assert WORDS in text
    assert "Only the designated safeguarding lead and deputies can see this part" in text
    assert RATIONALE not in text and "Duty social worker" not in text
    [event] = exports_audited(dsl, "record of concern exported")
    assert (event.user, event.record_id) == ("class.teacher", str(case.concern))


@pytest.mark.parametrize("role", [Role.REPORTER, Role.REVIEWER, Role.ALLEGATIONS_MANAGER])
def test_nobody_else_gets_someone_elses_concern_or_a_chronology(
    dsl: SignedIn,
    as_role: Callable[[Role], SignedIn],
    case: Case,
    tmp_path: Path,
    role: Role,
) -> None:
    someone = as_role(role)
    theirs = case.concern
    if role is Role.REPORTER:
        # The teacher wrote the case's concern: give them the DSL's instead.
        theirs = submit_concern(
            dsl,
            concern=NewConcern(
                immediate_danger=False,
                children=(ChildInConcern(Part.SUBJECT, case.child),),
                observed_at=london(2026, 9, 15, 8),
                location="The gate",
                child_words="",
                observed="Another concern, written by the DSL.",
                categories=("neglect",),
            ),
        )
    with pytest.raises(NotFound):
        export_concern_pdf(someone, concern_id=theirs, target=tmp_path / "theirs.pdf")
    with pytest.raises(NotFound):
        export_concern_pdf(someone, concern_id=9999, target=tmp_path / "none.pdf")
    with pytest.raises(PermissionDenied):
        export_chronology_pdf(someone, child_id=case.child, target=tmp_path / "chron.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"], "no file was written"
    assert exports_audited(dsl, "record of concern exported") == []
    assert exports_audited(dsl, "chronology exported") == []


def test_a_file_that_cannot_be_written_is_explained_and_not_audited(
    dsl: SignedIn, case: Case, tmp_path: Path
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("in the way")
    with pytest.raises(WtscError) as failed:
        export_chronology_pdf(dsl, child_id=case.child, target=blocker / "chronology.pdf")
    assert "could not be saved" in str(failed.value)
    assert "Choose another folder" in str(failed.value)
    assert exports_audited(dsl, "chronology exported") == []
    with pytest.raises(NotFound):
        export_chronology_pdf(dsl, child_id=9999, target=tmp_path / "nobody.pdf")
    assert not (tmp_path / "nobody.pdf").exists()
