"""Invented people and an invented organisation for tests. No real data, ever."""

from __future__ import annotations

from wtsc_desktop.clock import FixedClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.accounts import add_user, change_own_password
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.setup import create_store
from wtsc_desktop.store.keys import KdfParams

ORGANISATION = {"org.name": "Brookfield Test Academy", "org.type": "school"}
DSL_USER = "dsl.lead"
DSL_PASSWORD = "lantern orchard velvet 2031"
ROLE_USERS: dict[Role, tuple[str, str]] = {
    Role.DSL: (DSL_USER, DSL_PASSWORD),
    Role.DEPUTY: ("deputy.lead", "copper meadow whistle 77"),
    Role.REPORTER: ("class.teacher", "harbour pencil giraffe 58"),
    Role.ALLEGATIONS_MANAGER: ("head.teacher", "saffron lighthouse tunnel 12"),
    Role.REVIEWER: ("chair.governors", "marble kettle horizon 94"),
}


def build_template(paths: StorePaths, *, kdf: KdfParams) -> dict[str, object]:
    """A store holding one user of each role, each with their password already changed."""
    clock = FixedClock()
    made = create_store(
        paths,
        organisation=ORGANISATION,
        user_name=DSL_USER,
        full_name="Dana Lead",
        password=DSL_PASSWORD,
        profession=Profession.TEACHER,
        clock=clock,
        kdf=kdf,
    )
    dsl = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    first = "temporary password 4471 kiwi"
    for role, (user_name, password) in ROLE_USERS.items():
        if role is Role.DSL:
            continue
        add_user(
            dsl,
            user_name=user_name,
            full_name=user_name.replace(".", " ").title(),
            role=role,
            profession=Profession.TEACHER if role is Role.REPORTER else Profession.OTHER,
            password=first,
        )
        person = sign_in(paths, user_name=user_name, password=first, clock=clock)
        change_own_password(person, old_password=first, new_password=password)
        person.lock()
    dsl.lock()
    return {"paths": paths, "recovery_key": made.recovery_key}
