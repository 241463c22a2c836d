"""The Children section through the real widgets: the lazy register, adding a child, a
child's file with its flags and chronology (S9's pattern banner), and every dialog.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QDialog, QPushButton, QWidget

from tests.casework import a_child, a_concern, london
from tests.ui.accessibility import assert_accessible
from wtsc_desktop.services.child_contacts import add_contact
from wtsc_desktop.services.child_types import ChildFlags, ContactDetails, DobStatus
from wtsc_desktop.services.children import add_child, count_children, get_child
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.background import SyncRunner
from wtsc_desktop.ui.dialogs.child_dialogs import (
    ArchiveDialog,
    ChildDialog,
    MergeDialog,
    UnarchiveDialog,
)
from wtsc_desktop.ui.dialogs.contact_dialogs import (
    ContactDialog,
    ContactsDialog,
    RemoveContactDialog,
)
from wtsc_desktop.ui.models.children_table import ChildrenTableModel
from wtsc_desktop.ui.views.children import FILE, REGISTER, ChildrenView
from wtsc_desktop.ui.workspace import section_classes

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def view(qtbot, dsl, bus) -> ChildrenView:
    widget = ChildrenView(dsl, bus, runner=SyncRunner())
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_text(qtbot, box: QWidget, text: str) -> None:
    """Type key by key; QTest types ASCII only, so other letters (á, Ó, ë) are sent as a key
    press carrying the character, as a keyboard layout does."""
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]", text):
        if run.isascii():
            qtbot.keyClicks(box, run)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, box, Qt.Key.Key_unknown, run, Qt.KeyboardModifier.NoModifier
            )


def tick(qtbot, box: QAbstractButton) -> None:
    """Click a check box on its box, as a person does."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, LEFT)


def opened(qtbot, owner, kind: type[QDialog]):
    dialog = owner.dialog
    assert isinstance(dialog, kind), dialog
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)
    return dialog


def cells(view: ChildrenView) -> list[list[str]]:
    model = view.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def open_file_with_enter(qtbot, view: ChildrenView, name: str) -> None:
    row = next(i for i, line in enumerate(cells(view)) if line[0].startswith(name))
    view.table.setFocus()
    view.table.selectRow(row)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.pages.currentIndex() == FILE


def test_the_register_lists_children_with_their_dates_and_flags(
    qtbot, dsl, bus, qtmodeltester
) -> None:
    add_child(
        dsl,
        legal_forename="Zoë",
        legal_surname="Brightwater",
        date_of_birth=dt.date(2012, 5, 1),
        year_group_or_team="Year 9",
        external_id="A1",
        flags=ChildFlags(cp_plan=True, looked_after=True),
    )
    add_child(dsl, legal_forename="Amir", legal_surname="Haddad")
    add_child(
        dsl,
        legal_forename="Baby",
        legal_surname="Okonjo",
        dob_status=DobStatus.UNBORN,
        expected_delivery=dt.date(2027, 1, 15),
    )
    widget = ChildrenView(dsl, bus, runner=SyncRunner())
    qtbot.addWidget(widget)
    qtmodeltester.check(widget.model)
    assert cells(widget) == [
        ["Zoë Brightwater", "01/05/2012", "Year 9", "A1", "CP plan, Looked after", ""],
        ["Amir Haddad", "unknown", "", "", "", ""],
        ["Baby Okonjo", "due 15/01/2027", "", "", "", ""],
    ]
    assert widget.count_label.text() == "3 children on the register"
    widget.resize(1366, 768)
    widget.show()
    assert_accessible(widget)


def test_rows_are_fetched_a_page_at_a_time(qtbot, dsl, bus) -> None:
    for number in range(45):
        add_child(dsl, legal_forename=f"Child{number:02d}", legal_surname="Pageable")
    model = ChildrenTableModel(dsl, page_size=10)
    model.reload()
    assert model.rowCount() == 45 and model.pages_fetched == []
    assert model.index(44, 0).data() == "Child44 Pageable"
    assert model.pages_fetched == [4]
    assert model.index(3, 0).data() == "Child03 Pageable"
    assert model.pages_fetched == [4, 0]


def test_the_filter_box_and_show_archived(qtbot, view, dsl) -> None:
    for name in ("Łucja", "Søren", "Zoë"):
        a_child(dsl, forename=name)
    view.refresh()
    qtbot.keyClicks(view.filter_box, "lucja")
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)
    assert [line[0] for line in cells(view)] == ["Łucja Brightwater"]
    assert view.table.hasFocus()  # Enter in the box moves on to the results
    view.filter_box.clear()
    view.apply_filter()
    before = [line[0] for line in cells(view)]
    assert len(before) == 3
    header = view.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(header.sectionViewportPosition(0) + 9, 5))
    assert [line[0] for line in cells(view)] == before[::-1]  # by name, the other way
    qtbot.keyClicks(view.filter_box, "?!")
    view.apply_filter()
    assert view.model.rowCount() == 0
    assert "No child matches" in view.count_label.text()


