"""D1: information sharing (HM Government, *Information sharing: advice for practitioners
providing safeguarding services*, May 2024; UK GDPR; DPA 2018).

The lawful bases a setting may rely on, which one fits which kind of organisation, the
consent positions, and the seven golden rules shown beside each step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

D1_SOURCE = "D1: Information sharing advice (HM Government, May 2024); UK GDPR Art. 6 and 9"


class LawfulBasis(StrEnum):
    PUBLIC_TASK = "public_task"
    RECOGNISED_LEGITIMATE_INTEREST = "recognised_legitimate_interest"
    LEGITIMATE_INTERESTS = "legitimate_interests"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    CONSENT = "consent"

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    LawfulBasis.PUBLIC_TASK: "Public task — UK GDPR Art. 6(1)(e)",
    LawfulBasis.RECOGNISED_LEGITIMATE_INTEREST: (
        "Recognised legitimate interest: safeguarding — UK GDPR Art. 6(1)(ea)"
    ),
    LawfulBasis.LEGITIMATE_INTERESTS: "Legitimate interests — UK GDPR Art. 6(1)(f)",
    LawfulBasis.LEGAL_OBLIGATION: "Legal obligation — UK GDPR Art. 6(1)(c)",
    LawfulBasis.VITAL_INTERESTS: "Vital interests — UK GDPR Art. 6(1)(d)",
    LawfulBasis.CONSENT: "Consent — UK GDPR Art. 6(1)(a) (rarely the right basis)",
}

SPECIAL_CATEGORY_CONDITION = (
    "UK GDPR Art. 9(2)(g) with DPA 2018 Sch. 1 para 18: safeguarding of children and of "
    "individuals at risk (needs an appropriate policy document)"
)

PUBLIC_BODY_TYPES = frozenset({"school"})


def suggested_basis(organisation_type: str) -> LawfulBasis:
    """The usual basis for sharing to protect a child (D1).

    Schools and other public authorities use public task, and cannot use (ea) or (f) for
    their own tasks; clubs and charities use recognised legitimate interest, in force
    since 5 February 2026 (Data (Use and Access) Act 2025, Sch. 4), with (f) behind it.
    """
    if organisation_type in PUBLIC_BODY_TYPES:
        return LawfulBasis.PUBLIC_TASK
    return LawfulBasis.RECOGNISED_LEGITIMATE_INTEREST


class Consent(StrEnum):
    NOT_NEEDED = "not_needed"
    GIVEN = "given"
    REFUSED = "refused"
    NOT_SOUGHT = "not_sought"

    @property
    def label(self) -> str:
        return _CONSENT_LABELS[self]


_CONSENT_LABELS = {
    Consent.NOT_NEEDED: "Not needed: the child is at risk of significant harm",
    Consent.GIVEN: "Sought and given",
    Consent.REFUSED: "Sought and refused",
    Consent.NOT_SOUGHT: "Not sought (say why)",
}


@dataclass(frozen=True)
class GoldenRule:
    number: int
    text: str


GOLDEN_RULES: tuple[GoldenRule, ...] = (
    GoldenRule(1, "A child's right to be protected from abuse and neglect comes before "
               "their right to privacy."),
    GoldenRule(2, "Where it is safe and practicable, talk to the child and family about what "
               "will be shared, with whom and why — not where that would increase the risk."),
    GoldenRule(3, "Consent is not needed to share where a child is at risk of harm, but a "
               "lawful basis is (and consent is usually not the right one)."),
    GoldenRule(4, "Seek advice promptly when unsure, without naming the child if that is "
               "not needed."),
    GoldenRule(5, "Protect the identity of anyone who could be harmed if an abuser learnt "
               "their details."),
    GoldenRule(6, "Share only what is relevant, accurate and needed by each recipient, "
               "securely and on time."),
    GoldenRule(7, "Record what was shared, with whom and why — or why not."),
)  # fmt: skip


def consent_reason_needed(consent: Consent) -> bool:
    """A decision without consent always says why (forms.md: "never blank")."""
    return consent in (Consent.NOT_NEEDED, Consent.NOT_SOUGHT, Consent.REFUSED)
