"""The "save as PDF" helper any screen uses: a non-native save dialog, the export run
through the background runner, then where it was saved, or why not, under the form."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QFileDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.casework import a_child
from tests.ui.accessibility import assert_accessible
from wtsc_desktop.errors import WtscError
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.exports import ExportedPdf, export_chronology_pdf
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.background import SyncRunner, ThreadRunner
from wtsc_desktop.ui.export_pdf import PdfExport
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel


def a_screen(qtbot: QtBot) -> tuple[QWidget, FeedbackLabel]:
    screen = QWidget()
    feedback = FeedbackLabel()
    QVBoxLayout(screen).addWidget(feedback)
    qtbot.addWidget(screen)
    screen.show()
    return screen, feedback


def an_export(
    screen: QWidget, feedback: FeedbackLabel, make: Callable[[Path], ExportedPdf], folder: Path
) -> PdfExport:
    return PdfExport(
        screen,
        title="Save the chronology as a PDF",
        file_name="Chronology.pdf",
        make=make,
        feedback=feedback,
        runner=SyncRunner(),
        folder=folder,
    )


def test_a_deputy_saves_a_chronology_through_the_dialog(
    qtbot: QtBot, dsl: SignedIn, signed_in_as: Callable[[Role], SignedIn], tmp_path: Path
) -> None:
    child = a_child(dsl, "Łucja", "Nowak")
    deputy = signed_in_as(Role.DEPUTY)
    screen, feedback = a_screen(qtbot)
    export = an_export(
        screen,
        feedback,
        lambda target: export_chronology_pdf(deputy, child_id=child, target=target),
        tmp_path,
    )
    saved: list[Path] = []
    export.saved.connect(saved.append)

    export.start()
    dialog = screen.findChild(QFileDialog)
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.accessibleName() == "Save the chronology as a PDF"
    assert_accessible(dialog)
    name_box = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_box is not None and name_box.text() == "Chronology.pdf"
    name_box.clear()
    qtbot.keyClicks(name_box, "Lucja chronology")  # the .pdf is added
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: export.dialog is None)

    target = tmp_path / "Lucja chronology.pdf"
    assert saved == [target]
    assert feedback.isVisible() and feedback.property("kind") == "ok"
    assert f"Saved “{target.name}” (1 page) in {tmp_path}" in feedback.text()
    assert "OFFICIAL-SENSITIVE" in feedback.text()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "Chronology" in text and "Łucja Nowak" in text


def test_the_pdf_is_made_off_the_gui_thread(qtbot: QtBot, dsl: SignedIn, tmp_path: Path) -> None:
    child = a_child(dsl, "Zoë", "Ayşe")
    screen, feedback = a_screen(qtbot)
    threads: list[object] = []

    def make(target: Path) -> ExportedPdf:
        threads.append(QThread.currentThread())
        return export_chronology_pdf(dsl, child_id=child, target=target)

    runner = ThreadRunner()
    export = an_export(screen, feedback, make, tmp_path)
    export.runner = runner
    export.save_to(tmp_path / "zoe.pdf")
    assert export.busy
    qtbot.waitUntil(lambda: not export.busy, timeout=30_000)
    runner.wait()

    assert threads and threads[0] is not screen.thread()
    assert feedback.property("kind") == "ok", feedback.text()
    assert (
        "Zoë Ayşe"
        in PdfReader(io.BytesIO((tmp_path / "zoe.pdf").read_bytes())).pages[0].extract_text()
    )


def test_a_refusal_is_shown_under_the_form_and_nothing_is_saved(
    qtbot: QtBot, dsl: SignedIn, signed_in_as: Callable[[Role], SignedIn], tmp_path: Path
) -> None:
    child = a_child(dsl)
    teacher = signed_in_as(Role.REPORTER)
    screen, feedback = a_screen(qtbot)
    export = an_export(
        screen,
        feedback,
        lambda target: export_chronology_pdf(teacher, child_id=child, target=target),
        tmp_path,
    )

    export.save_to(tmp_path / "chronology")

    assert feedback.isVisible() and feedback.property("kind") == "error"
    assert "may not do this (print or export named records)" in feedback.text()
    assert not list(tmp_path.glob("*.pdf"))
    assert not export.busy, "a second try is possible"


def test_a_bug_is_not_dressed_up_as_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    screen, feedback = a_screen(qtbot)

    def broken(target: Path) -> ExportedPdf:
        raise KeyError("a bug")

    export = an_export(screen, feedback, broken, tmp_path)
    try:
        export.save_to(tmp_path / "x.pdf")
    except KeyError:
        pass
    else:
        raise AssertionError("the bug was swallowed")
    assert not feedback.isVisible()

    def refused(target: Path) -> ExportedPdf:
        raise WtscError("The PDF could not be saved in /nowhere. Choose another folder.")

    an_export(screen, feedback, refused, tmp_path).save_to(tmp_path / "y.pdf")
    assert feedback.text() == "The PDF could not be saved in /nowhere. Choose another folder."
