"""The command line: start the app, or run a headless command for IT staff and scripts.

Exit codes: 0 success; 1 a check found a problem; 2 wrong credentials or bad usage. Every
failure prints one plain line, never a traceback. Passwords come only on standard input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wtsc_desktop import APP_NAME, __version__
from wtsc_desktop.clock import SystemClock
from wtsc_desktop.errors import (
    BackupInvalid,
    PermissionDenied,
    StoreDamaged,
    TooManyAttempts,
    ValidationError,
    WrongCredentials,
    WtscError,
)
from wtsc_desktop.paths import StorePaths, store_paths

if TYPE_CHECKING:
    from wtsc_desktop.guidance.timescales import Deadline

OK, PROBLEM, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line and exit 2, as for every other refusal.
        self.exit(USAGE, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="wtsc-desktop", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", help="the folder of the record store")
    parser.add_argument("--demo", action="store_true", help="open an invented demo store")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, help_text: str, *, user: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--data-dir", required=True, help="the folder of the record store")
        if user:
            sub.add_argument("--user", required=True, help="your user name")
            sub.add_argument(
                "--password-stdin",
                action="store_true",
                required=True,
                help="read the password from standard input",
            )
        return sub

    init = command("init", "create a new record store and print its recovery key", user=False)
    init.add_argument("--organisation", required=True)
    init.add_argument(
        "--type",
        required=True,
        choices=["school", "early_years", "sports_club", "charity", "other"],
    )
    init.add_argument("--user", required=True, help="the first DSL's user name")
    init.add_argument("--full-name", help="the first DSL's full name (default: the user name)")
    init.add_argument("--password-stdin", action="store_true", required=True)
    command("verify", "check the store's pages and its audit trail")
    backup = command("backup", "copy the store to a backup file")
    backup.add_argument("--to", required=True, type=Path)
    restore = command("restore", "replace the store with a checked backup")
    restore.add_argument("--from", dest="source", required=True, type=Path)
    deadline = commands.add_parser("deadline", help="print when a timescale (T1-T14) falls due")
    deadline.add_argument("rule", help="the rule's id in guidance.md, e.g. T1 or T5a")
    deadline.add_argument("start", help="the day of the event, as YYYY-MM-DD")
    deadline.add_argument("--data-dir", help="use this organisation's term dates")
    deadline.add_argument("--user", help="your user name (with --data-dir)")
    deadline.add_argument("--password-stdin", action="store_true")
    due = command("due", "list what is due and overdue, as the Dashboard shows it")
    due.add_argument("--as-of", help="run as of this day (YYYY-MM-DD) instead of today")
    due.add_argument("--csv", action="store_true", help="write CSV instead of plain lines")
    due.add_argument("--names", action="store_true", help="show names, not only references")
    return parser


def _password() -> str:
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def _init(args: argparse.Namespace, paths: StorePaths) -> int:
    from wtsc_desktop.services.setup import create_store

    made = create_store(
        paths,
        organisation={"org.name": args.organisation, "org.type": args.type},
        user_name=args.user,
        full_name=args.full_name or args.user,
        password=_password(),
        clock=SystemClock(),
    )
    print("Record store created. Recovery key (print it and keep it locked away):")
    print(made.recovery_key)
    return OK


def _verify(args: argparse.Namespace, paths: StorePaths) -> int:
    from wtsc_desktop.services.integrity import verify_store

    problems = verify_store(paths, user_name=args.user, password=_password(), clock=SystemClock())
    if problems:
        print(f"Problem found: {problems[0]}")
        return PROBLEM
    print("The record store and its audit trail passed every check.")
    return OK


def _backup(args: argparse.Namespace, paths: StorePaths) -> int:
    from wtsc_desktop.services.access import sign_in
    from wtsc_desktop.services.backups import backup_to

    signed = sign_in(paths, user_name=args.user, password=_password(), clock=SystemClock())
    try:
        made = backup_to(signed, target=args.to.expanduser().resolve())
    finally:
        signed.lock()
    print(f"Backup written to {made.path} (SHA-256 {made.sha256}).")
    return OK


def _restore(args: argparse.Namespace, paths: StorePaths) -> int:
    from wtsc_desktop.services.backups import restore

    restore(
        paths,
        source=args.source.expanduser().resolve(),
        user_name=args.user,
        password=_password(),
        clock=SystemClock(),
    )
    print("The backup passed every check and has been restored.")
    return OK


def _event_day(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValidationError("start", f"“{text}” is not a date: write it as YYYY-MM-DD.")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("start", f"“{text}” is not a date: write it as YYYY-MM-DD.") from None


_COUNTED = {
    "working days": "Monday to Friday less England and Wales bank holidays.",
    "days": "calendar days.",
    "months": "calendar months (a shorter month ends on its last day; not moved off a weekend).",
}


def _print_deadline(deadline: Deadline, *, with_store: bool) -> None:
    rule = deadline.rule
    print(f"DUE {deadline.due:%d/%m/%Y}")
    print(f"Rule: {rule.id}: {rule.what}")
    print(f"Unit: {deadline.unit.value} ({deadline.clock_text} from {deadline.start:%d/%m/%Y})")
    counted = deadline.note if deadline.unit.value == "school days" else ""
    if counted and not with_store:
        counted = "No data folder given. " + counted
    print(f"Counted: {counted or _COUNTED[deadline.unit.value]}")
    print(f"Whose clock: {deadline.whose_clock.value}; owed by {rule.owed_by}")
    print(f"Source: {deadline.source}; edition: {deadline.edition}")
    print(f"Wording: {deadline.wording}")
    if deadline.reading:
        print(f"The app's reading: {deadline.reading}")
    if deadline.note and deadline.unit.value != "school days":
        print(f"Note: {deadline.note}")


def _deadline(args: argparse.Namespace, paths: StorePaths) -> int:
    from wtsc_desktop.services.access import sign_in
    from wtsc_desktop.services.deadlines import deadline_for

    start = _event_day(args.start)
    if not (args.user and args.password_stdin):
        raise ValidationError("user", "With --data-dir, give --user NAME and --password-stdin.")
    signed = sign_in(paths, user_name=args.user, password=_password(), clock=SystemClock())
    try:
        deadline = deadline_for(signed, rule_id=args.rule, start=start)
    finally:
        signed.lock()
    _print_deadline(deadline, with_store=True)
    return OK


def _deadline_without_store(args: argparse.Namespace) -> int:
    from wtsc_desktop.guidance.timescales import UnknownRule, due_date

    try:
        deadline = due_date(args.rule, _event_day(args.start))
    except (UnknownRule, ValidationError) as exc:
        print(str(exc), file=sys.stderr)
        return USAGE
    _print_deadline(deadline, with_store=False)
    return OK


def _due(args: argparse.Namespace, paths: StorePaths) -> int:
    from wtsc_desktop.clock import LONDON, FixedClock, today_in_london
    from wtsc_desktop.services.access import sign_in
    from wtsc_desktop.services.dashboard import dashboard
    from wtsc_desktop.services.due_list import as_csv, as_text, due_rows

    as_of = None if args.as_of is None else _event_day(args.as_of)
    signed = sign_in(paths, user_name=args.user, password=_password(), clock=SystemClock())
    try:
        if as_of is not None:
            # Only reads follow the sign-in, so an "as of" clock changes nothing stored.
            noon = dt.datetime.combine(as_of, dt.time(12), LONDON).astimezone(dt.UTC)
            signed.store.clock = FixedClock(noon)
        board = dashboard(signed)
        today = today_in_london(signed.store.clock)
    finally:
        signed.lock()
    rows = due_rows(board, names=args.names)
    print(as_csv(rows) if args.csv else as_text(rows, as_of=f"{today:%d/%m/%Y}"), end="")
    if not args.csv:
        print()
    return OK


COMMANDS: dict[str, Callable[[argparse.Namespace, StorePaths], int]] = {
    "init": _init,
    "verify": _verify,
    "backup": _backup,
    "restore": _restore,
    "deadline": _deadline,
    "due": _due,
}


def _run_command(args: argparse.Namespace) -> int:
    from wtsc_desktop.logs import configure_headless

    paths = store_paths(args.data_dir)
    configure_headless(paths)
    try:
        return COMMANDS[args.command](args, paths)
    except WrongCredentials:
        print("wrong user name or password", file=sys.stderr)
        return USAGE
    except (TooManyAttempts, ValidationError, PermissionDenied) as exc:
        print(str(exc), file=sys.stderr)
        return USAGE
    except (StoreDamaged, BackupInvalid) as exc:
        print(f"Problem found: {exc}", file=sys.stderr)
        return PROBLEM
    except WtscError as exc:
        print(str(exc), file=sys.stderr)
        return PROBLEM
    except Exception as exc:  # noqa: BLE001 (a bug: one line here, the details in the log)
        from wtsc_desktop.logs import log_crash

        reference = log_crash(exc)
        print(
            f"Something went wrong inside {APP_NAME} (reference {reference}); "
            "the details are in the log folder.",
            file=sys.stderr,
        )
        return PROBLEM


def run(argv: list[str]) -> int:
    # Every file we create is ours alone (backups, logs, key slots, exports).
    os.umask(0o077)
    args = _parser().parse_args(argv)
    if args.command == "deadline" and args.data_dir is None:
        return _deadline_without_store(args)
    if args.command is not None:
        return _run_command(args)
    from wtsc_desktop.app import start_gui

    return int(start_gui(data_dir=args.data_dir, demo=args.demo))