def test_add_a_child_keeping_what_was_typed_when_a_date_is_wrong(
    qtbot, view, dsl, announced
) -> None:
    click(qtbot, view.add_button)
    dialog = opened(qtbot, view, ChildDialog)
    type_text(qtbot, dialog.legal_forename, "Siobhán")
    type_text(qtbot, dialog.legal_surname, "Ó Briain")
    qtbot.keyClicks(dialog.birth_date, "31/02/2015")
    qtbot.keyClicks(dialog.year_group, "Year 6")
    tick(qtbot, dialog.flags["child_in_need"])
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "not a real date" in dialog.feedback.text()
    assert dialog.focusWidget() is dialog.birth_date and dialog.legal_forename.text() == "Siobhán"
    assert count_children(dsl) == 0
    dialog.birth_date.selectAll()
    qtbot.keyClicks(dialog.birth_date, "28/02/2015")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert announced == ["children"]
    assert cells(view) == [["Siobhán Ó Briain", "28/02/2015", "Year 6", "", "CIN", ""]]
    assert view.selected_child_id() == dialog.added_id
    assert "Siobhán Ó Briain is on the register" in view.feedback.text()


def test_a_childs_file_shows_flags_people_and_the_s9_pattern(
    qtbot, view, dsl, signed_in_as, clock
) -> None:
    clock.current = london(2026, 9, 11, 16)
    child = add_child(
        dsl,
        legal_forename="Zoë",
        legal_surname="Brightwater",
        date_of_birth=dt.date(2012, 5, 1),
        year_group_or_team="Year 9",
        flags=ChildFlags(cp_plan=True, young_carer=True),
    )
    add_contact(dsl, child_id=child, contact=ContactDetails("Mara Brightwater", "Mother", True))
    teacher = signed_in_as(Role.REPORTER)
    thursday = a_concern(
        teacher, child, observed_at=london(2026, 9, 10, 12), categories=("neglect",)
    )
    monday = a_concern(dsl, child, observed_at=london(2026, 9, 7, 9))
    view.refresh()
    open_file_with_enter(qtbot, view, "Zoë")
    file = view.file_view
    assert file.heading.text() == "Zoë Brightwater"
    assert file.flags_shown() == ["Child protection plan", "Young carer"]
    assert "Born 01/05/2012 (age 14)" in file.facts.text() and "Year 9" in file.facts.text()
    assert file.people.item(0, 0).text() == "Mara Brightwater"
    assert file.people.item(0, 2).text() == "Yes"  # parental responsibility
    panel = file.chronology
    assert panel.banner.isVisible() and "2 different people" in panel.banner.text()
    model = panel.model
    assert [model.entry_at(r).concern_id for r in range(model.rowCount())] == [monday, thursday]
    assert model.index(0, 0).data() == "07/09/2026 09:00"
    assert [model.index(r, 2).data() for r in range(2)] == ["Physical abuse", "Neglect"]
    assert_accessible(view)

    panel.table.setFocus()
    panel.table.selectRow(1)
    with qtbot.waitSignal(view.open_concern) as asked:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert asked.args == [thursday]

    tick(qtbot, panel.kind_boxes["concern"])
    assert model.rowCount() == 0
    tick(qtbot, panel.kind_boxes["concern"])
    tick(qtbot, panel.use_from)
    panel.from_date.setDate(panel.from_date.date().__class__(2026, 9, 8))
    assert [model.entry_at(r).concern_id for r in range(model.rowCount())] == [thursday]

    click(qtbot, file.back_button)
    assert view.pages.currentIndex() == REGISTER
    assert view.selected_child_id() == child


