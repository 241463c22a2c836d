"""An invented organisation for trying the app (``--demo``). Every name here is made up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wtsc_desktop.clock import Clock, FixedClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.accounts import add_user
from wtsc_desktop.services.child_contacts import add_contact
from wtsc_desktop.services.child_types import ContactDetails
from wtsc_desktop.services.children import add_child
from wtsc_desktop.services.demo_casework import START_DAYS_AGO, add_demo_casework
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.setup import create_store
from wtsc_desktop.store.keys import DEFAULT_KDF, KdfParams


@dataclass(frozen=True)
class DemoAccount:
    user_name: str
    password: str
    role: Role


DEMO_ACCOUNTS = (
    DemoAccount("demo.dsl", "kestrel willow lantern 42", Role.DSL),
    DemoAccount("demo.deputy", "bramble comet pebble 19", Role.DEPUTY),
    DemoAccount("demo.teacher", "orchid tractor ribbon 63", Role.REPORTER),
    DemoAccount("demo.head", "walnut glacier violin 27", Role.ALLEGATIONS_MANAGER),
    DemoAccount("demo.governor", "thimble canyon parsnip 85", Role.REVIEWER),
)
_NAMES = {
    "demo.dsl": ("Morgan Fairweather", Profession.TEACHER),
    "demo.deputy": ("Priya Oakridge", Profession.TEACHER),
    "demo.teacher": ("Sam Whitlock", Profession.TEACHER),
    "demo.head": ("Alex Penhallow", Profession.OTHER),
    "demo.governor": ("Jo Castellan", Profession.OTHER),
}
_CHILDREN = (
    ("Zoë", "Brightwater", "", dt.date(2015, 3, 14), "Year 6"),
    ("Łucja", "Nowakowska", "Lucy", dt.date(2016, 11, 2), "Year 5"),
    ("Siobhán", "Delaney", "", dt.date(2017, 6, 21), "Year 4"),
    ("Ayşe", "Demirtaş", "", dt.date(2018, 1, 9), "Year 3"),
    ("Søren", "Lindqvist", "", dt.date(2014, 9, 30), "Year 7"),
    ("Ming", "Li", "李明", dt.date(2019, 4, 17), "Year 2"),
)
_ZOE_HOUSEHOLD = (
    ContactDetails(
        "Dana Brightwater",
        "Mother",
        parental_responsibility=True,
        lives_with_child=True,
        phone="07700 900123",
    ),
    ContactDetails(
        "Lee Brightwater",
        "Father",
        parental_responsibility=True,
        lives_with_child=True,
        phone="07700 900456",
    ),
    ContactDetails("Kai Brightwater", "Brother, aged 3", lives_with_child=True),
)
ORGANISATION = {
    "org.name": "Riverside Demo Primary School",
    "org.type": "school",
    "org.nation": "england",
    "org.address": "1 Example Lane\nAnytown\nAB1 2CD",
    "org.phone": "01234 111222",
    "org.email": "safeguarding@riverside.example",
    "org.local_authority": "Anyshire County Council",
    "contacts.front_door_phone": "01234 000000",
    "contacts.front_door_email": "front.door@anyshire.example",
    "contacts.out_of_hours_phone": "01234 000999",
    "contacts.lado_name": "Anyshire LADO team",
    "contacts.lado_phone": "01234 000111",
    "contacts.lado_email": "lado@anyshire.example",
    "contacts.escalation_steps": "Speak to the social worker's team manager\n"
    "Write to the service manager\nUse the partnership's escalation form",
}


def create_demo_store(
    paths: StorePaths, *, clock: Clock, kdf: KdfParams = DEFAULT_KDF
) -> tuple[DemoAccount, ...]:
    """Fill ``paths`` with the demo organisation and a fortnight of invented casework
    before ``clock``'s now; returns the accounts and passwords."""
    lead = DEMO_ACCOUNTS[0]
    now = clock.now()
    clock = FixedClock(current=now - dt.timedelta(days=START_DAYS_AGO))  # history first
    create_store(
        paths,
        organisation=ORGANISATION,
        user_name=lead.user_name,
        full_name=_NAMES[lead.user_name][0],
        password=lead.password,
        profession=_NAMES[lead.user_name][1],
        clock=clock,
        kdf=kdf,
    )
    dsl = sign_in(paths, user_name=lead.user_name, password=lead.password, clock=clock)
    try:
        for account in DEMO_ACCOUNTS[1:]:
            full_name, profession = _NAMES[account.user_name]
            add_user(
                dsl,
                user_name=account.user_name,
                full_name=full_name,
                role=account.role,
                profession=profession,
                password=account.password,
                email=f"{account.user_name}@riverside.example",
                must_change_password=False,
            )
        children = [
            add_child(
                dsl,
                legal_forename=forename,
                legal_surname=surname,
                preferred_name=preferred,
                date_of_birth=born,
                year_group_or_team=group,
            )
            for forename, surname, preferred, born, group in _CHILDREN
        ]
        for contact in _ZOE_HOUSEHOLD:
            add_contact(dsl, child_id=children[0], contact=contact)
    finally:
        dsl.lock()
    teacher = DEMO_ACCOUNTS[2]
    add_demo_casework(
        paths,
        clock=clock,
        now=now,
        children=children,
        teacher=(teacher.user_name, teacher.password),
        dsl=(lead.user_name, lead.password),
    )
    return DEMO_ACCOUNTS
