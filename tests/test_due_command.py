"""``wtsc-desktop due``: S1 listed as of Wednesday 2 September 2026 and gone once the
decision is recorded; references without names unless asked; spreadsheet-safe CSV; and
nothing written but the sign-in."""

from __future__ import annotations

import csv
import datetime as dt
import io

from sqlalchemy import func, select

from tests import cli_process as cli
from tests.casework import a_child, london
from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from tests.test_referrals import _at, _s1
from tests.test_transfers import TERMS, _transfer
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.guidance.categories import Threshold
from wtsc_desktop.guidance.referral_routes import ReferralOutcome
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.context import SignedIn, reading
from wtsc_desktop.services.due_list import spreadsheet_safe
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.plans import MeetingKind, NewMeeting, record_meeting
from wtsc_desktop.services.referrals import get_referral, record_agency_decision
from wtsc_desktop.services.settings import update_settings
from wtsc_desktop.services.triage import ActionInput, TriageInput, record_decision
from wtsc_desktop.store.models import AuditEvent


def _due(paths: StorePaths, *extra: str, user: str = DSL_USER, password: str = DSL_PASSWORD):
    args = ["due", "--data-dir", str(paths.root), "--user", user, "--password-stdin", *extra]
    return cli.run(args, password)


def _events(signed: SignedIn) -> list[tuple[str, str]]:
    with reading(signed.store) as session:
        return [(e.action, e.record_type) for e in session.scalars(select(AuditEvent))]


def test_s1_is_listed_as_of_wednesday_and_not_after_the_decision(
    paths: StorePaths, dsl: SignedIn, clock: FixedClock
) -> None:
    child, referral = _s1(dsl, clock)
    before = _events(dsl)
    done = _due(paths, "--as-of", "2026-09-02")
    assert done.code == 0, done.stderr
    assert done.lines()[0] == "Due and overdue as of 02/09/2026:"
    (line,) = [x for x in done.lines() if "No decision yet" in x]
    assert line == (
        f"OVERDUE 01/09/2026 T1 [referral {referral}, child {child}] "
        "No decision yet — chase or escalate"
    )
    assert "working days" in done.stdout and "Working Together" in done.stdout
    assert "Brightwater" not in done.stdout and "Zoë" not in done.stdout
    # It only reads: the one new audit event is the sign-in.
    added = _events(dsl)[len(before) :]
    assert len(added) == 1 and added[0][1] != "referral"
    assert get_referral(dsl, referral_id=referral).decision_at is None

    named = _due(paths, "--as-of", "2026-09-02", "--names")
    assert "Zoë Brightwater" in named.stdout

    on_tuesday = _due(paths, "--as-of", "2026-09-01")
    assert "Decision expected by 01/09/2026" in on_tuesday.stdout
    assert "No decision yet" not in on_tuesday.stdout

    _at(clock, london(2026, 9, 2, 11))
    record_agency_decision(
        dsl,
        referral_id=referral,
        decided_at=london(2026, 9, 2, 10),
        decision="Invented: child-in-need assessment.",
        outcome=ReferralOutcome.CHILD_IN_NEED,
    )
    after = _due(paths, "--as-of", "2026-09-02")
    assert after.code == 0, after.stderr
    assert f"referral {referral}" not in after.stdout


def test_csv_cells_that_look_like_formulas_are_written_as_text(
    paths: StorePaths, dsl: SignedIn, clock: FixedClock
) -> None:
    _child, _referral = _s1(dsl, clock)
    concern = 1
    record_decision(
        dsl,
        concern_id=concern,
        decision=TriageInput(
            threshold=Threshold.MONITOR,
            rationale="Invented rationale.",
            review_on=dt.date(2026, 9, 20),
            actions=(
                ActionInput(
                    '=HYPERLINK("http://invented.example")', dt.date(2026, 9, 3), None, "-Kim"
                ),
            ),
        ),
    )
    done = _due(paths, "--as-of", "2026-09-02", "--csv", "--names")
    assert done.code == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0][:4] == ["status", "due", "rule", "records"]
    (action,) = [r for r in rows if r[3].startswith("action")]
    assert action[4] == '\'=HYPERLINK("http://invented.example")'
    assert action[5] == "owner: -Kim"  # not quoted: it does not start the cell
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    plain = _due(paths, "--as-of", "2026-09-02", "--csv")
    assert "HYPERLINK" not in plain.stdout  # without --names, no typed text at all


def test_spreadsheet_safe() -> None:
    for risky in ("=1+1", "+44 7000", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_safe(risky) == "'" + risky
    assert spreadsheet_safe("referral 3, child 12") == "referral 3, child 12"
    assert spreadsheet_safe("") == ""


def test_refusals_and_bad_dates_exit_2(paths: StorePaths) -> None:
    user, password = ROLE_USERS[Role.REPORTER]
    refused = _due(paths, user=user, password=password)
    bad = _due(paths, "--as-of", "02/09/2026")
    for done in (refused, bad):
        assert done.code == 2
        assert done.stdout == ""
        cli.assert_one_clean_line(done)
    assert "YYYY-MM-DD" in bad.stderr


def test_an_empty_list_says_so(paths: StorePaths) -> None:
    done = _due(paths, "--as-of", "2026-09-02")
    assert done.code == 0, done.stderr
    assert done.lines() == ["Nothing due or overdue as of 02/09/2026."]


def test_the_sign_in_is_the_only_write(paths: StorePaths, dsl: SignedIn) -> None:
    with reading(dsl.store) as session:
        count = session.scalar(select(func.count()).select_from(AuditEvent))
    assert _due(paths).code == 0
    with reading(dsl.store) as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == (count or 0) + 1


def test_plan_and_transfer_clocks_are_listed_with_their_kind_of_days(
    paths: StorePaths, dsl: SignedIn, clock: FixedClock
) -> None:
    """S2 (T3 after a strategy discussion) and S7 (T7 in school days) in the morning list."""
    _at(clock, london(2026, 11, 2, 16))
    update_settings(dsl, changes={"terms.dates": TERMS})
    child = a_child(dsl, "Łucja", "Nowak")
    record_meeting(
        dsl,
        meeting=NewMeeting(
            child_id=child,
            kind=MeetingKind.STRATEGY,
            held_on=dt.date(2026, 11, 2),
            attended=True,
            attendee="Invented DSL",
            s47_started=True,
        ),
    )
    transfer = _transfer(dsl, child, dt.date(2026, 11, 2))
    done = _due(paths, "--as-of", "2026-11-19", "--csv")
    assert done.code == 0, done.stderr
    rows = {row["rule"]: row for row in csv.DictReader(io.StringIO(done.stdout))}
    assert rows.keys() == {"T3", "T7"}
    assert (rows["T3"]["due"], rows["T3"]["kind of days"]) == ("23/11/2026", "working days")
    assert (rows["T7"]["due"], rows["T7"]["kind of days"]) == ("09/11/2026", "school days")
    assert rows["T7"]["status"] == "OVERDUE" and rows["T3"]["status"] != "OVERDUE"
    assert rows["T7"]["records"] == f"transfer {transfer}, child {child}"
    assert "Nowak" not in done.stdout