def test_edit_people_archive_and_unarchive_from_the_file(qtbot, view, dsl, announced) -> None:
    child = a_child(dsl)
    view.show_child(child)
    file = view.file_view

    click(qtbot, file.edit_button)
    edit = opened(qtbot, file, ChildDialog)
    assert edit.legal_forename.text() == "Zoë" and edit.birth_date.text() == "01/05/2012"
    edit.year_group.selectAll()
    qtbot.keyClicks(edit.year_group, "Year 10")
    tick(qtbot, edit.flags["cp_plan"])
    click(qtbot, edit.ok_button)
    assert "Year 10" in file.facts.text()
    assert file.flags_shown() == ["Child protection plan"]

    click(qtbot, file.contacts_button)
    people = opened(qtbot, file, ContactsDialog)
    click(qtbot, people.add_button)
    person = opened(qtbot, people, ContactDialog)
    qtbot.keyClicks(person.name, "Mara Brightwater")
    qtbot.keyClicks(person.relationship, "Mother")
    tick(qtbot, person.responsibility)
    qtbot.keyClicks(person.email, "not-an-address")
    click(qtbot, person.ok_button)
    assert person.isVisible() and person.focusWidget() is person.email
    person.email.clear()
    click(qtbot, person.ok_button)
    assert people.table.item(0, 0).text() == "Mara Brightwater"
    people.reject()
    assert file.people.item(0, 0).text() == "Mara Brightwater"

    click(qtbot, file.archive_button)
    archive = opened(qtbot, file, ArchiveDialog)
    click(qtbot, archive.ok_button)
    assert archive.isVisible()  # a reason is needed
    qtbot.keyClicks(archive.reason, "Left at the end of Year 9")
    click(qtbot, archive.ok_button)
    assert "Archived on" in file.notes.text() and file.archive_button.text() == "Un&archive…"
    click(qtbot, file.back_button)
    assert view.model.rowCount() == 0
    tick(qtbot, view.show_archived)
    assert cells(view)[0][-1] == "Archived"
    open_file_with_enter(qtbot, view, "Zoë")
    click(qtbot, file.archive_button)
    click(qtbot, opened(qtbot, file, UnarchiveDialog).ok_button)
    assert not file.notes.isVisible()
    click(qtbot, file.back_button)
    assert cells(view)[0][-1] == ""
    assert announced == ["children"] * 4  # edit, person added, archived, unarchived


def test_merge_with_another_record_keeps_both_histories(qtbot, view, dsl) -> None:
    kept = a_child(dsl, forename="Zoë")
    other = a_child(dsl, forename="Zoe", surname="Brightwatter")
    a_concern(dsl, other, observed_at=london(2026, 8, 20))
    a_concern(dsl, kept, observed_at=london(2026, 8, 27))
    view.show_child(kept)
    file = view.file_view
    click(qtbot, file.merge_button)
    merge = opened(qtbot, file, MergeDialog)
    merge.search.clear()
    qtbot.keyClicks(merge.search, "Brightwatter")
    assert merge.matches.count() == 1
    merge.matches.setCurrentRow(0)
    click(qtbot, merge.ok_button)
    assert merge.isVisible() and merge.focusWidget() is merge.sure  # tick that you checked
    tick(qtbot, merge.sure)
    click(qtbot, merge.ok_button)
    assert not merge.isVisible()
    assert file.chronology.model.rowCount() == 2
    assert "Records merged into this one" in file.notes.text()
    assert get_child(dsl, child_id=other).merged_into_id == kept
    view.show_child(other)  # the merged record still opens, and leads to the one kept
    assert "merged into another record" in file.notes.text()
    assert not file.edit_button.isEnabled()
    click(qtbot, file.kept_button)
    assert file.child_id == kept and not file.kept_button.isVisible()
    view.show_register()
    assert view.model.rowCount() == 1


def test_other_features_can_add_a_button_to_the_file(qtbot, view, dsl) -> None:
    view.show_child(a_child(dsl))
    button = QPushButton("Export chronology &PDF…")
    view.file_view.add_action_button(button)
    qtbot.waitUntil(button.isVisible)
    assert button.accessibleName() == "Export chronology PDF"
    assert_accessible(view.file_view)
    assert view.file_view.child_id is not None


def test_the_section_is_for_leads_and_sits_after_home(signed_in_as) -> None:
    names = [cls.__name__ for cls in section_classes()]
    assert names.index("HomeView") < names.index("ChildrenView") < names.index("UsersView")
    for role, sees in (
        (Role.DEPUTY, True),
        (Role.REPORTER, False),
        (Role.ALLEGATIONS_MANAGER, False),
        (Role.REVIEWER, False),
    ):
        assert ChildrenView.visible_to(signed_in_as(role)) is sees


def test_change_and_remove_people_around_a_child(qtbot, view, dsl) -> None:
    child = a_child(dsl)
    for name in ("Mara Brightwater", "Theo Brightwater"):
        add_contact(dsl, child_id=child, contact=ContactDetails(name, "Brother"))
    view.show_child(child)
    click(qtbot, view.file_view.contacts_button)
    people = opened(qtbot, view.file_view, ContactsDialog)
    assert not people.change_button.isEnabled()
    people.table.selectRow(0)
    click(qtbot, people.change_button)
    person = opened(qtbot, people, ContactDialog)
    person.relationship.setCurrentText("")
    qtbot.keyClicks(person.relationship, "Mother")
    tick(qtbot, person.responsibility)
    click(qtbot, person.ok_button)
    assert [people.table.item(0, c).text() for c in range(3)] == [
        "Mara Brightwater",
        "Mother",
        "Yes",
    ]
    people.table.selectRow(1)
    click(qtbot, people.remove_button)
    remove = opened(qtbot, people, RemoveContactDialog)
    assert remove.ok_button.accessibleName() == "Remove Theo Brightwater"
    click(qtbot, remove.ok_button)
    assert people.table.rowCount() == 1
    assert [c.details.name for c in get_child(dsl, child_id=child).contacts] == ["Mara Brightwater"]
