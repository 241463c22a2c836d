"""The statutory and local timescales T1–T14 (shared/guidance.md, "Timescales"), one table.

Each rule carries its amount and kind of days, whose clock it is, its source, the edition
it was checked against and the official wording, so the app can show them beside every
date it computes. Where the official text and a figure here disagree, the official text
wins: change the rule here, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    """The kind of days a rule counts in (guidance.md, "Units")."""

    WORKING_DAYS = "working days"
    SCHOOL_DAYS = "school days"
    DAYS = "days"
    MONTHS = "months"


class WhoseClock(StrEnum):
    """Whose duty the date is: the setting's own, or someone else's the DSL chases."""

    SETTING = "the setting's duty"
    PERSONAL = "a personal duty of the individual professional"
    EXPECTED_BY = "expected by (another agency's clock: chase it if nothing comes)"
    INFORMATION_ONLY = "information only (another agency's clock)"


WT = "Working Together to Safeguard Children"
WT_EDITION = "WT 2023 (WT 2026 checked: no change to this timescale found)"
KCSIE_EDITION = "KCSIE 2024/2025 (revised most Septembers: check the current edition)"


@dataclass(frozen=True)
class Rule:
    """One timescale: how long, in which days, whose clock, and where it comes from.

    ``wording`` is the rule as guidance.md gives it (the official words where it quotes
    them); ``reading`` says how the app reads wording that leaves the unit or the start
    open; ``internal_target`` marks a number that is ours, not the law's.
    """

    id: str
    what: str
    amount: int
    unit: Unit
    whose_clock: WhoseClock
    owed_by: str
    source: str
    edition: str
    wording: str
    reading: str = ""
    internal_target: bool = False

    @property
    def length_text(self) -> str:
        """How long, in words: "1 working day", "15 working days", "1 month"."""
        return length_text(self.amount, self.unit)


def length_text(amount: int, unit: Unit) -> str:
    """An amount of days in words, e.g. "1 working day", "0 days (the same day)"."""
    if amount == 0:
        return "0 days (the same day)"
    words = unit.value
    if amount == 1:
        words = {"months": "month"}.get(words, words.replace("days", "day"))
    return f"{amount} {words}"


_RULES: tuple[Rule, ...] = (
    Rule(
        "T1",
        "Local authority children's social care acknowledges a referral and decides the "
        "type of response",
        1,
        Unit.WORKING_DAYS,
        WhoseClock.EXPECTED_BY,
        "the local authority; the referrer follows up and escalates if no decision comes",
        f"{WT}, chapter 3 (referral); KCSIE Part one",
        WT_EDITION,
        "1 working day from receipt; the referrer follows up and escalates if no decision comes.",
    ),
    Rule(
        "T2",
        "Assessment of a child in need completed",
        45,
        Unit.WORKING_DAYS,
        WhoseClock.EXPECTED_BY,
        "the local authority",
        f"{WT}, chapter 3 (assessment)",
        WT_EDITION,
        "45 working days from the referral.",
    ),
    Rule(
        "T3",
        "Initial child protection conference",
        15,
        Unit.WORKING_DAYS,
        WhoseClock.EXPECTED_BY,
        "the local authority",
        f"{WT}, chapter 3",
        WT_EDITION,
        "15 working days from the strategy discussion at which section 47 enquiries were started.",
        reading="The app counts from the strategy discussion at which section 47 "
        "enquiries were started, as recorded; where unsure, from the earliest one.",
    ),
    Rule(
        "T4",
        "First core group meeting",
        10,
        Unit.WORKING_DAYS,
        WhoseClock.EXPECTED_BY,
        "the lead social worker",
        f"{WT}, chapter 3",
        WT_EDITION,
        "10 working days from the initial conference.",
    ),
    Rule(
        "T5a",
        "First review child protection conference",
        3,
        Unit.MONTHS,
        WhoseClock.EXPECTED_BY,
        "the local authority",
        f"{WT}, chapter 3",
        WT_EDITION,
        "3 months from the initial conference.",
    ),
    Rule(
        "T5b",
        "Later review child protection conference",
        6,
        Unit.MONTHS,
        WhoseClock.EXPECTED_BY,
        "the local authority",
        f"{WT}, chapter 3",
        WT_EDITION,
        "At most 6 months from the previous review, while the plan lasts.",
    ),
    Rule(
        "T6",
        "Allegation against a member of staff or volunteer reported to the LADO",
        1,
        Unit.WORKING_DAYS,
        WhoseClock.SETTING,
        "the employer's case manager",
        f"{WT}, chapter 4 (people in positions of trust) and local procedures; KCSIE Part four",
        f"{WT_EDITION}; {KCSIE_EDITION}",
        "1 working day from it coming to the employer's attention.",
    ),
    Rule(
        "T7",
        "Child protection file sent to the new school or college",
        5,
        Unit.SCHOOL_DAYS,
        WhoseClock.SETTING,
        "the sending DSL",
        "KCSIE Annex C (the DSL's role: managing the child protection file)",
        KCSIE_EDITION,
        "Within 5 days for an in-year transfer or within the first 5 days of the start of "
        "a new term.",
        reading="The app reads \u201c5 days\u201d as school days, counted from the day after "
        "the child's last day. Send it separately from the main pupil file, securely, and "
        "get a confirmation of receipt.",
    ),
    Rule(
        "T8a",
        "FGM known case reported to the police (best practice)",
        1,
        Unit.WORKING_DAYS,
        WhoseClock.PERSONAL,
        "the teacher or regulated health or social care professional personally: not the "
        "DSL in their place, and not coaches, charity staff or volunteers",
        "FGM Act 2003 s.5B (inserted by the Serious Crime Act 2015 s.74); Home Office, "
        "Mandatory reporting of FGM: procedural information",
        "Home Office procedural information (current version)",
        "Best practice: by the close of the next working day. Report by phone to 101; "
        "keep the DSL informed.",
    ),
    Rule(
        "T8b",
        "FGM known case reported to the police (statutory limit)",
        1,
        Unit.MONTHS,
        WhoseClock.PERSONAL,
        "the teacher or regulated health or social care professional personally: not the "
        "DSL in their place, and not coaches, charity staff or volunteers",
        "FGM Act 2003 s.5B (inserted by the Serious Crime Act 2015 s.74)",
        "FGM Act 2003 s.5B as amended",
        "At most one calendar month from discovery (the statutory limit).",
    ),
    Rule(
        "T9",
        "Ofsted told of an allegation of serious harm or abuse at an early-years setting, "
        "and of the action taken",
        14,
        Unit.DAYS,
        WhoseClock.SETTING,
        "the registered provider (an offence to fail)",
        "EYFS statutory framework, Section 3 (child protection)",
        "EYFS statutory framework (current edition)",
        "As soon as reasonably practicable, at most 14 days from the allegation being made.",
    ),
    Rule(
        "T10",
        "Serious incident reported to the Charity Commission",
        2,
        Unit.WORKING_DAYS,
        WhoseClock.SETTING,
        "the charity's trustees (they may delegate)",
        "Charity Commission, How to report a serious incident in your charity",
        "Charity Commission guidance (current version)",
        "Report it promptly. (No number of days is set in law: this date is the "
        "organisation's own internal target.)",
        reading="\u201cPromptly\u201d has no statutory number of days; the app uses an internal "
        "target set by the organisation (2 working days unless changed). It is ours, "
        "not the law's.",
        internal_target=True,
    ),
    Rule(
        "T11",
        "Serious child safeguarding incident notified to the national panel",
        5,
        Unit.WORKING_DAYS,
        WhoseClock.INFORMATION_ONLY,
        "the local authority",
        f"{WT}, chapter 5; Children Act 2004 s.16C",
        WT_EDITION,
        "5 working days from the local authority becoming aware.",
    ),
    Rule(
        "T12",
        "Rapid review",
        15,
        Unit.WORKING_DAYS,
        WhoseClock.INFORMATION_ONLY,
        "the safeguarding partners (the setting may be asked to contribute)",
        f"{WT}, chapters 4 and 5",
        WT_EDITION,
        "15 working days from the safeguarding partners becoming aware of the incident.",
    ),
    Rule(
        "T13",
        "Private fostering arrangement notified to the local authority",
        0,
        Unit.DAYS,
        WhoseClock.SETTING,
        "the carer, parents and anyone arranging it must notify (statute); schools and "
        "clubs should (guidance)",
        "Children Act 1989 s.66; Children (Private Arrangements for Fostering) "
        "Regulations 2005 regs 3-4; private fostering guidance",
        "Regulations 2005 and private fostering guidance (current version)",
        "Due the day the setting learns of it (0 days), unless it is satisfied the local "
        "authority already knows; the local authority then visits within 7 working days.",
    ),
    Rule(
        "T14",
        "A referral made by phone confirmed in writing (the local referral form)",
        1,
        Unit.WORKING_DAYS,
        WhoseClock.SETTING,
        "the referrer or DSL",
        "Local safeguarding partnership procedures",
        "local procedures (check your partnership's current version)",
        "1 working day (local procedures say within 24 hours or by the next working day).",
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
