"""Special routes (issue 6 item 3): FGM, trafficking or modern slavery, private fostering.

Pure rules (guidance.md T8a/T8b, T13, D2, D5): given what happened and who learned of it,
say who must act, by which route, whether consent is needed, by when, and in plain words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from wtsc_desktop.guidance.referral_routes import ReferralRoute
from wtsc_desktop.guidance.timescales import Deadline, due_date

FGM_ADULT_AGE = 18

T8_SOURCE = (
    "FGM Act 2003 s.5B (inserted by the Serious Crime Act 2015 s.74); Home Office, "
    "Mandatory reporting of FGM: procedural information"
)
D2_SOURCE = "guidance.md D2 (threshold): Working Together to Safeguard Children"
D5_SOURCE = "guidance.md D5: Modern Slavery Act 2015; National Referral Mechanism guidance"
T13_SOURCE = (
    "Children Act 1989 s.66; Children (Private Arrangements for Fostering) Regulations "
    "2005 regs 3-4; private fostering guidance"
)


class SpecialRoute(StrEnum):
    """The kind of special route."""

    FGM = "fgm"
    MODERN_SLAVERY = "modern_slavery"
    PRIVATE_FOSTERING = "private_fostering"

    @property
    def label(self) -> str:
        """The route in plain words."""
        return {
            "fgm": "Female genital mutilation (FGM)",
            "modern_slavery": "Trafficking or modern slavery",
            "private_fostering": "Private fostering",
        }[self.value]


class FgmSource(StrEnum):
    """How the person learned of the FGM: only the first two bring the personal duty."""

    GIRL_DISCLOSED = "girl_disclosed"
    SIGNS_SEEN = "signs_seen"
    SOMEONE_ELSE = "someone_else"

    @property
    def label(self) -> str:
        """The source in plain words."""
        return {
            "girl_disclosed": "The girl told me herself",
            "signs_seen": "I saw physical signs",
            "someone_else": "Someone else told me (a parent, a sister or brother, a friend)",
        }[self.value]


class LearnerProfession(StrEnum):
    """The profession of the person who learned of it (same values as the user's
    profession in services.permissions, which guidance may not import)."""

    TEACHER = "teacher"
    REGULATED = "regulated_health_social_care"
    OTHER = "other"


class DutyHolder(StrEnum):
    """Who must act."""

    INDIVIDUAL = "individual"
    DSL = "dsl"

    @property
    def label(self) -> str:
        """Who, in plain words."""
        return {
            "individual": "You, personally (not the DSL in your place)",
            "dsl": "The DSL, through the usual referral",
        }[self.value]


@dataclass(frozen=True)
class FgmFacts:
    """What is known about an FGM case: the girl's age, how it came to light, and the
    profession of the person who learned of it."""

    girl_age: int
    source: FgmSource
    profession: LearnerProfession


@dataclass(frozen=True)
class RouteAdvice:
    """What to do: who acts, the route, the consent position, the deadlines with their
    rules and sources, and the words to show."""

    route: SpecialRoute
    duty_holder: DutyHolder
    referral_route: ReferralRoute
    consent_needed: bool
    consent: str
    rule_ids: tuple[str, ...]
    sources: tuple[str, ...]
    deadlines: tuple[Deadline, ...]
    words: str

    @property
    def mandatory_fgm_report(self) -> bool:
        """True when the person must report to the police personally (T8)."""
        return self.duty_holder is DutyHolder.INDIVIDUAL


def fgm_duty_applies(facts: FgmFacts) -> bool:
    """True when the personal mandatory report (T8) applies: a teacher or regulated health
    or social care professional, a girl under 18, and her own disclosure or signs seen."""
    return (
        facts.profession in (LearnerProfession.TEACHER, LearnerProfession.REGULATED)
        and facts.girl_age < FGM_ADULT_AGE
        and facts.source in (FgmSource.GIRL_DISCLOSED, FgmSource.SIGNS_SEEN)
    )


def _usual_referral_words(facts: FgmFacts) -> str:
    if facts.girl_age >= FGM_ADULT_AGE:
        why = "The mandatory reporting duty is for girls under 18."
    elif facts.profession is LearnerProfession.OTHER:
        why = (
            "The mandatory reporting duty falls on teachers and regulated health or social "
            "care professionals, not on coaches, volunteers or charity staff."
        )
    else:
        why = (
            "The mandatory reporting duty applies when the girl tells you herself or you see "
            "the signs, not when someone else tells you."
        )
    return (
        f"{why} Tell the DSL today: they will make a referral in the usual way. "
        "If she is in immediate danger, call 999 now."
    )


def _fgm_advice(facts: FgmFacts, learned_on: dt.date) -> RouteAdvice:
    if facts.girl_age < 0:
        raise ValueError("age cannot be negative")
    if fgm_duty_applies(facts):
        return RouteAdvice(
            route=SpecialRoute.FGM,
            duty_holder=DutyHolder.INDIVIDUAL,
            referral_route=ReferralRoute.FGM_POLICE,
            consent_needed=False,
            consent="Consent is not needed: this is your legal duty.",
            rule_ids=("T8a", "T8b"),
            sources=(T8_SOURCE,),
            deadlines=(due_date("T8a", learned_on), due_date("T8b", learned_on)),
            words=(
                "You must report this yourself to the police on 101: the DSL cannot do it "
                "for you. Keep the DSL informed."
            ),
        )
    adult = facts.girl_age >= FGM_ADULT_AGE
    return RouteAdvice(
        route=SpecialRoute.FGM,
        duty_holder=DutyHolder.DSL,
        referral_route=ReferralRoute.OTHER if adult else ReferralRoute.SOCIAL_CARE,
        consent_needed=False,
        consent=("FGM is significant harm: the referral is made without waiting for consent (D2)."),
        rule_ids=("D2",) if adult else ("D2", "T1"),
        sources=(D2_SOURCE,),
        deadlines=() if adult else (due_date("T1", learned_on),),
        words=_usual_referral_words(facts),
    )


def _modern_slavery_advice(learned_on: dt.date) -> RouteAdvice:
    return RouteAdvice(
        route=SpecialRoute.MODERN_SLAVERY,
        duty_holder=DutyHolder.DSL,
        referral_route=ReferralRoute.NRM,
        consent_needed=False,
        consent="The child's consent is not needed for a National Referral Mechanism referral.",
        rule_ids=("D5", "T1"),
        sources=(D5_SOURCE,),
        deadlines=(due_date("T1", learned_on),),
        words=(
            "Tell the DSL today. The DSL refers to the local authority's children's social "
            "care (or the police), who act as first responder and make the National Referral "
            "Mechanism referral. The child's consent is not needed. If the child is in "
            "immediate danger, call 999 now."
        ),
    )


def _private_fostering_advice(learned_on: dt.date, la_already_knows: bool) -> RouteAdvice:
    if la_already_knows:
        deadlines: tuple[Deadline, ...] = ()
        words = (
            "The local authority already knows of this private fostering arrangement, so no "
            "notification is due. Record how you know that they know."
        )
    else:
        deadlines = (due_date("T13", learned_on),)
        words = (
            "Tell the local authority about this private fostering arrangement today. The "
            "DSL notifies them; the local authority then visits within 7 working days."
        )
    return RouteAdvice(
        route=SpecialRoute.PRIVATE_FOSTERING,
        duty_holder=DutyHolder.DSL,
        referral_route=ReferralRoute.PRIVATE_FOSTERING,
        consent_needed=False,
        consent="The notification does not need the family's consent.",
        rule_ids=("T13",),
        sources=(T13_SOURCE,),
        deadlines=deadlines,
        words=words,
    )


def route_advice(
    route: SpecialRoute,
    *,
    learned_on: dt.date,
    fgm: FgmFacts | None = None,
    la_already_knows: bool = False,
) -> RouteAdvice:
    """What to do about ``route``, learned of on ``learned_on``.

    FGM needs ``fgm`` (the facts); ``la_already_knows`` matters only for private
    fostering. Raises ``ValueError`` when the FGM facts are missing or impossible.
    """
    if route is SpecialRoute.FGM:
        if fgm is None:
            raise ValueError("the FGM route needs the facts")
        return _fgm_advice(fgm, learned_on)
    if route is SpecialRoute.MODERN_SLAVERY:
        return _modern_slavery_advice(learned_on)
    return _private_fostering_advice(learned_on, la_already_knows)
