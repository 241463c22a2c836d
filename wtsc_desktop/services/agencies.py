"""The agencies directory a referral is made to (issue 6 item 2), and the local
escalation policy's steps.

The directory is not typed twice: it is the local contacts from Settings (filled in at
setup), then every other agency named on an earlier referral, most recent first, so
that "Riverside MASH" is offered again the next time.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.services.settings import read_values
from wtsc_desktop.store.models import Referral

NOT_RECORDED = "contact not recorded — add it in Settings"


@dataclass(frozen=True)
class Agency:
    """One entry of the directory: the name to refer to and how to reach them."""

    name: str
    contact: str
    from_settings: bool


def _join(values: dict[str, object], *keys: str) -> str:
    found = [str(values[f"contacts.{key}"]).strip() for key in keys]
    return " · ".join(text for text in found if text) or NOT_RECORDED


def _from_settings(values: dict[str, object]) -> list[Agency]:
    lado = str(values["contacts.lado_name"]).strip()
    return [
        Agency(
            "Children's social care front door",
            _join(values, "front_door_phone", "front_door_email"),
            True,
        ),
        Agency("Out-of-hours social care team", _join(values, "out_of_hours_phone"), True),
        Agency(
            f"LADO ({lado})" if lado else "LADO", _join(values, "lado_phone", "lado_email"), True
        ),
        Agency("Police (101)", _join(values, "police_non_emergency"), True),
    ]


def agency_directory(signed: SignedIn) -> list[Agency]:
    """The agencies to offer when a referral is recorded (DSL and deputies): the local
    contacts from Settings, then the other agencies of earlier referrals, newest first."""
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        values = read_values(session)
        used = session.execute(
            select(Referral.agency, func.max(Referral.made_at).label("last"))
            .group_by(Referral.agency)
            .order_by(func.max(Referral.made_at).desc())
        ).all()
    directory = _from_settings(values)
    known = {agency.name.casefold() for agency in directory}
    for name, _last in used:
        if name.strip() and name.casefold() not in known:
            known.add(name.casefold())
            directory.append(Agency(name, "used on an earlier referral", False))
    return directory


def escalation_steps(signed: SignedIn) -> list[str]:
    """The local escalation policy's steps from Settings, one per line (DSL and deputies);
    empty when the DSL has not written them down yet."""
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        text = str(read_values(session)["contacts.escalation_steps"])
    return [line.strip() for line in text.splitlines() if line.strip()]
