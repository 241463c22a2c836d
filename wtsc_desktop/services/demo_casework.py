"""Invented casework for the demo organisation, so that someone trying the app sees a
Dashboard at work: concerns logged by a teacher over the last fortnight, the DSL's
triage decisions with actions, referrals (one confirmed and decided, one waiting past
its decision date), a strategy discussion with its conference due, a pattern of
concerns, a file transfer to send and an urgent concern not yet seen.

Each step is made through the services at a time in the past, on a clock of its own,
so that the audit trail and every deadline read as they would in real use. Every name
and word here is made up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from wtsc_desktop.clock import LONDON, FixedClock
from wtsc_desktop.guidance.categories import Part, Threshold
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.guidance.referral_routes import ReferralMethod, ReferralOutcome, ReferralRoute
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.concern_types import ChildInConcern, MarkInput, NewConcern
from wtsc_desktop.services.concerns import submit_concern
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.inbox import acknowledge
from wtsc_desktop.services.plans import MeetingKind, NewMeeting, record_meeting
from wtsc_desktop.services.referrals import (
    NewReferral,
    make_referral,
    record_agency_decision,
    record_confirmation,
)
from wtsc_desktop.services.transfers import NewTransfer, record_transfer
from wtsc_desktop.services.triage import ActionInput, TriageInput, record_decision

Login = tuple[str, str]  # user name and password


def _at(today: dt.date, days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
    day = today - dt.timedelta(days=days_ago)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


class _Desk:
    """The demo's people signed in on a clock that is moved to each step's time."""

    def __init__(self, paths: StorePaths, clock: FixedClock, teacher: Login, dsl: Login):
        self.clock = clock
        self.teacher = sign_in(paths, user_name=teacher[0], password=teacher[1], clock=clock)
        self.dsl = sign_in(paths, user_name=dsl[0], password=dsl[1], clock=clock)

    def close(self) -> None:
        self.teacher.lock()
        self.dsl.lock()

    def when(self, at: dt.datetime) -> None:
        # The clock never goes back: the audit trail stays in order.
        self.clock.current = max(self.clock.current, at.astimezone(dt.UTC))

    def concern(
        self,
        at: dt.datetime,
        child: int,
        *,
        observed: str,
        words: str,
        categories: Sequence[str],
        urgent: bool = False,
        marks: Sequence[MarkInput] = (),
    ) -> int:
        self.when(at + dt.timedelta(minutes=40))
        return submit_concern(
            self.teacher,
            concern=NewConcern(
                immediate_danger=urgent,
                children=(ChildInConcern(Part.SUBJECT, child),),
                observed_at=at,
                location="Classroom 6",
                child_words=words,
                observed=observed,
                categories=tuple(categories),
                reporter_role="Class teacher",
                action_taken="Listened, did not ask leading questions, told the DSL.",
                told_whom="Morgan Fairweather (DSL), in person",
                told_at=at + dt.timedelta(minutes=20),
                marks=tuple(marks),
            ),
        )

    def triage(self, at: dt.datetime, concern: int, decision: TriageInput) -> int:
        self.when(at)
        acknowledge(self.dsl, concern_id=concern)
        return record_decision(self.dsl, concern_id=concern, decision=decision)

    def refer(self, at: dt.datetime, referral: NewReferral) -> int:
        self.when(at + dt.timedelta(minutes=30))
        return make_referral(self.dsl, referral=referral)

    def then(self, at: dt.datetime, step: Callable[[SignedIn], object]) -> None:
        self.when(at)
        step(self.dsl)


def _s47(rationale: str) -> TriageInput:
    return TriageInput(
        threshold=Threshold.SECTION_47,
        rationale=rationale,
        consent=Consent.NOT_SOUGHT,
        consent_reason="Telling the family first could put the child at more risk.",
        lawful_basis=LawfulBasis.PUBLIC_TASK,
    )


START_DAYS_AGO = 24  # the demo organisation is set up this many days before today


def add_demo_casework(
    paths: StorePaths,
    *,
    clock: FixedClock,
    now: dt.datetime,
    children: Sequence[int],
    teacher: Login,
    dsl: Login,
) -> None:
    """Add the invented casework for ``children`` (the six demo children, in order),
    logged by ``teacher`` and handled by ``dsl`` over the fortnight before ``now``.
    ``clock`` (showing a time before the first step) is moved on to each step's time."""
    today = now.astimezone(LONDON).date()
    zoe, lucja, siobhan, ayse, soren, ming = children
    desk = _Desk(paths, clock, teacher, dsl)
    try:
        # Zoë: a bruise and what she said; referred that day, confirmed, and a strategy
        # discussion held, so the initial conference (T3) is now due.
        first = desk.concern(
            _at(today, 20, 9, 10),
            zoe,
            observed="A round bruise on her upper left arm, about the size of a coin.",
            words="Dad grabbed me when I spilt my drink. He does it when he's cross.",
            categories=("physical",),
            marks=(MarkInput(1, "front", 0.3, 0.32, "Round bruise", "2 cm"),),
        )
        decision = desk.triage(
            _at(today, 20, 10, 30),
            first,
            _s47("An injury the child says her father caused, and says happens often."),
        )
        referral = desk.refer(
            _at(today, 20, 11),
            NewReferral(
                child_id=zoe,
                concern_id=first,
                decision_id=decision,
                route=ReferralRoute.SOCIAL_CARE,
                made_at=_at(today, 20, 11),
                method=ReferralMethod.PHONE,
                agency="Children's social care front door",
                agency_contact="Duty social worker, Anyshire front door",
                their_reference="DEMO-MASH-0412",
                family_aware=False,
                family_consents=False,
                consent_reason="Telling the family first could put Zoë at more risk.",
                child_views="Zoë said she wants her dad to stop hurting her.",
                done_already="Body map recorded; Zoë kept in school with a trusted adult.",
            ),
        )
        desk.then(
            _at(today, 20, 15),
            lambda s: record_confirmation(
                s,
                referral_id=referral,
                sent_at=_at(today, 20, 15),
                method=ReferralMethod.PORTAL,
            ),
        )
        desk.then(
            _at(today, 19, 12),
            lambda s: record_agency_decision(
                s,
                referral_id=referral,
                decided_at=_at(today, 19, 12),
                decision="A strategy discussion will be held; section 47 enquiries likely.",
                outcome=ReferralOutcome.STRATEGY_DISCUSSION,
            ),
        )
        desk.then(
            _at(today, 18, 16),
            lambda s: record_meeting(
                s,
                meeting=NewMeeting(
                    child_id=zoe,
                    kind=MeetingKind.STRATEGY,
                    held_on=(today - dt.timedelta(days=18)),
                    attended=True,
                    attendee="Morgan Fairweather (DSL)",
                    s47_started=True,
                ),
            ),
        )

        # Ayşe: three worries in a fortnight (the pattern prompt), monitored with a
        # review date and an action for the class teacher.
        def worry_about_ayse(days_ago: int, seen: str, said: str) -> int:
            concern = desk.concern(
                _at(today, days_ago, 8, 50),
                ayse,
                observed=seen,
                words=said,
                categories=("neglect",),
            )
            desk.when(_at(today, days_ago, 12))
            acknowledge(desk.dsl, concern_id=concern)  # seen at lunchtime; watched
            return concern

        worry_about_ayse(13, "Came to school hungry and in the same clothes as yesterday.", "")
        worry_about_ayse(
            7, "Asleep in the first lesson; said she had no breakfast.", "There's no food."
        )

        # Ming: referred as a child in need with the family's agreement; the decision
        # was expected days ago and has not come (T1: chase or escalate).
        help_needed = desk.concern(
            _at(today, 6, 13),
            ming,
            observed="Ming's mother asked for help: the family has been moved out of its flat "
            "and Ming is often late and tired.",
            words="We sleep at my auntie's now. There's no room for my books.",
            categories=("neglect",),
        )
        in_need = desk.triage(
            _at(today, 6, 15),
            help_needed,
            TriageInput(
                threshold=Threshold.SECTION_17,
                rationale="The family needs support with housing; no sign of harm.",
                consent=Consent.GIVEN,
                lawful_basis=LawfulBasis.PUBLIC_TASK,
            ),
        )
        desk.refer(
            _at(today, 6, 15, 30),
            NewReferral(
                child_id=ming,
                concern_id=help_needed,
                decision_id=in_need,
                route=ReferralRoute.SOCIAL_CARE,
                made_at=_at(today, 6, 15, 30),
                method=ReferralMethod.PORTAL,
                agency="Children's social care front door",
                family_aware=True,
                family_consents=True,
                child_views="Ming wants to stay at this school.",
                done_already="Breakfast club place offered; uniform from the school's own stock.",
            ),
        )

        # Łucja: one worry, seen and handled under the anti-bullying policy.
        noted = desk.concern(
            _at(today, 4, 11),
            lucja,
            observed="Upset after a message on a group chat; shown to me by her friend.",
            words="They keep saying I should leave.",
            categories=("online", "child_on_child"),
        )
        desk.triage(
            _at(today, 4, 14),
            noted,
            TriageInput(
                threshold=Threshold.NO_FURTHER_ACTION,
                rationale="Handled under the anti-bullying policy; parents told.",
            ),
        )
        # Søren: leaving at the end of last week, so his file must be sent (T7).
        desk.then(
            _at(today, 3, 16),
            lambda s: record_transfer(
                s,
                transfer=NewTransfer(
                    child_id=soren,
                    new_setting="Hilltop Demo Academy",
                    new_dsl_name="Invented Mr Okonjo",
                    new_contact="dsl@hilltop.example",
                    last_day=today - dt.timedelta(days=3),
                ),
            ),
        )

        # Ayşe's third worry in a fortnight: monitored, with a review date and actions.
        worry = worry_about_ayse(
            2, "Not collected at the end of the day until 5:15 pm.", "Mum was asleep."
        )
        desk.triage(
            _at(today, 2, 17, 30),
            worry,
            TriageInput(
                threshold=Threshold.MONITOR,
                rationale="A pattern of neglect is building: watch closely and talk to mum.",
                review_on=today + dt.timedelta(days=5),
                actions=(
                    ActionInput(
                        "Meet Ayşe's mother about meals and collection",
                        today,
                        owner_name="Morgan Fairweather",
                    ),
                    ActionInput(
                        "Check in with Ayşe each morning and note how she is",
                        today - dt.timedelta(days=1),
                        owner_name="Sam Whitlock",
                    ),
                ),
            ),
        )

        # Siobhán: urgent, logged this morning, not yet seen by the DSL (it heads the inbox).
        desk.concern(
            (now - dt.timedelta(hours=1)).astimezone(LONDON),
            siobhan,
            observed="Arrived with a cut lip; flinched when I raised my hand to the board.",
            words="I'm not allowed to say.",
            categories=("physical",),
            urgent=True,
        )
    finally:
        desk.close()
