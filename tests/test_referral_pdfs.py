"""The referral summary and the transfer pack, read back with pypdf: the right facts,
every field shared/forms.md expects, "not recorded" where empty, Unicode and markup-like
text exact, and another child's name absent unless the DSL includes it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from tests.casework import a_child, a_concern, london
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.guidance.referral_routes import ReferralMethod, ReferralRoute
from wtsc_desktop.services.child_contacts import add_contact
from wtsc_desktop.services.child_types import ContactDetails
from wtsc_desktop.services.concern_types import ChildInConcern
from wtsc_desktop.services.context import SignedIn, reading
from wtsc_desktop.services.referral_exports import export_referral_pdf, export_transfer_pack_pdf
from wtsc_desktop.services.referrals import NewReferral, make_referral
from wtsc_desktop.services.transfers import (
    NewTransfer,
    TransferMethod,
    record_sent,
    record_transfer,
)
from wtsc_desktop.store.models import AuditEvent

WORDS = "Invented: he said <b>x</b> & <font> then Łucja cried"
REFERRAL_LABELS = (
    "Full legal name", "Other names", "Date of birth (or expected date of delivery)",
    "Address", "Gender", "School or club", "Relationship to the child",
    "Parental responsibility", "Lives with the child",
    "Are the parents or carers aware of the referral?", "Have they consented?",
    "If not, why not", "The child's own views", "What happened", "Type of harm",
    "The child's words, verbatim", "Impact on the child", "Known history",
    "Previous referrals", "What has been done, by whom, with what result",
    "Other professionals, with contact details", "To whom", "When", "How",
    "Their reference", "Phone referral confirmed in writing", "The referrer", "Role",
    "Organisation", "Phone", "Email", "Date and time of the referral",
    "The designated safeguarding lead", "Signature",
)  # fmt: skip
TRANSFER_LABELS = (
    "Full legal name", "Date of birth", "Sending setting", "Sending DSL",
    "Receiving setting", "Receiving DSL", "Date sent", "Method",
    "Sent separately from the main file", "Contents", "Receipt slip", "Received by",
    "Date received", "Signature", "The chronology, in date order", "Record of concern",
)  # fmt: skip


def _text(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def _case(dsl: SignedIn, clock: FixedClock) -> tuple[int, int, int]:
    clock.current = london(2026, 9, 2, 9).astimezone(dt.UTC)
    child = a_child(dsl, "Zoë", "Brightwater")
    other = a_child(dsl, "Łucja", "Thornbury")
    add_contact(
        dsl,
        child_id=child,
        contact=ContactDetails(
            name="李明",
            relationship="Stepfather",
            parental_responsibility=False,
            lives_with_child=True,
        ),
    )
    add_contact(
        dsl,
        child_id=child,
        contact=ContactDetails(
            name="Invented Ann Brightwater", relationship="Mother", parental_responsibility=True
        ),
    )
    concern = a_concern(
        dsl,
        child,
        observed_at=london(2026, 9, 1, 11),
        words=WORDS,
        observed="Invented: Łucja Thornbury saw the bruise.",
        others=(ChildInConcern(Part.WITNESS, other),),
    )
    referral = make_referral(
        dsl,
        referral=NewReferral(
            child_id=child,
            route=ReferralRoute.SOCIAL_CARE,
            made_at=london(2026, 9, 1, 14, 30),
            method=ReferralMethod.PHONE,
            agency="Invented County MASH",
            their_reference="MASH-4471",
            family_aware=False,
            family_consents=False,
            consent_reason="Telling the family could put the child at more risk.",
            concern_id=concern,
        ),
    )
    transfer = record_transfer(
        dsl,
        transfer=NewTransfer(
            child_id=child,
            new_setting="Invented Oakfield Academy",
            new_dsl_name="Invented Ms Ramsbottom",
            last_day=dt.date(2026, 9, 1),
        ),
    )
    record_sent(
        dsl,
        transfer_id=transfer,
        sent_on=dt.date(2026, 9, 2),
        method=TransferMethod.HAND_DELIVERY,
        kept_separate=True,
    )
    return referral, transfer, other


def test_the_referral_summary_holds_every_expected_field(
    dsl: SignedIn, clock: FixedClock, tmp_path: Path
) -> None:
    referral, _, _ = _case(dsl, clock)
    made = export_referral_pdf(dsl, referral_id=referral, target=tmp_path / "r.pdf")
    text, pages = _text(tmp_path / "r.pdf")
    assert pages == made.pages == 3
    missing = [label for label in REFERRAL_LABELS if label not in text]
    assert missing == []
    for fact in (
        "Zoë Brightwater",
        "李明",
        "Stepfather",
        "Invented Ann Brightwater",
        "MASH-4471",
        "Invented County MASH",
        "01/09/2026 14:30",
        "Telling the family could put the child at more risk.",
        "<b>x</b> & <font>",
        "not yet confirmed in writing",
        "Brookfield Test Academy",
    ):
        assert fact in text, fact
    assert "not recorded" in text  # no address, gender, views... were given
    assert re.search(r"Address not recorded", text)
    assert "Łucja" not in text and "Thornbury" not in text
    assert "another child" in text


def test_the_referral_summary_names_other_children_only_when_included(
    dsl: SignedIn, clock: FixedClock, tmp_path: Path
) -> None:
    referral, _, _ = _case(dsl, clock)
    export_referral_pdf(
        dsl, referral_id=referral, target=tmp_path / "r.pdf", include_other_children=True
    )
    text, _ = _text(tmp_path / "r.pdf")
    assert "Łucja Thornbury saw the bruise" in text
    assert "then Łucja cried" in text


def test_the_transfer_pack_has_its_cover_contents_receipt_and_file(
    dsl: SignedIn, clock: FixedClock, tmp_path: Path
) -> None:
    _, transfer, _ = _case(dsl, clock)
    made = export_transfer_pack_pdf(dsl, transfer_id=transfer, target=tmp_path / "t.pdf")
    text, pages = _text(tmp_path / "t.pdf")
    assert pages == made.pages == 4  # cover, contents, receipt slip, the file
    missing = [label for label in TRANSFER_LABELS if label not in text]
    assert missing == []
    for fact in (
        "Invented Oakfield Academy",
        "Invented Ms Ramsbottom",
        "02/09/2026",
        "Hand delivery with a signed log",
        "Yes: sent separately from the main file",
        "<b>x</b> & <font>",
        "Zoë Brightwater",
    ):
        assert fact in text, fact
    assert text.index("Cover") < text.index("Receipt slip") < text.index("The chronology")
    assert "Łucja" not in text and "Thornbury" not in text
    export_transfer_pack_pdf(
        dsl, transfer_id=transfer, target=tmp_path / "t2.pdf", include_other_children=True
    )
    assert "Łucja Thornbury" in _text(tmp_path / "t2.pdf")[0]


def test_exports_are_audited_with_the_record_id_and_no_content(
    dsl: SignedIn, clock: FixedClock, tmp_path: Path
) -> None:
    referral, transfer, _ = _case(dsl, clock)
    export_referral_pdf(dsl, referral_id=referral, target=tmp_path / "r.pdf")
    export_transfer_pack_pdf(dsl, transfer_id=transfer, target=tmp_path / "t.pdf")
    with reading(dsl.store) as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        found = {(e.action, e.record_type, e.record_id) for e in events}
        assert ("referral summary exported", "referral", str(referral)) in found
        assert ("transfer pack exported", "cp_transfer", str(transfer)) in found
        assert not any("Brightwater" in e.detail for e in events)


def test_a_brother_named_as_a_second_subject_is_hidden_but_the_child_is_not(
    dsl: SignedIn, clock: FixedClock, tmp_path: Path
) -> None:
    clock.current = london(2026, 9, 2, 9).astimezone(dt.UTC)
    child = a_child(dsl, "Zoë", "Brightwater")
    brother = a_child(dsl, "Kestrel", "Brightwater")
    a_concern(
        dsl,
        child,
        observed_at=london(2026, 9, 1, 11),
        words="Invented: Kestrel hit me",
        others=(ChildInConcern(Part.SUBJECT, brother),),
    )
    referral = make_referral(
        dsl,
        referral=NewReferral(
            child_id=child,
            route=ReferralRoute.SOCIAL_CARE,
            made_at=london(2026, 9, 1, 14, 30),
            method=ReferralMethod.PORTAL,
            agency="Invented County MASH",
            family_aware=True,
            family_consents=True,
        ),
    )
    export_referral_pdf(dsl, referral_id=referral, target=tmp_path / "r.pdf")
    text, _ = _text(tmp_path / "r.pdf")
    assert "Kestrel" not in text
    assert "Invented: another child hit me" in text
    assert "Zoë Brightwater" in text
