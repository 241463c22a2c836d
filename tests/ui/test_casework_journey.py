"""A concern from start to printed chronology, through the real widgets: log it with a
body-map mark and a file, triage it, and save the child's chronology as a PDF."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWizard

from tests.casework import a_child, london
from tests.factory import DSL_PASSWORD, DSL_USER
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import tick
from tests.ui.concern_driver import log_concern_from_window
from wtsc_desktop.guidance.categories import Threshold
from wtsc_desktop.guidance.information_sharing import Consent
from wtsc_desktop.services.concerns import get_concern
from wtsc_desktop.services.triage import decisions_for
from wtsc_desktop.ui.dialogs import triage_wizard as tw
from wtsc_desktop.ui.dialogs.triage_wizard import TriageWizard
from wtsc_desktop.ui.main_window import MainWindow
from wtsc_desktop.ui.session import SessionFlow
from wtsc_desktop.ui.sign_in import SignInWidget

W = QWizard.WizardButton
LEFT = Qt.MouseButton.LeftButton


def press(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, LEFT)


def test_log_triage_and_print_the_chronology(qtbot, paths, clock, dsl, tmp_path: Path) -> None:
    clock.current = london(2026, 9, 14, 10)
    child = a_child(dsl, "Zoë", "Brightwater")
    window = MainWindow()
    qtbot.addWidget(window)
    flow = SessionFlow(window, paths, clock)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    flow.start()
    screen = window.pages.currentWidget()
    assert isinstance(screen, SignInWidget)
    qtbot.keyClicks(screen.user_name, DSL_USER)
    qtbot.keyClicks(screen.password, DSL_PASSWORD)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    space = flow.workspace
    assert space is not None and space.titles()[0] == "Dashboard"

    # 1. Log the concern from the toolbar: a body-map mark and a file attached.
    attachment = tmp_path / "note from PE.txt"
    attachment.write_text("Typed note of what was seen.", "utf-8")
    number = log_concern_from_window(qtbot, window, search="Zo", attachment=attachment)
    record = get_concern(dsl, concern_id=number)
    assert [c.child_id for c in record.children] == [child]
    assert len(record.marks) == 1 and record.marks[0].side == "front"
    assert [a.file_name for a in record.attachments] == ["note from PE.txt"]

    # 2. Triage it from its record in the Concerns section.
    concerns = space.show_section("Concerns")
    concerns.show_concern(number)
    assert concerns.record_view.record is not None
    assert concerns.record_view.record.id == number
    qtbot.mouseClick(concerns.record_view.triage_button, LEFT)
    wizard = concerns.record_view.dialog
    assert isinstance(wizard, TriageWizard)
    qtbot.waitUntil(wizard.isVisible)
    press(qtbot, wizard, W.NextButton)
    tick(qtbot, wizard.decision_page.buttons[Threshold.SECTION_47])
    press(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == tw.REASONS
    qtbot.keyClicks(wizard.reasons_page.rationale, "A bruise with a disclosure of hitting.")
    press(qtbot, wizard, W.NextButton)
    sharing = wizard.sharing_page
    sharing.consent.setFocus()
    sharing.consent.setCurrentIndex(sharing.consent.findData(Consent.NOT_NEEDED.value))
    qtbot.keyClicks(sharing.reason, "Telling the family first could put her at risk.")
    press(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == tw.ACTIONS
    press(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == tw.CHECK
    press(qtbot, wizard, W.FinishButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    [decision] = decisions_for(dsl, concern_id=number)
    assert decision.threshold is Threshold.SECTION_47

    # 3. Open the child's file and save the chronology as a PDF.
    children = space.show_section("Children")
    children.show_child(child)
    assert children.file_view.child_id == child
    file_view = children.file_view
    assert_accessible(file_view)
    qtbot.mouseClick(file_view.pdf_button, LEFT)
    dialog = next(d for d in file_view.findChildren(QFileDialog) if d.isVisible())
    dialog.setDirectory(str(tmp_path))
    name_box = dialog.findChild(QLineEdit, "fileNameEdit")
    name_box.clear()
    qtbot.keyClicks(name_box, "chronology")  # ".pdf" is added
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    target = tmp_path / "chronology.pdf"
    qtbot.waitUntil(lambda: file_view.feedback.text() != "", timeout=30_000)
    assert "Saved" in file_view.feedback.text(), file_view.feedback.text()

    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "Zoë Brightwater" in text
    assert "Physical abuse" in text
    assert "significant harm (section 47)" in text
    assert "OFFICIAL-SENSITIVE" in text
