"""The agencies directory offered when a referral is recorded: the local contacts from
Settings first, then the other agencies of earlier referrals, newest first, once each;
and the local escalation steps, one a line."""

from __future__ import annotations

from tests.casework import a_child, london
from wtsc_desktop.guidance.referral_routes import ReferralMethod, ReferralRoute
from wtsc_desktop.services.agencies import NOT_RECORDED, agency_directory, escalation_steps
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.referrals import NewReferral, make_referral
from wtsc_desktop.services.settings import update_settings


def _refer(dsl: SignedIn, child: int, agency: str, day: int) -> None:
    make_referral(
        dsl,
        referral=NewReferral(
            child_id=child,
            route=ReferralRoute.SOCIAL_CARE,
            made_at=london(2026, 9, day, 10),
            method=ReferralMethod.PORTAL,
            agency=agency,
            family_aware=True,
            family_consents=True,
        ),
    )


def test_settings_contacts_come_first_then_earlier_agencies_newest_first(
    dsl: SignedIn, clock
) -> None:
    clock.current = london(2026, 9, 30, 12)
    update_settings(
        dsl,
        changes={
            "contacts.front_door_phone": "01632 960001",
            "contacts.front_door_email": "mash@example.org",
            "contacts.lado_name": "Riverside LADO team",
        },
    )
    child = a_child(dsl, "Amara", "Okafor")
    _refer(dsl, child, "Riverside MASH", 1)
    _refer(dsl, child, "Hillside Early Help Hub", 3)
    _refer(dsl, child, "riverside mash", 7)  # the same agency typed again
    _refer(dsl, child, "Police (101)", 8)  # already in the directory from Settings

    found = agency_directory(dsl)

    names = [agency.name for agency in found]
    assert names == [
        "Children's social care front door",
        "Out-of-hours social care team",
        "LADO (Riverside LADO team)",
        "Police (101)",
        "riverside mash",
        "Hillside Early Help Hub",
    ]
    assert found[0].contact == "01632 960001 · mash@example.org"
    assert found[1].contact == NOT_RECORDED
    assert found[3].contact == "101"
    assert [a.from_settings for a in found] == [True] * 4 + [False] * 2


def test_escalation_steps_are_read_one_a_line(dsl: SignedIn) -> None:
    assert escalation_steps(dsl) == []
    update_settings(
        dsl,
        changes={
            "contacts.escalation_steps": "Speak to the social worker\n\n  Ask their team manager "
            "\nWrite to the head of service"
        },
    )
    assert escalation_steps(dsl) == [
        "Speak to the social worker",
        "Ask their team manager",
        "Write to the head of service",
    ]
