"""Every service refuses every role the permission table leaves out, and audits the refusal.

``CALLS`` says how to call each service function that checks an action. Two guards keep
it from rotting: every ``Action`` must have a service here, and the services that gate on
an action (found by reading their source) must be exactly the ones listed, under the same
action. A later feature that adds an action or a service fails here until it is listed.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import wtsc_desktop.services as services_package
from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from tests.raw_store import keyed, sha256, snapshot
from tests.register_csv import one_row_preview
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import PermissionDenied, WtscError
from wtsc_desktop.guidance.categories import Part, Threshold
from wtsc_desktop.guidance.referral_routes import (
    EscalationReason,
    ReferralMethod,
    ReferralOutcome,
    ReferralRoute,
)
from wtsc_desktop.guidance.special_routes import SpecialRoute
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services import (
    accounts,
    agencies,
    archive_and_merge,
    audit_log,
    backups,
    child_contacts,
    child_import,
    children,
    chronology,
    concern_lists,
    concerns,
    dashboard,
    deadlines,
    drafts,
    exports,
    inbox,
    integrity,
    plan_deadlines,
    plans,
    referral_deadlines,
    referral_exports,
    referrals,
    search,
    settings,
    special_route_deadlines,
    special_routes,
    transfers,
    triage,
)
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.child_types import ChildDetails, ContactDetails
from wtsc_desktop.services.concern_types import ChildInConcern, NewConcern
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import PERMISSIONS, Action, Profession, Role, allowed

GATES = {"unit", "reading_as", "require"}


@dataclass
class Caller:
    """What a call needs: the person signed in, their password, and the store."""

    signed: SignedIn
    user_name: str
    password: str
    paths: StorePaths
    clock: FixedClock
    folder: Path
    dsl_backup: Path
    other_user_id: int


@dataclass(frozen=True)
class Call:
    action: Action
    run: Callable[[Caller], object]


def _backup_source(c: Caller) -> Path:
    return c.dsl_backup


CALLS: dict[str, Call] = {
    "accounts.list_users": Call(Action.MANAGE_USERS, lambda c: accounts.list_users(c.signed)),
    "accounts.add_user": Call(
        Action.MANAGE_USERS,
        lambda c: accounts.add_user(
            c.signed,
            user_name="added.by.someone",
            full_name="Invented Newcomer",
            role=Role.DSL,
            profession=Profession.OTHER,
            password="granted quietly 5093 elm",
        ),
    ),
    "accounts.reset_password": Call(
        Action.MANAGE_USERS,
        lambda c: accounts.reset_password(
            c.signed, user_id=c.other_user_id, new_password="taken over 7710 pine"
        ),
    ),
    "accounts.change_role": Call(
        Action.MANAGE_USERS,
        lambda c: accounts.change_role(
            c.signed, user_id=c.signed.actor.user_id, role=Role.DSL, profession=Profession.OTHER
        ),
    ),
    "accounts.deactivate_user": Call(
        Action.MANAGE_USERS,
        lambda c: accounts.deactivate_user(c.signed, user_id=c.other_user_id),
    ),
    "accounts.rotate_key": Call(
        Action.ROTATE_KEY, lambda c: accounts.rotate_key(c.signed, password=c.password)
    ),
    "accounts.change_own_password": Call(
        Action.CHANGE_OWN_PASSWORD,
        lambda c: accounts.change_own_password(
            c.signed, old_password=c.password, new_password="my next choice 3348 ash"
        ),
    ),
    "settings.update_settings": Call(
        Action.CHANGE_SETTINGS,
        lambda c: settings.update_settings(c.signed, changes={"org.address": "1 Invented Way"}),
    ),
    "audit_log.list_events": Call(Action.VIEW_AUDIT_LOG, lambda c: audit_log.list_events(c.signed)),
    "audit_log.count_events": Call(
        Action.VIEW_AUDIT_LOG, lambda c: audit_log.count_events(c.signed)
    ),
    "audit_log.action_names": Call(
        Action.VIEW_AUDIT_LOG, lambda c: audit_log.action_names(c.signed)
    ),
    "audit_log.chain_head_text": Call(
        Action.VIEW_AUDIT_LOG, lambda c: audit_log.chain_head_text(c.signed)
    ),
    "audit_log.user_names": Call(
        Action.VIEW_AUDIT_LOG,
        lambda c: audit_log.user_names(c.signed),
    ),
    "audit_log.check_chain": Call(
        Action.VIEW_AUDIT_LOG,
        lambda c: audit_log.check_chain(c.signed),
    ),
    "backups.backup_to": Call(
        Action.MAKE_BACKUP,
        lambda c: backups.backup_to(c.signed, target=c.folder / "taken.wtscbackup"),
    ),
    "backups.test_restore": Call(
        Action.MAKE_BACKUP,
        lambda c: backups.test_restore(c.signed, source=_backup_source(c), password=c.password),
    ),
    "backups.restore": Call(
        Action.RESTORE_BACKUP,
        lambda c: backups.restore(
            c.paths,
            source=_backup_source(c),
            user_name=c.user_name,
            password=c.password,
            clock=c.clock,
        ),
    ),
    "integrity.verify_store": Call(
        Action.VERIFY_STORE,
        lambda c: integrity.verify_store(
            c.paths, user_name=c.user_name, password=c.password, clock=c.clock
        ),
    ),
    "children.add_child": Call(
        Action.EDIT_CHILDREN,
        lambda c: children.add_child(
            c.signed,
            legal_forename="Invented",
            legal_surname="Child",
            date_of_birth=dt.date(2015, 5, 1),
        ),
    ),
    "children.count_children": Call(
        Action.VIEW_CHILDREN, lambda c: children.count_children(c.signed)
    ),
    "children.pick_children": Call(
        Action.PICK_CHILD, lambda c: children.pick_children(c.signed, text="Inv")
    ),
    "children.update_child": Call(
        Action.EDIT_CHILDREN,
        lambda c: children.update_child(
            c.signed, child_id=1, details=ChildDetails("Invented", "Child")
        ),
    ),
    "children.get_child": Call(
        Action.VIEW_CHILDREN, lambda c: children.get_child(c.signed, child_id=1)
    ),
    "children.list_children": Call(
        Action.VIEW_CHILDREN, lambda c: children.list_children(c.signed)
    ),
    "children.child_ids": Call(Action.VIEW_CHILDREN, lambda c: children.child_ids(c.signed)),
    "children.children_by_id": Call(
        Action.VIEW_CHILDREN, lambda c: children.children_by_id(c.signed, ids=[1])
    ),
    "archive_and_merge.archive_child": Call(
        Action.EDIT_CHILDREN,
        lambda c: archive_and_merge.archive_child(c.signed, child_id=1, reason="Left"),
    ),
    "archive_and_merge.unarchive_child": Call(
        Action.EDIT_CHILDREN, lambda c: archive_and_merge.unarchive_child(c.signed, child_id=1)
    ),
    "archive_and_merge.merge_children": Call(
        Action.EDIT_CHILDREN,
        lambda c: archive_and_merge.merge_children(c.signed, keep_id=1, merge_id=2),
    ),
    "child_contacts.add_contact": Call(
        Action.EDIT_CHILDREN,
        lambda c: child_contacts.add_contact(
            c.signed, child_id=1, contact=ContactDetails("Invented Parent")
        ),
    ),
    "child_contacts.update_contact": Call(
        Action.EDIT_CHILDREN,
        lambda c: child_contacts.update_contact(
            c.signed, contact_id=1, contact=ContactDetails("Invented Parent")
        ),
    ),
    "child_contacts.remove_contact": Call(
        Action.EDIT_CHILDREN, lambda c: child_contacts.remove_contact(c.signed, contact_id=1)
    ),
    "child_import.preview_import": Call(
        Action.EDIT_CHILDREN,
        lambda c: child_import.preview_import(
            c.signed,
            data=b"UPN,Forename,Surname\r\nP1,Invented,Child\r\n",
            mapping={
                "external_id": "UPN",
                "legal_forename": "Forename",
                "legal_surname": "Surname",
            },
        ),
    ),
    "child_import.commit_import": Call(
        Action.EDIT_CHILDREN,
        lambda c: child_import.commit_import(c.signed, preview=one_row_preview()),
    ),
    "chronology.chronology": Call(
        Action.VIEW_CHILDREN, lambda c: chronology.chronology(c.signed, child_id=1)
    ),
    "concern_lists.count_concerns": Call(
        Action.VIEW_OWN_CONCERNS, lambda c: concern_lists.count_concerns(c.signed)
    ),
    "concern_lists.list_concerns": Call(
        Action.VIEW_OWN_CONCERNS, lambda c: concern_lists.list_concerns(c.signed)
    ),
    "search.search": Call(Action.VIEW_OWN_CONCERNS, lambda c: search.search(c.signed, text="Inv")),
    "concerns.submit_concern": Call(
        Action.LOG_CONCERN,
        lambda c: concerns.submit_concern(
            c.signed,
            concern=NewConcern(
                immediate_danger=False,
                children=(ChildInConcern(Part.SUBJECT, description="an invented child"),),
                observed_at=c.clock.now(),
                location="The invented hall",
                child_words="",
                observed="An invented observation for a permission test.",
                categories=("physical",),
            ),
        ),
    ),
    "concerns.get_concern": Call(
        Action.VIEW_OWN_CONCERNS, lambda c: concerns.get_concern(c.signed, concern_id=1)
    ),
    "concerns.attachment_data": Call(
        Action.VIEW_OWN_CONCERNS, lambda c: concerns.attachment_data(c.signed, attachment_id=1)
    ),
    "concerns.add_addendum": Call(
        Action.VIEW_OWN_CONCERNS,
        lambda c: concerns.add_addendum(c.signed, concern_id=1, text="An invented later fact."),
    ),
    "dashboard.dashboard": Call(Action.TRIAGE, lambda c: dashboard.dashboard(c.signed)),
    "inbox.inbox": Call(Action.TRIAGE, lambda c: inbox.inbox(c.signed)),
    "inbox.unacknowledged_count": Call(
        Action.TRIAGE, lambda c: inbox.unacknowledged_count(c.signed)
    ),
    "inbox.acknowledge": Call(Action.TRIAGE, lambda c: inbox.acknowledge(c.signed, concern_id=1)),
    "triage.record_decision": Call(
        Action.TRIAGE,
        lambda c: triage.record_decision(
            c.signed,
            concern_id=1,
            decision=triage.TriageInput(
                threshold=Threshold.MONITOR, rationale="An invented rationale."
            ),
        ),
    ),
    "triage.complete_action": Call(
        Action.TRIAGE, lambda c: triage.complete_action(c.signed, action_id=1)
    ),
    "triage.decisions_for": Call(
        Action.TRIAGE, lambda c: triage.decisions_for(c.signed, concern_id=1)
    ),
    "triage.open_actions": Call(Action.TRIAGE, lambda c: triage.open_actions(c.signed)),
    "triage.action_owners": Call(Action.TRIAGE, lambda c: triage.action_owners(c.signed)),
    "drafts.save_draft": Call(
        Action.KEEP_DRAFTS,
        lambda c: drafts.save_draft(c.signed, kind="note", payload={"text": "invented"}),
    ),
    "drafts.my_drafts": Call(Action.KEEP_DRAFTS, lambda c: drafts.my_drafts(c.signed)),
    "drafts.discard_draft": Call(
        Action.KEEP_DRAFTS, lambda c: drafts.discard_draft(c.signed, draft_id=1)
    ),
    "deadlines.deadline_for": Call(
        Action.VIEW_DEADLINES,
        lambda c: deadlines.deadline_for(c.signed, rule_id="T7", start=dt.date(2026, 11, 2)),
    ),
    "referrals.make_referral": Call(
        Action.MAKE_REFERRALS,
        lambda c: referrals.make_referral(
            c.signed,
            referral=referrals.NewReferral(
                child_id=1,
                route=ReferralRoute.SOCIAL_CARE,
                made_at=c.clock.now(),
                method=ReferralMethod.PORTAL,
                agency="Invented County MASH",
                family_aware=True,
                family_consents=True,
            ),
        ),
    ),
    "referrals.record_confirmation": Call(
        Action.MAKE_REFERRALS,
        lambda c: referrals.record_confirmation(
            c.signed, referral_id=1, sent_at=c.clock.now(), method=ReferralMethod.PORTAL
        ),
    ),
    "referrals.record_agency_decision": Call(
        Action.MAKE_REFERRALS,
        lambda c: referrals.record_agency_decision(
            c.signed,
            referral_id=1,
            decided_at=c.clock.now(),
            decision="Invented decision.",
            outcome=ReferralOutcome.NO_FURTHER_ACTION,
        ),
    ),
    "referrals.add_escalation": Call(
        Action.MAKE_REFERRALS,
        lambda c: referrals.add_escalation(
            c.signed,
            referral_id=1,
            reason=EscalationReason.NO_REPLY,
            step="Invented step",
            by_whom="Invented DSL",
            at=c.clock.now(),
        ),
    ),
    "referrals.get_referral": Call(
        Action.MAKE_REFERRALS, lambda c: referrals.get_referral(c.signed, referral_id=1)
    ),
    "referrals.referrals_for_child": Call(
        Action.MAKE_REFERRALS, lambda c: referrals.referrals_for_child(c.signed, child_id=1)
    ),
    "referral_deadlines.referral_clocks": Call(
        Action.MAKE_REFERRALS,
        lambda c: referral_deadlines.referral_clocks(
            c.signed, today=dt.date(2026, 9, 2), due_by=dt.date(2026, 9, 9)
        ),
    ),
    "plans.record_meeting": Call(
        Action.MAKE_REFERRALS,
        lambda c: plans.record_meeting(
            c.signed,
            meeting=plans.NewMeeting(
                child_id=1,
                kind=plans.MeetingKind.STRATEGY,
                held_on=dt.date(2026, 9, 1),
                attended=True,
                attendee="Invented Deputy",
            ),
        ),
    ),
    "plans.start_plan": Call(
        Action.MAKE_REFERRALS,
        lambda c: plans.start_plan(c.signed, child_id=1, started_on=dt.date(2026, 9, 1)),
    ),
    "plans.end_plan": Call(
        Action.MAKE_REFERRALS,
        lambda c: plans.end_plan(c.signed, plan_id=1, ended_on=dt.date(2026, 9, 1)),
    ),
    "plans.meetings_for_child": Call(
        Action.MAKE_REFERRALS, lambda c: plans.meetings_for_child(c.signed, child_id=1)
    ),
    "plans.plans_for_child": Call(
        Action.MAKE_REFERRALS, lambda c: plans.plans_for_child(c.signed, child_id=1)
    ),
    "plan_deadlines.case_clocks": Call(
        Action.MAKE_REFERRALS,
        lambda c: plan_deadlines.case_clocks(
            c.signed, today=dt.date(2026, 9, 2), due_by=dt.date(2026, 9, 9)
        ),
    ),
    "transfers.record_transfer": Call(
        Action.MAKE_REFERRALS,
        lambda c: transfers.record_transfer(
            c.signed,
            transfer=transfers.NewTransfer(
                child_id=1,
                new_setting="Invented Academy",
                new_dsl_name="Invented Lead",
                last_day=dt.date(2026, 9, 1),
            ),
        ),
    ),
    "transfers.record_sent": Call(
        Action.MAKE_REFERRALS,
        lambda c: transfers.record_sent(
            c.signed,
            transfer_id=1,
            sent_on=dt.date(2026, 9, 1),
            method=transfers.TransferMethod.HAND_DELIVERY,
            kept_separate=True,
        ),
    ),
    "transfers.confirm_receipt": Call(
        Action.MAKE_REFERRALS,
        lambda c: transfers.confirm_receipt(
            c.signed, transfer_id=1, received_by="Invented Lead", received_on=dt.date(2026, 9, 1)
        ),
    ),
    "agencies.agency_directory": Call(
        Action.MAKE_REFERRALS, lambda c: agencies.agency_directory(c.signed)
    ),
    "agencies.escalation_steps": Call(
        Action.MAKE_REFERRALS, lambda c: agencies.escalation_steps(c.signed)
    ),
    "transfers.transfers_for_child": Call(
        Action.MAKE_REFERRALS, lambda c: transfers.transfers_for_child(c.signed, child_id=1)
    ),
    "exports.export_chronology_pdf": Call(
        Action.EXPORT_RECORDS,
        lambda c: exports.export_chronology_pdf(
            c.signed, child_id=1, target=c.folder / "chronology.pdf"
        ),
    ),
    "exports.export_concern_pdf": Call(
        Action.VIEW_OWN_CONCERNS,
        lambda c: exports.export_concern_pdf(c.signed, concern_id=1, target=c.folder / "c.pdf"),
    ),
    "referral_exports.export_referral_pdf": Call(
        Action.MAKE_REFERRALS,
        lambda c: referral_exports.export_referral_pdf(
            c.signed, referral_id=1, target=c.folder / "r.pdf"
        ),
    ),
    "referral_exports.export_transfer_pack_pdf": Call(
        Action.MAKE_REFERRALS,
        lambda c: referral_exports.export_transfer_pack_pdf(
            c.signed, transfer_id=1, target=c.folder / "t.pdf"
        ),
    ),
    "special_routes.advise": Call(
        Action.LOG_CONCERN,
        lambda c: special_routes.advise(c.signed, route=SpecialRoute.MODERN_SLAVERY),
    ),
    "special_routes.record_fgm_report": Call(
        Action.RECORD_OWN_FGM_REPORT,
        lambda c: special_routes.record_fgm_report(
            c.signed,
            child_id=1,
            learned_on=dt.date(2026, 9, 1),
            reported_at=c.clock.now(),
            police_reference="INV-1",
        ),
    ),
    "special_route_deadlines.concern_routes": Call(
        Action.VIEW_OWN_CONCERNS,
        lambda c: special_route_deadlines.concern_routes(c.signed, concern_id=1),
    ),
    "special_route_deadlines.fgm_clocks": Call(
        Action.VIEW_DEADLINES,
        lambda c: special_route_deadlines.fgm_clocks(
            c.signed, today=dt.date(2026, 9, 2), due_by=dt.date(2026, 9, 9)
        ),
    ),
}


# Actions no service gates on, each with the reason. The guards below fail as soon as a
# service starts checking one of them, so that it moves into CALLS; the list only shrinks.
NOT_A_GATE: dict[Action, str] = {
    Action.VIEW_CONCERNS: (
        "widens what VIEW_OWN_CONCERNS shows: someone else's concern answers NotFound, "
        "so as not to reveal that it exists (tests/test_concerns.py)"
    ),
}


# --- the guards ----------------------------------------------------------------------


def _gated_services() -> dict[str, set[Action]]:
    """Each public service function and the actions it checks with unit/reading_as/require."""
    found: dict[str, set[Action]] = {}
    for module in pkgutil.iter_modules(services_package.__path__):
        source = Path(services_package.__path__[0], f"{module.name}.py")
        tree = ast.parse(source.read_text("utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            actions = {
                Action[arg.attr]
                for call in ast.walk(node)
                if isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in GATES
                for arg in call.args
                if isinstance(arg, ast.Attribute)
                and isinstance(arg.value, ast.Name)
                and arg.value.id == "Action"
            }
            if actions:
                found[f"{module.name}.{node.name}"] = actions
    return found


def test_every_action_has_a_service_in_the_matrix() -> None:
    listed = {call.action for call in CALLS.values()}
    missing = [action.name for action in Action if action not in listed | set(NOT_A_GATE)]
    assert not missing, f"add the services that check these actions to CALLS: {missing}"
    assert not listed & set(NOT_A_GATE), "an action in CALLS is still listed in NOT_A_GATE"
    assert set(PERMISSIONS) == set(Action)


def test_the_actions_said_not_to_be_gates_are_checked_by_no_service() -> None:
    gating = {action for actions in _gated_services().values() for action in actions}
    assert not gating & set(NOT_A_GATE), "move these into CALLS and out of NOT_A_GATE"


def test_the_matrix_lists_exactly_the_services_that_check_an_action() -> None:
    gated = _gated_services()
    assert len(gated) >= 20, "the source scan found too little to be trusted"
    unlisted = sorted(set(gated) - set(CALLS))
    assert not unlisted, f"these services check an action: add each to CALLS above: {unlisted}"
    gone = sorted(set(CALLS) - set(gated))
    assert not gone, f"these services no longer check an action: remove them from CALLS: {gone}"
    moved = {n: sorted(gated[n]) for n, call in CALLS.items() if gated[n] != {call.action}}
    assert not moved, f"these services check another action than CALLS says: {moved}"
    for name in CALLS:
        module, function = name.split(".")
        assert callable(
            getattr(importlib.import_module(f"wtsc_desktop.services.{module}"), function)
        )


# --- the refusals ----------------------------------------------------------------------


def _refusal_cases() -> Iterator[Any]:
    for name, call in CALLS.items():
        for role in Role:
            if not allowed(role, call.action):
                yield pytest.param(name, role, id=f"{name}-{role.value}")


def _events_after(paths: StorePaths, seq: int) -> list[dict[str, Any]]:
    with keyed(paths) as conn:
        cursor = conn.execute(
            "SELECT seq, user_id, action, outcome, record_type, record_id FROM audit_event "
            "WHERE seq > ? ORDER BY seq",
            (seq,),
        )
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]


def _user_id(paths: StorePaths, user_name: str) -> int:
    with keyed(paths) as conn:
        query = "SELECT id FROM app_user WHERE user_name = ?"
        return int(conn.execute(query, (user_name,)).fetchone()[0])


def _newest_seq(paths: StorePaths) -> int:
    with keyed(paths) as conn:
        return int(conn.execute("SELECT max(seq) FROM audit_event").fetchone()[0])


def _records(paths: StorePaths) -> dict[str, list[dict[str, Any]]]:
    tables = snapshot(paths)
    for table in ("audit_event", "audit_head"):
        tables.pop(table)
    for row in tables["app_user"]:
        row.pop("last_sign_in_at")
    return tables


@pytest.fixture(scope="module")
def dsl_backup(tmp_path_factory: pytest.TempPathFactory, template_store: dict[str, object]) -> Path:
    """A good backup of the template store, made by its DSL (for the restore calls)."""
    source = template_store["paths"]
    assert isinstance(source, StorePaths)
    copy = StorePaths(tmp_path_factory.mktemp("backup-source") / "store")
    shutil.copytree(source.root, copy.root)
    signed = sign_in(copy, user_name=DSL_USER, password=DSL_PASSWORD, clock=FixedClock())
    try:
        return backups.backup_to(signed, target=copy.root.parent / "dsl.wtscbackup").path
    finally:
        signed.lock()


@pytest.mark.parametrize(("name", "role"), list(_refusal_cases()))
def test_a_role_the_table_leaves_out_is_refused_and_the_refusal_is_audited(
    paths: StorePaths, clock: FixedClock, tmp_path: Path, dsl_backup: Path, name: str, role: Role
) -> None:
    call = CALLS[name]
    user_name, password = ROLE_USERS[role]
    signed = sign_in(paths, user_name=user_name, password=password, clock=clock)
    caller = Caller(
        signed=signed,
        user_name=user_name,
        password=password,
        paths=paths,
        clock=clock,
        folder=tmp_path,
        dsl_backup=dsl_backup,
        other_user_id=_user_id(paths, DSL_USER),
    )
    records, slots, newest = _records(paths), sha256(paths.key_slots), _newest_seq(paths)

    try:
        with pytest.raises(PermissionDenied) as refused:
            call.run(caller)
    finally:
        signed.lock()

    assert refused.value.action == call.action.value
    events = _events_after(paths, newest)
    refusals = [e for e in events if e["outcome"] == "refused"]
    assert refusals == [events[-1]], events
    assert refusals[0]["action"] == call.action.value
    assert refusals[0]["user_id"] == signed.actor.user_id
    assert (refusals[0]["record_type"], refusals[0]["record_id"]) == ("", "")
    assert {e["action"] for e in events[:-1]} <= {"signed in"}, events
    assert _records(paths) == records, "a refused call changed a record"
    assert sha256(paths.key_slots) == slots, "a refused call changed a key slot"
    assert not list(tmp_path.glob("*.wtscbackup"))


def test_every_role_is_refused_something_or_is_the_dsl() -> None:
    # The refusal matrix above is not empty for any role but the DSL.
    refused_roles = {
        role for _, call in CALLS.items() for role in Role if not allowed(role, call.action)
    }
    assert refused_roles == set(Role) - {Role.DSL}


@pytest.mark.parametrize(
    "name",
    [
        n
        for n, call in CALLS.items()
        if call.action in (Action.KEEP_DRAFTS, Action.CHANGE_OWN_PASSWORD)
    ],
)
def test_a_switched_off_account_is_refused_even_what_everyone_may_do(
    paths: StorePaths, clock: FixedClock, tmp_path: Path, dsl_backup: Path, name: str
) -> None:
    """The role is read again at each call: switching someone off stops their open session."""
    user_name, password = ROLE_USERS[Role.REPORTER]
    signed = sign_in(paths, user_name=user_name, password=password, clock=clock)
    lead = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    accounts.deactivate_user(lead, user_id=signed.actor.user_id)
    lead.lock()
    newest = _newest_seq(paths)
    other = _user_id(paths, DSL_USER)
    caller = Caller(signed, user_name, password, paths, clock, tmp_path, dsl_backup, other)

    try:
        with pytest.raises(PermissionDenied) as refused:
            CALLS[name].run(caller)
    finally:
        signed.lock()

    assert refused.value.role == "no account"
    (event,) = _events_after(paths, newest)
    assert (event["outcome"], event["user_id"]) == ("refused", signed.actor.user_id)


def test_the_dsl_may_call_every_service_in_the_matrix(
    paths: StorePaths, clock: FixedClock, tmp_path: Path, dsl_backup: Path
) -> None:
    """The other side of the table: nothing above fails for a reason other than the role."""
    signed = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    reporter = next(u.id for u in accounts.list_users(signed) if u.role is Role.REPORTER)
    caller = Caller(signed, DSL_USER, DSL_PASSWORD, paths, clock, tmp_path, dsl_backup, reporter)
    order = sorted(CALLS, key=lambda n: n in ("accounts.rotate_key", "backups.restore"))
    failures = {}
    try:
        for name in order:
            if name == "accounts.change_own_password":
                continue  # the password would then differ from the one the other calls use
            try:
                CALLS[name].run(caller)
            except PermissionDenied as exc:
                failures[name] = str(exc)
            except WtscError:
                pass  # refused for another reason (e.g. no such draft): not a permission
    finally:
        signed.lock()
    assert failures == {}
