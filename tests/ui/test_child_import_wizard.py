"""The CSV import wizard through the real widgets: the 1,000-row export with 20 bad rows
shows every one of them with its reason, writes nothing until Import is pressed, and
then imports the 980; files that are not CSV, and column choices that are incomplete,
stop the wizard with a plain message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from tests.register_csv import register
from tests.ui.accessibility import assert_accessible
from wtsc_desktop.services.children import count_children
from wtsc_desktop.ui.background import SyncRunner
from wtsc_desktop.ui.dialogs import child_import_wizard as iw
from wtsc_desktop.ui.dialogs.child_import_pages import NOT_IN_FILE
from wtsc_desktop.ui.dialogs.child_import_wizard import ChildImportWizard
from wtsc_desktop.ui.views.children import ChildrenView

W = QWizard.WizardButton
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def view(qtbot, dsl, bus) -> ChildrenView:
    widget = ChildrenView(dsl, bus, runner=SyncRunner())
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def press(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, LEFT)


def open_wizard(qtbot, view: ChildrenView) -> ChildImportWizard:
    qtbot.mouseClick(view.import_button, LEFT)
    wizard = view.dialog
    assert isinstance(wizard, ChildImportWizard)
    qtbot.waitUntil(wizard.isVisible)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def type_path(qtbot, wizard: ChildImportWizard, path: Path) -> None:
    box = wizard.file_page.path
    box.setFocus()
    qtbot.keyClicks(box, str(path))
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the box reads the file


def test_twenty_bad_rows_shown_nothing_written_until_import(
    qtbot, view, dsl, tmp_path, announced
) -> None:
    made = register()
    export = tmp_path / "Pupils export.csv"
    export.write_bytes(made.data)
    wizard = open_wizard(qtbot, view)
    assert_accessible(wizard)
    assert not wizard.button(W.NextButton).isEnabled()
    type_path(qtbot, wizard, export)
    assert "1,000 rows and 9 columns, read as UTF-8" in wizard.file_page.described.text()
    press(qtbot, wizard, W.NextButton)

    assert wizard.currentId() == iw.MAPPING
    boxes = wizard.mapping_page.boxes
    assert boxes["external_id"].currentText() == "UPN"
    assert boxes["date_of_birth"].currentText() == "DOB"
    assert wizard.mapping_page.examples["external_id"].text() == "e.g. “UPN000001”"
    assert_accessible(wizard)
    press(qtbot, wizard, W.NextButton)

    page = wizard.preview_page
    assert wizard.currentId() == iw.PREVIEW
    assert page.bad.rowCount() == 20
    shown = {int(page.bad.item(r, 0).text()): page.bad.item(r, 2).text() for r in range(20)}
    assert shown.keys() == made.bad.keys()
    for line, word in made.bad.items():
        assert word.lower() in shown[line].lower(), (line, shown[line])
    assert "980 children to add" in page.counts.text()
    assert "20 rows have problems" in page.counts.text()
    assert count_children(dsl) == 0 and announced == []
    assert_accessible(wizard)
    press(qtbot, wizard, W.NextButton)

    assert wizard.currentId() == iw.CONFIRM
    assert "add 980 children" in wizard.confirm_page.summary.text()
    assert count_children(dsl) == 0
    press(qtbot, wizard, W.FinishButton)

    assert not wizard.isVisible()
    assert count_children(dsl) == 980
    assert announced == ["children"]
    assert view.model.rowCount() == 980
    assert "980 children added" in view.feedback.text()
    assert "20 rows skipped" in view.feedback.text()

    again = open_wizard(qtbot, view)
    type_path(qtbot, again, export)
    press(qtbot, again, W.NextButton)
    press(qtbot, again, W.NextButton)
    assert "0 children to add" in again.preview_page.counts.text()
    assert "980 unchanged" in again.preview_page.counts.text()
    press(qtbot, again, W.NextButton)
    press(qtbot, again, W.FinishButton)
    assert count_children(dsl) == 980


def test_the_file_can_be_chosen_in_a_file_dialog(qtbot, view, tmp_path) -> None:
    export = tmp_path / "members.csv"
    export.write_bytes("Member ID;First Name;Last Name\r\nM1;Søren;Lindqvist\r\n".encode())
    wizard = open_wizard(qtbot, view)
    qtbot.mouseClick(wizard.file_page.choose, LEFT)
    dialog = wizard.file_page.file_dialog
    assert isinstance(dialog, QFileDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.selectFile(str(export))
    dialog.accept()
    assert wizard.file_page.path.text() == str(export)
    assert "separated by semicolons" in wizard.file_page.described.text()
    assert wizard.button(W.NextButton).isEnabled()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"PK\x03\x04\x00\x00zip", "cannot be read as text"),
        (b"UPN,Forename\r\n", "no children in it"),
        (None, "cannot be opened"),
    ],
    ids=["empty", "not-text", "header-only", "missing"],
)
def test_a_file_that_cannot_be_used_says_why_and_next_waits(
    qtbot, view, tmp_path, content, message
) -> None:
    export = tmp_path / "export.csv"
    if content is not None:
        export.write_bytes(content)
    wizard = open_wizard(qtbot, view)
    type_path(qtbot, wizard, export)
    assert message in wizard.file_page.feedback.text()
    assert wizard.file_page.path.text() == str(export)  # what was typed stays
    assert not wizard.button(W.NextButton).isEnabled()


def test_next_waits_until_the_needed_columns_are_chosen(qtbot, view, tmp_path) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(b"Ref,Given,Family\r\nR1,Amir,Haddad\r\n")
    wizard = open_wizard(qtbot, view)
    type_path(qtbot, wizard, export)
    press(qtbot, wizard, W.NextButton)
    boxes = wizard.mapping_page.boxes
    assert boxes["external_id"].currentText() == NOT_IN_FILE
    assert not wizard.button(W.NextButton).isEnabled()
    for key, header in (("external_id", "Ref"), ("legal_forename", "Given")):
        boxes[key].setCurrentIndex(boxes[key].findText(header))
    assert not wizard.button(W.NextButton).isEnabled()
    boxes["legal_surname"].setCurrentIndex(boxes["legal_surname"].findText("Family"))
    assert wizard.button(W.NextButton).isEnabled()
    boxes["legal_surname"].setCurrentIndex(boxes["legal_surname"].findText("Given"))
    press(qtbot, wizard, W.NextButton)
    assert "chosen for two fields" in wizard.preview_page.feedback.text()
    assert not wizard.button(W.NextButton).isEnabled()
    press(qtbot, wizard, W.BackButton)
    boxes["legal_surname"].setCurrentIndex(boxes["legal_surname"].findText("Family"))
    press(qtbot, wizard, W.NextButton)
    assert "1 child to add" in wizard.preview_page.counts.text()
    assert not wizard.preview_page.bad.isVisible()  # no bad rows to list
