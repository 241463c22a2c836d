"""``wtsc-desktop deadline RULE START``: scenarios S1, S2, S3 and S7 through the real
command, the exit-code contract, and a data folder whose half term moves a T7 date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests import cli_process as cli
from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from wtsc_desktop.errors import ValidationError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.deadlines import deadline_for
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.settings import update_settings

HALF_TERM = "26/10/2026 - 30/10/2026"


def _signed_args(paths: StorePaths, user: str = DSL_USER) -> list[str]:
    return ["--data-dir", str(paths.root), "--user", user, "--password-stdin"]


def test_scenarios_through_the_command_without_a_data_folder() -> None:
    s1, s2, s3_core, s3_review, s7 = cli.run_all(
        [
            (["deadline", "T1", "2026-08-28"], None),
            (["deadline", "T3", "2026-03-30"], None),
            (["deadline", "T4", "2026-04-22"], None),
            (["deadline", "T5a", "2026-04-22"], None),
            (["deadline", "T7", "2026-11-02"], None),
        ]
    )
    for done in (s1, s2, s3_core, s3_review, s7):
        assert done.code == 0, done.stderr
        assert done.stderr == ""
    assert s1.lines()[0] == "DUE 01/09/2026"
    assert "Unit: working days (1 working day from 28/08/2026)" in s1.stdout
    assert "Whose clock: expected by" in s1.stdout
    assert "Source: Working Together to Safeguard Children, chapter 3" in s1.stdout
    assert "Counted: Monday to Friday less England and Wales bank holidays." in s1.stdout
    assert s2.lines()[0] == "DUE 22/04/2026"
    assert "The app's reading:" in s2.stdout
    assert s3_core.lines()[0] == "DUE 07/05/2026"
    assert s3_review.lines()[0] == "DUE 22/07/2026"
    assert "Unit: months (3 months from 22/04/2026)" in s3_review.stdout
    assert s7.lines()[0] == "DUE 09/11/2026"
    assert "No term dates entered: counted Monday to Friday less bank holidays" in s7.stdout
    assert "Whose clock: the setting's duty" in s7.stdout
    assert "within the first 5 days of the start of a new term" in s7.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["deadline", "T99", "2026-08-28"], "There is no timescale called “T99”"),
        (["deadline", "T1", "2026-02-30"], "is not a date: write it as YYYY-MM-DD"),
        (["deadline", "T1", "28/08/2026"], "is not a date: write it as YYYY-MM-DD"),
    ],
    ids=["unknown rule", "no such day", "not ISO"],
)
def test_an_unknown_rule_or_a_bad_date_exits_2_with_one_line(args: list[str], says: str) -> None:
    done = cli.run(args)
    assert done.code == 2
    assert done.stdout == ""
    assert says in done.stderr
    cli.assert_one_clean_line(done)


def test_a_data_folder_half_term_moves_the_t7_date(paths: StorePaths, dsl: SignedIn) -> None:
    # The child's last day is Thursday 22 October 2026; half term is the next week.
    update_settings(
        dsl, changes={"terms.dates": "02/09/2026 - 18/12/2026", "terms.closures": HALF_TERM}
    )
    dsl.lock()
    with_terms, without, refused, wrong, unknown = cli.run_all(
        [
            (["deadline", "T7", "2026-10-22", *_signed_args(paths)], DSL_PASSWORD),
            (["deadline", "T7", "2026-10-22"], None),
            (
                [
                    "deadline",
                    "T7",
                    "2026-10-22",
                    *_signed_args(paths, ROLE_USERS[Role.REPORTER][0]),
                ],
                ROLE_USERS[Role.REPORTER][1],
            ),
            (["deadline", "T7", "2026-10-22", *_signed_args(paths)], "not the password"),
            (["deadline", "T42", "2026-10-22", *_signed_args(paths)], DSL_PASSWORD),
        ]
    )
    assert with_terms.code == 0, with_terms.stderr
    assert with_terms.lines()[0] == "DUE 05/11/2026"
    assert "Counted: School days from the term dates and closure days entered." in with_terms.stdout
    assert without.lines()[0] == "DUE 29/10/2026"
    for done in (refused, wrong, unknown):
        assert done.code == 2
        assert done.stdout == ""
        cli.assert_one_clean_line(done)
    assert "see statutory deadlines" in refused.stderr
    assert "wrong user name or password" in wrong.stderr
    assert "There is no timescale called “T42”" in unknown.stderr


def test_a_data_folder_needs_a_user(paths: StorePaths) -> None:
    done = cli.run(["deadline", "T1", "2026-08-28", "--data-dir", str(paths.root)])
    assert done.code == 2
    assert "--user NAME and --password-stdin" in done.stderr
    cli.assert_one_clean_line(done)


def test_the_service_uses_the_closure_days_from_settings(dsl: SignedIn) -> None:
    before = deadline_for(dsl, rule_id="T7", start=dt.date(2026, 10, 22))
    assert before.due == dt.date(2026, 10, 29)
    assert "No term dates entered" in before.note
    update_settings(dsl, changes={"terms.closures": HALF_TERM})
    after = deadline_for(dsl, rule_id="T7", start=dt.date(2026, 10, 22))
    assert after.due == dt.date(2026, 11, 5)
    working = deadline_for(dsl, rule_id="T1", start=dt.date(2026, 10, 23))
    assert working.due == dt.date(2026, 10, 26)  # closures are not working-day rules
    with pytest.raises(ValidationError) as caught:
        deadline_for(dsl, rule_id="T0", start=dt.date(2026, 10, 22))
    assert caught.value.field == "rule"
