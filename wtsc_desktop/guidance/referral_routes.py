"""Where a referral goes, how it is made and what comes back (guidance.md D2, D5; forms.md).

Pure: labels and a few plain rules, no storage.
"""

from __future__ import annotations

from enum import StrEnum


class ReferralRoute(StrEnum):
    """The kind of referral (D2, D5)."""

    SOCIAL_CARE = "social_care"
    POLICE_999 = "police_999"
    POLICE_101 = "police_101"
    EARLY_HELP = "early_help"
    NRM = "nrm"
    PREVENT = "prevent"
    FGM_POLICE = "fgm_police"
    CAMHS = "camhs"
    PRIVATE_FOSTERING = "private_fostering"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The route in plain words."""
        return ROUTE_LABELS[self]


ROUTE_LABELS: dict[ReferralRoute, str] = {
    ReferralRoute.SOCIAL_CARE: "Children's social care (MASH / front door)",
    ReferralRoute.POLICE_999: "Police (999, immediate danger)",
    ReferralRoute.POLICE_101: "Police (101)",
    ReferralRoute.EARLY_HELP: "Early help (family help)",
    ReferralRoute.NRM: "National Referral Mechanism, through a first responder",
    ReferralRoute.PREVENT: "Prevent / Channel",
    ReferralRoute.FGM_POLICE: "FGM report to police",
    ReferralRoute.CAMHS: "CAMHS (children's mental health services)",
    ReferralRoute.PRIVATE_FOSTERING: "Private fostering notification to the local authority",
    ReferralRoute.OTHER: "Other",
}

# Routes where the local authority decides the type of response within T1.
DECISION_EXPECTED_ROUTES = frozenset({ReferralRoute.SOCIAL_CARE, ReferralRoute.NRM})


class ReferralMethod(StrEnum):
    """How the referral was made; a phone referral is confirmed in writing (T14)."""

    PHONE = "phone"
    PORTAL = "portal"
    SECURE_EMAIL = "secure_email"

    @property
    def label(self) -> str:
        """The method in plain words."""
        return {"phone": "Phone", "portal": "Online portal", "secure_email": "Secure email"}[
            self.value
        ]


class ReferralOutcome(StrEnum):
    """What the receiving agency decided."""

    NO_FURTHER_ACTION = "nfa"
    EARLY_HELP = "early_help"
    CHILD_IN_NEED = "child_in_need"
    SECTION_47 = "section_47"
    STRATEGY_DISCUSSION = "strategy_discussion"
    POLICE_ACTION = "police_action"

    @property
    def label(self) -> str:
        """The outcome in plain words."""
        return OUTCOME_LABELS[self]


OUTCOME_LABELS: dict[ReferralOutcome, str] = {
    ReferralOutcome.NO_FURTHER_ACTION: "No further action",
    ReferralOutcome.EARLY_HELP: "Early help",
    ReferralOutcome.CHILD_IN_NEED: "Child-in-need assessment",
    ReferralOutcome.SECTION_47: "Section 47 enquiry",
    ReferralOutcome.STRATEGY_DISCUSSION: "Strategy discussion",
    ReferralOutcome.POLICE_ACTION: "Police action",
}


class EscalationReason(StrEnum):
    """Why the DSL escalated under the local escalation policy."""

    DISAGREE = "disagree"
    NO_REPLY = "no_reply"

    @property
    def label(self) -> str:
        """The reason in plain words."""
        return {
            "disagree": "The DSL disagrees with the decision",
            "no_reply": "No reply came by the deadline",
        }[self.value]


def consent_reason_needed(*, family_aware: bool, family_consents: bool) -> bool:
    """True when the family does not know or does not consent: forms.md says the reason
    why not is then never blank."""
    return not (family_aware and family_consents)
