"""The sections of the referral summary and the transfer pack, from gathered data."""

from __future__ import annotations

from collections.abc import Sequence

from wtsc_desktop.reports.referral_document import Field, Section
from wtsc_desktop.services.child_types import ChildFile
from wtsc_desktop.services.concern_types import ConcernRecord
from wtsc_desktop.services.referral_packs import (
    Person,
    Redactor,
    concern_fields,
    date_text,
    datetime_text,
    person_fields,
    phone_confirmation,
    route_label,
)
from wtsc_desktop.services.referrals import ReferralView
from wtsc_desktop.services.transfers import TransferView


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def consent_section(view: ReferralView) -> Section:
    """Are the parents aware, have they consented, and if either is no, why not."""
    if view.family_aware and view.family_consents:
        why = view.consent_reason or "Not needed: the family knows and has consented"
    else:
        why = view.consent_reason  # empty prints "not recorded", never a blank
    return Section(
        "Consent and what the family has been told",
        (
            Field("Are the parents or carers aware of the referral?", _yes_no(view.family_aware)),
            Field("Have they consented?", _yes_no(view.family_consents)),
            Field("If not, why not", why, long=True),
        ),
    )


def worry_sections(
    child: ChildFile,
    view: ReferralView,
    records: Sequence[ConcernRecord],
    history: str,
    hide: Redactor,
) -> list[Section]:
    """The child's views, the worry (each concern with the child's words), the impact,
    history and previous referrals."""
    parts = [
        Section(
            "The child's views",
            (
                Field(
                    "The child's own views, and whether the concern was discussed with them",
                    hide(view.child_views),
                    long=True,
                ),
            ),
        )
    ]
    for record in records:
        parts.append(
            Section(f"The worry: concern {record.id}", concern_fields(child, record, hide))
        )
    if not records:
        parts.append(Section("The worry", (Field("The concern", ""),)))
    parts.append(
        Section(
            "Impact, history and previous referrals",
            (
                Field("Impact on the child", ""),
                Field("Known history", history, long=True),
                Field("Previous referrals", hide(view.previous_referrals), long=True),
            ),
            note="The impact on the child is not a separate field in this record: "
            "see the concern and the opinion above.",
        )
    )
    return parts


def referral_sections(
    view: ReferralView,
    hide: Redactor,
    referrer: Person,
    dsl: Person,
    organisation: str,
    org_contact: tuple[str, str],
) -> list[Section]:
    """What has been done, other professionals, the referral, the outcome so far, and
    the referrer and DSL with their contact details."""
    steps = "\n".join(
        f"{datetime_text(s.at)}: {s.reason.label} — {s.step} ({s.by_whom}). {s.note}".strip()
        for s in view.escalations
    )
    return [
        Section(
            "What has been done already",
            (
                Field(
                    "What has been done, by whom, with what result",
                    hide(view.done_already),
                    long=True,
                ),
            ),
        ),
        Section(
            "Other professionals involved",
            (
                Field(
                    "Other professionals, with contact details", hide(view.professionals), long=True
                ),
            ),
        ),
        Section(
            "The referral",
            (
                Field("Kind of referral", route_label(view)),
                Field("To whom", view.agency),
                Field("Contact at the agency", view.agency_contact),
                Field("When", datetime_text(view.made_at)),
                Field("How", view.method.label),
                Field("Their reference", view.their_reference),
                Field("Phone referral confirmed in writing", phone_confirmation(view)),
                Field(
                    "Decision expected by",
                    date_text(view.decision_expected_on) if view.decision_expected_on else "",
                ),
            ),
        ),
        Section(
            "Outcome so far",
            (
                Field(
                    "Decision received", datetime_text(view.decision_at) if view.decision_at else ""
                ),
                Field("Outcome", view.outcome.label if view.outcome else ""),
                Field("Their decision", view.decision_text, long=True),
                Field("Escalation steps", steps, long=True),
            ),
        ),
        person_fields(
            "The referrer",
            referrer,
            organisation,
            (
                Field("Organisation phone", org_contact[0]),
                Field("Organisation email", org_contact[1]),
                Field("Date and time of the referral", datetime_text(view.made_at)),
            ),
        ),
        person_fields("The designated safeguarding lead", dsl, organisation),
    ]


def transfer_cover(
    view: TransferView, child: ChildFile, dob: str, organisation: str, dsl: Person
) -> list[Section]:
    """The cover sheet: the pupil, both settings and each DSL, when and how it was sent."""
    d = child.details
    method = view.method.label if view.method else ""
    apart = {True: "Yes: sent separately from the main file", False: "No", None: ""}
    return [
        Section(
            "The pupil",
            (
                Field("Full legal name", f"{d.legal_forename} {d.legal_surname}".strip()),
                Field(
                    "Other names",
                    ", ".join(x for x in (d.preferred_name, d.other_names) if x.strip()),
                ),
                Field("Date of birth", dob),
                Field("Year group or team", d.year_group_or_team),
                Field("Pupil number", d.external_id),
            ),
        ),
        Section(
            "Sending and receiving",
            (
                Field("Sending setting", organisation),
                Field("Sending DSL", dsl.name),
                Field("Sending DSL contact", " · ".join(x for x in (dsl.phone, dsl.email) if x)),
                Field("Receiving setting", view.new_setting),
                Field("Receiving DSL", view.new_dsl_name),
                Field("Receiving DSL contact", view.new_contact),
                Field("Last day at this setting", date_text(view.last_day)),
                Field("Due to be sent by (T7, 5 school days)", date_text(view.due_on)),
                Field("Date sent", date_text(view.sent_on) if view.sent_on else ""),
                Field("Method", method),
                Field("Sent separately from the main file", apart[view.kept_separate]),
            ),
            note="This child protection file is sent separately from the main pupil file, "
            "for the receiving DSL only. Never sent by a parent or carer, never by plain post.",
        ),
    ]


def receipt_section(view: TransferView, child_name: str) -> Section:
    """The slip the receiving DSL signs, dates and returns."""
    return Section(
        "Receipt slip: please sign, date and return",
        (
            Field("Pupil", child_name),
            Field("File sent to", view.new_setting),
            Field("Date sent", date_text(view.sent_on) if view.sent_on else ""),
            Field("Date received", date_text(view.receipt_on) if view.receipt_on else ""),
        ),
    )
