"""The "Log a concern" wizard through its real widgets: a whole concern stored field by
field, bad input kept and shown on its page, the attachment limit, what a reporter's
picker shows, and drafts (saved every few seconds, at a lock, and offered back).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from tests.casework import a_child, london
from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from tests.ui.accessibility import assert_accessible
from tests.ui.concern_driver import (
    ACTION,
    FACTS,
    LEFT,
    WORDS,
    W,
    click,
    log_concern,
    log_concern_from_window,
    next_page,
    open_wizard,
    tick,
    type_lines,
)
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.audit_log import AuditFilter, list_events
from wtsc_desktop.services.children import ChildChoice, add_child
from wtsc_desktop.services.concern_types import MAX_ATTACHMENT_BYTES, WORDS_GUIDANCE
from wtsc_desktop.services.concerns import attachment_data, get_concern
from wtsc_desktop.services.drafts import my_drafts
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.settings import update_settings
from wtsc_desktop.ui import toolbar
from wtsc_desktop.ui.dialogs import concern_wizard as cw
from wtsc_desktop.ui.dialogs.concern_wizard import CONCERN_DRAFT, ConcernWizard
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.main_window import MainWindow
from wtsc_desktop.ui.session import SessionFlow
from wtsc_desktop.ui.sign_in import SignInWidget
from wtsc_desktop.ui.views.home import HomeView


@pytest.fixture
def reporter(signed_in_as):
    return signed_in_as(Role.REPORTER)


@pytest.fixture
def zoe(dsl) -> int:
    return a_child(dsl)  # Zoë Brightwater, Year 9


def audit_actions(dsl, *actions: str) -> list[str]:
    events = []
    for action in actions:
        events += list_events(dsl, wanted=AuditFilter(action=action))
    return sorted(e.action for e in events)


def answered_offer(qtbot, wizard: ConcernWizard, button: str) -> str:
    """Answer the "a concern you started" question; returns what it said."""
    qtbot.waitUntil(lambda: wizard.findChild(QMessageBox, "draftOffer") is not None)
    box = wizard.findChild(QMessageBox, "draftOffer")
    assert_accessible(box)
    text = box.text()
    [chosen] = [b for b in box.buttons() if b.accessibleName() == button]
    qtbot.mouseClick(chosen, LEFT)
    return text


def test_a_reporter_logs_a_concern_with_a_mark_and_a_file(
    qtbot, dsl, zoe, reporter, clock, tmp_path: Path, bus: DataBus, announced
) -> None:
    update_settings(dsl, changes={"contacts.front_door_phone": "01632 960 000"})
    letter = tmp_path / "note from home.txt"
    letter.write_bytes("Zoë's note: <b>x</b> & café\n".encode())
    window = QWidget()
    qtbot.addWidget(window)
    # The toolbar's button opens the wizard, for a reporter as for everyone.
    [button] = [
        tool
        for tool in toolbar.toolbar_items(reporter, bus, window)
        if tool.accessibleName() == "Log a concern"
    ]
    assert isinstance(button, QPushButton)
    qtbot.mouseClick(button, LEFT)
    [wizard] = window.findChildren(ConcernWizard)
    qtbot.waitExposed(wizard)
    qtbot.mouseClick(button, LEFT)  # a second press brings the same wizard forward
    assert len(window.findChildren(ConcernWizard)) == 1

    # Yes, immediate danger: call 999, tell the DSL in person, with the local numbers.
    tick(qtbot, wizard.danger_page.yes)
    assert wizard.danger_page.panel.isVisible()
    advice = wizard.danger_page.advice.text()
    assert "999" in advice and "in person" in advice and "01632 960 000" in advice
    number = log_concern(qtbot, wizard, search="Zo", danger=True, attachment=letter)
    assert announced == ["concerns"]
    assert "cannot be changed" in wizard.done_page.message.text()
    assert "addendum" in wizard.done_page.message.text()

    record = get_concern(reporter, concern_id=number)
    assert record.immediate_danger and record.urgent
    assert [(c.part, c.child_id) for c in record.children] == [(Part.SUBJECT, zoe)]
    assert record.observed_at == london(2026, 9, 2, 9, 20) and record.observed_time_known
    assert record.recorded_at == clock.now()
    assert record.location == "The changing rooms"
    assert record.reporter_role == "Class teacher"
    assert record.reporter == "Class Teacher"
    assert record.child_words == "\n".join(WORDS)  # verbatim, the line break kept
    assert record.observed == FACTS and record.opinion == ""
    assert record.witnesses == "Sam Patel, teaching assistant"
    [mark] = record.marks
    assert (mark.number, mark.side, mark.label, mark.size) == (1, "front", "bruise, round", "3 cm")
    assert mark.x == pytest.approx(0.5, abs=0.01) and mark.y == pytest.approx(0.3, abs=0.01)
    assert record.categories == ("physical",)
    assert record.action_taken == ACTION
    assert record.told_whom == "Dana Lead, the DSL"
    assert record.told_at == london(2026, 9, 2, 9, 30)
    [attached] = record.attachments
    assert (attached.file_name, attached.media_type) == ("note from home.txt", "text/plain")
    assert attachment_data(reporter, attachment_id=attached.id) == (
        "note from home.txt",
        letter.read_bytes(),
    )
    click(qtbot, wizard, W.FinishButton)
    qtbot.waitUntil(lambda: not window.findChildren(ConcernWizard))


def test_the_words_page_keeps_the_guidance_beside_the_box(qtbot, reporter, zoe) -> None:
    wizard = open_wizard(qtbot, reporter)
    page = wizard.words_page
    assert page.guidance.text() == WORDS_GUIDANCE
    assert "cannot promise" in page.guidance.text()
    assert page.words.tabChangesFocus()  # Tab leaves the box; Enter starts a new line


def test_bad_input_is_kept_and_shown_on_its_page(qtbot, reporter, zoe) -> None:
    wizard = open_wizard(qtbot, reporter)
    next_page(qtbot, wizard, cw.DANGER)  # no answer yet: it asks for one
    assert wizard.danger_page.feedback.text() == "Answer yes or no first."
    assert wizard.danger_page.feedback.isVisible()
    tick(qtbot, wizard.danger_page.no)
    next_page(qtbot, wizard, cw.WHO)
    next_page(qtbot, wizard, cw.WHO)  # no child yet
    assert "Find the child" in wizard.who_page.feedback.text()
    picker = wizard.who_page.picker
    qtbot.keyClicks(picker.search, "Zo")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # Enter adds; it does not press Next
    assert wizard.currentId() == cw.WHO and len(picker.rows) == 1
    qtbot.mouseClick(picker.unlisted, LEFT)
    next_page(qtbot, wizard, cw.WHO)
    assert wizard.who_page.feedback.text() == "Describe the child who is not on the register."
    qtbot.keyClicks(picker.rows[1].description, "Sam, about 10, visiting team")
    next_page(qtbot, wizard, cw.WHO)
    assert wizard.who_page.feedback.text() == "Choose each child's part in the concern."
    for _ in range(2):  # from "Choose their part" down to "alleged to have caused harm"
        qtbot.keyClick(picker.rows[1].part, Qt.Key.Key_Down)
    next_page(qtbot, wizard, cw.WHEN)

    when = wizard.when_page
    when.date.clear()
    qtbot.keyClicks(when.date, "31/02/2026")
    next_page(qtbot, wizard, cw.WHEN)
    assert when.feedback.text() == "31/02/2026 is not a date on the calendar."
    assert when.date.text() == "31/02/2026" and when.date.hasFocus()
    when.date.clear()
    qtbot.keyClicks(when.date, "02/09/2026")
    next_page(qtbot, wizard, cw.WHEN)
    assert "Write the time" in when.feedback.text()
    # 11:45 is after now (10:00 in London): the page lets it by, the service refuses it.
    qtbot.keyClicks(when.time, "11:45")
    next_page(qtbot, wizard, cw.WORDS)
    assert not when.feedback.isVisible()
    type_lines(qtbot, wizard.words_page.words, *WORDS)
    for page in (cw.FACTS, cw.BODY, cw.CATEGORIES, cw.ACTIONS):
        next_page(qtbot, wizard, page)
    qtbot.keyClicks(wizard.actions_page.told_at, "yesterday")
    next_page(qtbot, wizard, cw.ACTIONS)
    assert "dd/mm/yyyy HH:MM" in wizard.actions_page.feedback.text()
    wizard.actions_page.told_at.clear()
    next_page(qtbot, wizard, cw.CHECK)
    summary = wizard.check_page.summary.toPlainText()
    assert "\n".join(WORDS) in summary and "not on the register" in summary

    click(qtbot, wizard, W.CommitButton)
    # Back on the page with the time, the service's message there, nothing lost.
    assert wizard.currentId() == cw.WHEN
    assert when.feedback.text() == "The time seen or heard is in the future."
    assert when.time.hasFocus() and when.time.text() == "11:45"
    assert wizard.words_page.words.toPlainText() == "\n".join(WORDS)
    assert len(wizard.who_page.picker.rows) == 2
    when.time.clear()
    qtbot.keyClicks(when.time, "09:05")
    for page in (cw.WORDS, cw.FACTS, cw.BODY, cw.CATEGORIES, cw.ACTIONS, cw.CHECK):
        next_page(qtbot, wizard, page)
    click(qtbot, wizard, W.CommitButton)
    assert wizard.currentId() == cw.DONE
    record = get_concern(reporter, concern_id=wizard.concern_id)
    assert [c.part for c in record.children] == [Part.SUBJECT, Part.ALLEGED]
    assert record.children[1].name == "Sam, about 10, visiting team"
    assert not record.urgent and record.marks == () and record.attachments == ()


def test_a_file_over_the_limit_is_refused_with_the_reason(qtbot, reporter, tmp_path) -> None:
    big = tmp_path / "video.mp4"
    with big.open("wb") as out:
        out.truncate(MAX_ATTACHMENT_BYTES + 1)
    wizard = open_wizard(qtbot, reporter)
    page = wizard.actions_page
    assert "nude or semi-nude" in page.warning.text() and "body map" in page.warning.text()
    assert page.add_file(str(big)) is False
    assert page.feedback.text() == (
        "“video.mp4” is 10.0 MB: files can be at most 10 MB. Attach a smaller copy, or a summary."
    )
    assert page.files == [] and page.list.count() == 0
    assert page.add_file(str(tmp_path / "gone.pdf")) is False
    assert "could not be read" in page.feedback.text()


def test_a_reporters_picker_shows_only_name_and_year_group(qtbot, dsl, reporter) -> None:
    add_child(
        dsl,
        legal_forename="Łucja",
        legal_surname="Nowak",
        preferred_name="Lucy",
        year_group_or_team="U12 Girls",
    )
    wizard = open_wizard(qtbot, reporter)
    picker = wizard.who_page.picker
    qtbot.keyClicks(picker.search, "lucj")
    shown = [picker.results.item(i).text() for i in range(picker.results.count())]
    assert shown == ["Lucy Nowak (Łucja Nowak) — U12 Girls"]
    # The picker is given nothing else: no date of birth, address or flags.
    assert list(ChildChoice.__dataclass_fields__) == ["id", "name", "year_group_or_team"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert [r.child_id is not None for r in picker.rows] == [True]
    assert picker.rows[0].part.currentData() == Part.SUBJECT.value
    qtbot.keyClicks(picker.search, "Nobody")
    assert picker.results.count() == 0 and "No child on the register" in picker.note.text()


def test_drafts_save_when_changed_and_come_back_after_closing(qtbot, dsl, zoe, reporter) -> None:
    wizard = open_wizard(qtbot, reporter, autosave_ms=30)
    tick(qtbot, wizard.danger_page.no)
    next_page(qtbot, wizard, cw.WHO)
    qtbot.keyClicks(wizard.who_page.picker.search, "Zo")
    qtbot.keyClick(wizard.who_page.picker.search, Qt.Key.Key_Return)
    next_page(qtbot, wizard, cw.WHEN)
    qtbot.keyClicks(wizard.when_page.time, "09:15")
    next_page(qtbot, wizard, cw.WORDS)
    with qtbot.waitSignal(wizard.draft_saved, timeout=2000):
        type_lines(qtbot, wizard.words_page.words, WORDS[0])
    with qtbot.waitSignal(wizard.draft_saved, timeout=2000):
        type_lines(qtbot, wizard.words_page.words, "", WORDS[1])
    # Nothing changed: nothing is saved.
    assert not wizard.keep_draft_now()
    assert "Draft saved" in wizard.draft_note.text()
    [draft] = my_drafts(reporter, kind=CONCERN_DRAFT)
    assert draft.payload["pages"]["words"]["words"] == "\n".join(WORDS)
    click(qtbot, wizard, W.CancelButton)  # "Save draft and close"
    assert not wizard.isVisible()
    # One creation in the audit trail, however many saves.
    assert audit_actions(dsl, "draft created") == ["draft created"]

    again = open_wizard(qtbot, reporter)
    said = answered_offer(qtbot, again, "Carry on with it")
    assert said == (
        "You have a concern you started on 02/09/2026 10:00: carry on with it, or throw it away."
    )
    assert again.currentId() == cw.WORDS
    assert again.words_page.words.toPlainText() == "\n".join(WORDS)
    assert again.when_page.time.text() == "09:15"
    assert [r.name for r in again.who_page.picker.rows] == ["Zoë Brightwater"]
    for page in (cw.FACTS, cw.BODY, cw.CATEGORIES, cw.ACTIONS, cw.CHECK):
        next_page(qtbot, again, page)
    click(qtbot, again, W.CommitButton)
    assert again.currentId() == cw.DONE
    assert my_drafts(reporter, kind=CONCERN_DRAFT) == []
    assert audit_actions(dsl, "draft created", "draft submitted") == [
        "draft created",
        "draft submitted",
    ]


def test_a_draft_can_be_thrown_away(qtbot, dsl, reporter) -> None:
    wizard = open_wizard(qtbot, reporter)
    qtbot.keyClicks(wizard.words_page.words, "Started by mistake")
    wizard.reject()
    assert len(my_drafts(reporter, kind=CONCERN_DRAFT)) == 1
    again = open_wizard(qtbot, reporter)
    answered_offer(qtbot, again, "Throw it away")
    assert my_drafts(reporter, kind=CONCERN_DRAFT) == []
    assert again.words_page.words.toPlainText() == ""
    assert audit_actions(dsl, "draft discarded") == ["draft discarded"]


def test_a_lock_keeps_the_concern_being_typed(qtbot, paths, clock, zoe) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    flow = SessionFlow(window, paths, clock)
    window.resize(1366, 768)
    window.show()
    flow.start()
    user, password = ROLE_USERS[Role.REPORTER]

    def sign_in(locked: bool) -> None:
        screen = window.pages.currentWidget()
        assert isinstance(screen, SignInWidget)
        if not locked:
            qtbot.keyClicks(screen.user_name, user)
        qtbot.keyClicks(screen.password, password)
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)

    sign_in(locked=False)
    home = window.pages.currentWidget().show_section("Home")
    assert isinstance(home, HomeView)
    qtbot.mouseClick(home.log_concern, LEFT)  # the button at the top of Home
    [wizard] = window.findChildren(ConcernWizard)
    qtbot.keyClicks(wizard.words_page.words, "She said: it was my uncle.")
    window.lock_requested.emit()  # Ctrl+L, before any timer has saved it
    assert flow.signed is None
    qtbot.waitUntil(lambda: not window.findChildren(ConcernWizard))
    sign_in(locked=True)
    qtbot.waitUntil(lambda: len(window.findChildren(ConcernWizard)) == 1)
    [again] = window.findChildren(ConcernWizard)
    answered_offer(qtbot, again, "Carry on with it")
    assert again.words_page.words.toPlainText() == "She said: it was my uncle."


def test_the_lead_logs_a_concern_from_the_toolbar_and_the_inbox_counts_it(
    qtbot, paths, clock, zoe, tmp_path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    flow = SessionFlow(window, paths, clock)
    window.resize(1366, 768)
    window.show()
    flow.start()
    screen = window.pages.currentWidget()
    qtbot.keyClicks(screen.user_name, DSL_USER)
    qtbot.keyClicks(screen.password, DSL_PASSWORD)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    space = window.pages.currentWidget()
    inbox = space.titles().index("Inbox")
    assert space.navigation.item(inbox).text() == "Inbox"
    photo = tmp_path / "drawing.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    number = log_concern_from_window(qtbot, window, search="Zo", attachment=photo)
    # Announced on the data bus: the Inbox's entry counts the new concern at once.
    assert space.navigation.item(inbox).text() == "Inbox (1)"
    record = get_concern(flow.signed, concern_id=number)
    assert record.attachments[0].media_type == "image/png"
