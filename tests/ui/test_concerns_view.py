"""The Concerns section: the lazy list, one concern's record, addenda and attachments,
driven through the real widgets — for the DSL and for a staff reporter, who sees only
their own concerns and no triage."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from tests.casework import a_child, a_concern, london
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click, person, shown, tick
from wtsc_desktop.body_outline import region
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.audit_log import list_events
from wtsc_desktop.services.children import add_child
from wtsc_desktop.services.concern_types import (
    MAX_ATTACHMENT_BYTES,
    AttachmentInput,
    ChildInConcern,
    MarkInput,
)
from wtsc_desktop.services.concerns import add_addendum, get_concern
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.dialogs.addendum_dialog import AddendumDialog
from wtsc_desktop.ui.dialogs.attachment_viewer import AttachmentViewer
from wtsc_desktop.ui.models.concerns_table import (
    ACKNOWLEDGED,
    CATEGORIES,
    CHILDREN,
    NUMBER,
    OBSERVED,
    RECORDED,
    REPORTER,
    URGENT,
    ConcernsTableModel,
)
from wtsc_desktop.ui.views.concerns import LIST, RECORD, ConcernsView


@pytest.fixture
def teacher(paths, clock):
    signed = person(paths, clock, Role.REPORTER)
    yield signed
    signed.lock()


@pytest.fixture
def two_concerns(dsl, teacher, clock) -> tuple[int, int]:
    """One concern by the teacher (with an attachment added later), one by the DSL."""
    clock.current = london(2026, 9, 8, 9)
    child = a_child(dsl)
    mine = a_concern(
        teacher,
        child,
        observed_at=london(2026, 9, 7, 14, 20),
        words="It hurt.\nA lot.",
        marks=(MarkInput(1, "back", 0.5, 0.3, "red mark", "about 2 cm"),),
    )
    add_addendum(
        teacher,
        concern_id=mine,
        text="She showed me the bruise again today.",
        attachments=(AttachmentInput("note.txt", b"A note from the supervisor.", "text/plain"),),
    )
    clock.advance(600)
    theirs = a_concern(dsl, child, observed_at=london(2026, 9, 8, 8), urgent=True)
    return mine, theirs


def row_cells(model, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def open_row(qtbot, view: ConcernsView, row: int) -> None:
    """Choose a row and press Enter, as a person would."""
    view.table.setFocus()
    view.table.selectRow(row)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)


def test_the_dsl_sees_every_concern_and_opens_one_with_the_keyboard(
    qtbot, dsl, bus, two_concerns
) -> None:
    mine, theirs = two_concerns
    view = ConcernsView(dsl, bus)
    with qtbot.waitSignal(view.list_painted, timeout=2000):
        shown(qtbot, view)
    assert_accessible(view)
    assert view.model.rowCount() == 2
    assert "2 concerns" in view.count_label.text()
    newest = row_cells(view.model, 0)
    assert newest[NUMBER] == str(theirs)
    assert newest[URGENT] == "Urgent"
    assert newest[RECORDED] == "08/09/2026 09:10"  # London time, dd/mm/yyyy
    older = row_cells(view.model, 1)
    assert older[OBSERVED] == "07/09/2026 14:20"
    assert older[CHILDREN] == "Zoë Brightwater"
    assert older[REPORTER] == "Class Teacher"
    assert older[ACKNOWLEDGED] == "Not yet"

    open_row(qtbot, view, 1)
    assert view.pages.currentIndex() == RECORD
    record = view.record_view
    text = record.text.toPlainText()
    for expected in (
        "It hurt.\nA lot.",  # the child's exact words, line break kept
        "What was seen or heard (facts)",
        "Opinion — the reporter's view, not a fact",
        "Seen or heard\n07/09/2026 14:20",
        "Written down\n08/09/2026 09:00",
        "She showed me the bruise again today.",
        "The DSL's part: triage",
        "Not yet acknowledged",
        f"Mark 1, back of the body ({region('back', 0.5, 0.3)}): red mark; size about 2 cm",
    ):
        assert expected in text, expected
    # The marks are drawn on the outlines too, inside the record.
    assert record.text.body_map is not None and not record.text.body_map.isNull()
    assert "wtsc:body-map" in record.text.toHtml()
    assert record.triage_button.isVisible() and record.acknowledge_button.isEnabled()
    assert_accessible(record)

    click(qtbot, record.acknowledge_button)
    assert "Received by Dana Lead" in record.text.toPlainText()
    assert get_concern(dsl, concern_id=mine).acknowledged_at is not None
    click(qtbot, record.back_button)
    assert view.pages.currentIndex() == LIST
    assert row_cells(view.model, 1)[ACKNOWLEDGED] == "Yes"


def test_a_staff_reporter_sees_only_their_own_and_no_triage(
    qtbot, teacher, bus, two_concerns
) -> None:
    mine, theirs = two_concerns
    view = shown(qtbot, ConcernsView(teacher, bus))
    assert view.model.rowCount() == 1
    assert row_cells(view.model, 0)[NUMBER] == str(mine)
    open_row(qtbot, view, 0)
    record = view.record_view
    assert view.pages.currentIndex() == RECORD
    assert not record.triage_button.isVisible()
    assert not record.acknowledge_button.isVisible()
    assert not record.actions_box.isVisible()
    assert not record.child_button.isVisible()  # no child's file for a staff reporter
    assert "The DSL's part" not in record.text.toPlainText()
    assert record.addendum_button.isVisible()
    assert_accessible(view)

    # Someone else's concern cannot be opened by any path here either.
    click(qtbot, record.back_button)
    view.show_concern(theirs)
    assert view.pages.currentIndex() == LIST
    assert "was not found" in view.feedback.text()


def test_add_an_addendum_through_the_dialog(
    qtbot, teacher, bus, announced, two_concerns, tmp_path
) -> None:
    mine, _theirs = two_concerns
    view = shown(qtbot, ConcernsView(teacher, bus))
    view.show_concern(mine)
    click(qtbot, view.record_view.addendum_button)
    dialog = view.record_view.dialog
    assert isinstance(dialog, AddendumDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)

    # Nothing written yet: the message names the box, and the dialog stays open.
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "Write the later fact" in dialog.feedback.text()

    tick(qtbot, dialog.kind_buttons["correction"])
    qtbot.keyClicks(dialog.text, "It was her step-dad, not her dad.")
    too_big = tmp_path / "scan.pdf"
    too_big.write_bytes(b"0" * (MAX_ATTACHMENT_BYTES + 1))
    dialog.add_file(str(too_big))
    assert "the limit is 10 MB" in dialog.feedback.text()
    assert dialog.files.count() == 0

    # A file is chosen through the app's own (non-native) file dialog.
    letter = tmp_path / "letter.txt"
    letter.write_text("A letter from the family.", encoding="utf-8")
    click(qtbot, dialog.attach_button)
    chooser = dialog.file_dialog
    assert isinstance(chooser, QFileDialog)
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.waitUntil(chooser.isVisible)
    chooser.selectFile(str(letter))
    chooser.accept()
    assert [dialog.files.item(i).text() for i in range(dialog.files.count())] == ["letter.txt"]
    assert dialog.text.toPlainText() == "It was her step-dad, not her dad."

    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "concerns" in announced
    record = get_concern(teacher, concern_id=mine)
    latest = record.addenda[-1]
    assert (latest.kind, latest.text, latest.author) == (
        "correction",
        "It was her step-dad, not her dad.",
        "Class Teacher",
    )
    assert "letter.txt" in [a.file_name for a in record.attachments]
    text = view.record_view.text.toPlainText()
    assert "A correction, written by Class Teacher on 08/09/2026 09:10" in text


def test_view_and_save_an_attachment(qtbot, dsl, bus, two_concerns, tmp_path) -> None:
    mine, _theirs = two_concerns
    view = shown(qtbot, ConcernsView(dsl, bus))
    view.show_concern(mine)
    panel = view.record_view.attachments_panel
    assert panel.selected() is not None
    click(qtbot, panel.view_button)
    viewer = panel.dialog
    assert isinstance(viewer, AttachmentViewer)
    qtbot.waitUntil(viewer.isVisible)
    assert_accessible(viewer)
    assert viewer.content.toPlainText() == "A note from the supervisor."
    viewer.reject()

    click(qtbot, panel.save_button)
    chooser = panel.dialog
    assert isinstance(chooser, QFileDialog)
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.waitUntil(chooser.isVisible)
    target = tmp_path / "copy.txt"
    chooser.selectFile(str(target))
    chooser.accept()
    assert target.read_bytes() == b"A note from the supervisor."
    assert "not encrypted" in panel.feedback.text()
    opened = [e.action for e in list_events(dsl, limit=50)].count("attachment opened")
    assert opened == 2  # viewing and saving are each audited


def test_the_dsl_opens_a_childs_file_from_the_record(qtbot, dsl, bus, two_concerns) -> None:
    mine, _theirs = two_concerns
    view = shown(qtbot, ConcernsView(dsl, bus))
    view.show_concern(mine)
    record = view.record_view
    assert record.child_button.isEnabled()
    [entry] = record.child_menu.actions()
    assert entry.text() == "Zoë Brightwater — the child the concern is about"
    with qtbot.waitSignal(view.open_child, timeout=1000) as asked:
        entry.trigger()
    assert asked.args == [get_concern(dsl, concern_id=mine).children[0].child_id]


def test_the_table_model_is_lazy_and_sound(qtbot, dsl, clock, qtmodeltester) -> None:
    clock.current = london(2026, 9, 8, 9)
    child = a_child(dsl)
    for day in range(1, 8):
        a_concern(dsl, child, observed_at=london(2026, 9, day, 9))
        clock.advance(60)
    model = ConcernsTableModel(dsl, page_size=3)
    model.reload()
    # The first page shows at once; the count of the rest follows just after.
    assert model.rowCount() == 3
    qtbot.waitUntil(lambda: model.rowCount() == 7)
    assert model.pages_fetched == [0]  # counted, and one page fetched: no more
    assert model.index(6, NUMBER).data() == "1"  # the oldest, from the third page
    assert model.pages_fetched == [0, 2]
    assert model.index(0, OBSERVED).data() == "07/09/2026 09:00"
    qtmodeltester.check(model)


def test_each_row_names_its_children_and_categories(qtbot, dsl, teacher, clock) -> None:
    """A page is one query: the children the concern is about (in the order given, a
    child not on the register by their description, a witness left out), the categories,
    and bold only on the urgent cell of an urgent concern."""
    clock.current = london(2026, 9, 8, 9)
    zoe = a_child(dsl)
    sam = add_child(
        dsl,
        legal_forename="Samuel",
        legal_surname="Okafor",
        preferred_name="Sam",
        date_of_birth=dt.date(2013, 2, 3),
        year_group_or_team="Year 8",
    )
    witness = a_child(dsl, "Ayşe", "Demir")
    both = a_concern(
        teacher,
        sam,
        observed_at=london(2026, 9, 7, 15),
        categories=("online", "neglect"),
        others=(
            ChildInConcern(Part.WITNESS, witness),
            ChildInConcern(Part.SUBJECT, description="A boy in a red coat, about 10"),
            ChildInConcern(Part.SUBJECT, zoe),
        ),
    )
    clock.advance(60)
    urgent = a_concern(dsl, zoe, observed_at=london(2026, 9, 8, 8), urgent=True)
    model = ConcernsTableModel(dsl)
    model.reload()
    assert [row_cells(model, r)[NUMBER] for r in (0, 1)] == [str(urgent), str(both)]
    older = row_cells(model, 1)
    assert older[CHILDREN] == (
        "Sam Okafor (Samuel Okafor), A boy in a red coat, about 10, Zoë Brightwater"
    )
    assert older[CATEGORIES] == "Neglect, Online harm"
    assert older[REPORTER] == "Class Teacher"
    assert model.index(1, CHILDREN).data(Qt.ItemDataRole.ToolTipRole) == older[CHILDREN]
    assert model.index(1, REPORTER).data(Qt.ItemDataRole.ToolTipRole) is None
    font = Qt.ItemDataRole.FontRole
    assert model.index(0, URGENT).data(font).bold()
    assert model.index(0, REPORTER).data(font) is None
    assert model.index(1, URGENT).data(font) is None
    # The staff reporter's own list is the same query, filtered to their concerns.
    own = ConcernsTableModel(teacher)
    own.reload()
    assert own.rowCount() == 1 and row_cells(own, 0) == older


def test_an_addendum_being_written_comes_back_after_a_lock(
    qtbot, teacher, bus, two_concerns
) -> None:
    mine, _theirs = two_concerns
    view = shown(qtbot, ConcernsView(teacher, bus))
    assert view.draft_state() is None  # nothing typed, nothing kept
    view.show_concern(mine)
    click(qtbot, view.record_view.addendum_button)
    dialog = view.record_view.dialog
    assert isinstance(dialog, AddendumDialog)
    qtbot.waitUntil(dialog.isVisible)
    tick(qtbot, dialog.kind_buttons["correction"])
    qtbot.keyClicks(dialog.text, "The bruise was on her right arm, not her left.")
    state = json.loads(json.dumps(view.draft_state()))
    view.close()

    again = shown(qtbot, ConcernsView(teacher, bus))
    again.restore_draft(state)
    assert again.pages.currentIndex() == RECORD
    restored = again.record_view.dialog
    assert isinstance(restored, AddendumDialog)
    qtbot.waitUntil(restored.isVisible)
    assert restored.text.toPlainText() == "The bruise was on her right arm, not her left."
    assert restored.kind() == "correction"
    assert "Attach any files again" in restored.feedback.text()
