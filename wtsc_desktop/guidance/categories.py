"""What kind of harm a concern is about, each child's part in it, and the threshold
decision (D2) the DSL records at triage.

Harm outside the home (exploitation, county lines, child-on-child abuse, online harm) is
marked extra-familial: it is assessed the same way (D2), but the DSL sees it flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    extra_familial: bool = False


CATEGORIES: tuple[Category, ...] = (
    Category("physical", "Physical abuse"),
    Category("emotional", "Emotional abuse"),
    Category("sexual", "Sexual abuse"),
    Category("neglect", "Neglect"),
    Category("child_on_child", "Child-on-child abuse", extra_familial=True),
    Category("online", "Online harm", extra_familial=True),
    Category("domestic_abuse", "Domestic abuse"),
    Category("cse", "Child sexual exploitation", extra_familial=True),
    Category("cce", "Child criminal exploitation", extra_familial=True),
    Category("county_lines", "County lines", extra_familial=True),
    Category("fgm", "Female genital mutilation (FGM)"),
    Category("forced_marriage", "Forced marriage"),
    Category("honour_based", "So-called honour-based abuse"),
    Category("radicalisation", "Radicalisation", extra_familial=True),
    Category("modern_slavery", "Modern slavery or trafficking", extra_familial=True),
    Category("self_harm", "Self-harm"),
    Category("mental_health", "Mental health"),
    Category("missing_education", "Missing from education"),
    Category("missing_home", "Missing from home or care", extra_familial=True),
    Category("private_fostering", "Private fostering"),
    Category("other", "Other"),
)
BY_CODE: dict[str, Category] = {c.code: c for c in CATEGORIES}


def category_label(code: str) -> str:
    """The label for ``code``; an unknown code is shown as it is rather than lost."""
    found = BY_CODE.get(code)
    return found.label if found else code


def is_extra_familial(codes: list[str] | tuple[str, ...] | set[str]) -> bool:
    """True when any of ``codes`` is harm outside the home (D2)."""
    return any(BY_CODE[c].extra_familial for c in codes if c in BY_CODE)


class Part(StrEnum):
    """A child's part in a concern: categories and alerts land only on the subject."""

    SUBJECT = "subject"
    ALLEGED = "alleged"
    WITNESS = "witness"

    @property
    def label(self) -> str:
        return _PART_LABELS[self]


_PART_LABELS = {
    Part.SUBJECT: "The child the concern is about",
    Part.ALLEGED: "A child alleged to have caused harm",
    Part.WITNESS: "A witness",
}


class Threshold(StrEnum):
    """D2: the DSL's decision at triage, most serious first."""

    POLICE = "police"
    SECTION_47 = "section_47"
    SECTION_17 = "section_17"
    EARLY_HELP = "early_help"
    MONITOR = "monitor"
    NO_FURTHER_ACTION = "no_further_action"


@dataclass(frozen=True)
class ThresholdRule:
    threshold: Threshold
    label: str
    meaning: str
    consent: str
    needs_review_date: bool = False
    source: str = "D2; WT 2023 ch. 1 and 3; KCSIE Part one"


THRESHOLDS: tuple[ThresholdRule, ...] = (
    ThresholdRule(
        Threshold.POLICE,
        "Police now (999), then a referral",
        "A child is in immediate danger or a crime is being committed.",
        "Consent is not needed.",
    ),
    ThresholdRule(
        Threshold.SECTION_47,
        "Referral to children's social care: significant harm (section 47)",
        "There is reasonable cause to suspect the child is suffering, or likely to suffer, "
        "significant harm.",
        "Refer now: consent is not needed, and seeking it must not delay the referral or "
        "put the child at more risk.",
    ),
    ThresholdRule(
        Threshold.SECTION_17,
        "Referral to children's social care: child in need (section 17)",
        "The child is unlikely to reach a reasonable standard of health or development "
        "without services.",
        "Seek the family's consent where possible, and record it or why not.",
    ),
    ThresholdRule(
        Threshold.EARLY_HELP,
        "Early help / family help",
        "The child or family has additional needs that a coordinated offer of help can meet.",
        "Early help works with the family's consent and a lead practitioner.",
    ),
    ThresholdRule(
        Threshold.MONITOR,
        "Monitor, with a review date",
        "The concern does not meet a threshold now; the DSL keeps watch and reviews it.",
        "No sharing is needed now; record the reasons.",
        needs_review_date=True,
    ),
    ThresholdRule(
        Threshold.NO_FURTHER_ACTION,
        "No further action",
        "On the facts known, nothing more is needed; the reasons are recorded.",
        "No sharing is needed; record the reasons.",
    ),
)
THRESHOLD_RULES: dict[Threshold, ThresholdRule] = {r.threshold: r for r in THRESHOLDS}
