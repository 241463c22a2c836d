"""Child protection file transfers through the screens, from the child's file: the new
setting and the file due by T7 in school days, a refused way of sending it shown and
kept, the file sent, the reminder to chase once the receipt is due, the receipt
confirmed, and the transfer pack saved as a PDF with other children as "another
child"."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from tests.casework import a_child, a_concern, london
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click, shown, tick
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.concern_types import ChildInConcern
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.plan_deadlines import RECEIPT_NOT_CONFIRMED
from wtsc_desktop.services.transfers import NewTransfer, TransferMethod, record_transfer
from wtsc_desktop.services.transfers import transfers_for_child as transfers_of
from wtsc_desktop.ui.background import SyncRunner
from wtsc_desktop.ui.dialogs.transfer_forms import NewTransferDialog, ReceiptDialog, SentDialog
from wtsc_desktop.ui.dialogs.transfers_dialog import DUE, NOTHING_DUE, RECEIPT, TransfersDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.child_file import ChildFileView
from wtsc_desktop.ui.widgets.warning_colour import warning_colour

NEW_SETTING = "Invented Oakfield Academy"
NEW_DSL = "Invented Priya Marsh"


def _row(dialog: TransfersDialog, row: int = 0) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def _type(qtbot: QtBot, box: QLineEdit, text: str) -> None:
    box.clear()
    qtbot.keyClicks(box, text)


def test_a_transfer_is_recorded_sent_chased_and_its_receipt_confirmed(
    qtbot: QtBot, dsl: SignedIn, clock: FixedClock, bus: DataBus, announced: list[str]
) -> None:
    child = a_child(dsl, "Zoë", "Brightwater")  # Wednesday 2 September 2026
    view = ChildFileView(dsl, bus)
    shown(qtbot, view, 1366, 768)
    assert view.show_child(child)
    click(qtbot, view.transfers_button)
    dialog = view.dialog
    assert isinstance(dialog, TransfersDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)
    assert dialog.none_yet.isVisible() and not dialog.sent_button.isEnabled()
    assert not dialog.include_others.isChecked()

    click(qtbot, dialog.new_button)
    form = dialog.form
    assert isinstance(form, NewTransferDialog)
    qtbot.waitUntil(form.isVisible)
    assert_accessible(form)
    _type(qtbot, form.last_day, "2/9/26")  # not a date as the app writes it
    qtbot.keyClicks(form.new_setting, NEW_SETTING)
    qtbot.keyClicks(form.new_dsl, NEW_DSL)
    click(qtbot, form.ok_button)
    assert form.isVisible() and "dd/mm/yyyy" in form.feedback.text()
    assert form.last_day.text() == "2/9/26" and form.new_setting.text() == NEW_SETTING
    _type(qtbot, form.last_day, "02/09/2026")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())

    [made] = transfers_of(dsl, child_id=child)
    due = made.due_on.strftime("%d/%m/%Y")
    assert _row(dialog) == [
        NEW_SETTING,
        NEW_DSL,
        "02/09/2026",
        f"{due} (T7, 5 school days)",
        "Not sent yet",
        "Not sent yet",
    ]
    assert dialog.due_lines == [f"Send the child protection file by {due} — T7, 5 school days"]
    assert "KCSIE Annex C" in dialog.clocks_box.itemAt(0).widget().text()  # type: ignore[union-attr]
    assert announced == ["referrals"]

    # Sent two days later: ordinary post is refused and what was chosen stays.
    clock.current = london(2026, 9, 4, 11)
    click(qtbot, dialog.sent_button)
    sent = dialog.form
    assert isinstance(sent, SentDialog)
    qtbot.waitUntil(sent.isVisible)
    assert_accessible(sent)
    sent.method.setCurrentIndex(sent.method.findData(TransferMethod.PLAIN_POST.value))
    tick(qtbot, sent.kept_separate)
    click(qtbot, sent.ok_button)
    assert sent.isVisible() and "never sent by ordinary post" in sent.feedback.text()
    assert sent.kept_separate.isChecked() and sent.sent_on.text() == "04/09/2026"
    sent.method.setCurrentIndex(sent.method.findData(TransferMethod.SECURE_ELECTRONIC.value))
    click(qtbot, sent.ok_button)
    qtbot.waitUntil(lambda: not sent.isVisible())
    row = _row(dialog)
    assert row[4] == "04/09/2026: Secure electronic transfer; apart from the main pupil file"
    assert row[RECEIPT].startswith("Waiting: expected by ")
    assert dialog.due_lines == []  # the receipt is not due yet

    # A week on with no receipt: the plain reminder.
    clock.current = london(2026, 9, 14, 9)
    dialog.reload()
    assert _row(dialog)[RECEIPT] == RECEIPT_NOT_CONFIRMED
    red = warning_colour(dialog.table)
    assert dialog.table.item(0, RECEIPT).foreground().color() == red
    assert dialog.table.item(0, DUE).foreground().color() != red  # the file was sent in time
    [line] = dialog.due_lines
    assert line.startswith(f"{RECEIPT_NOT_CONFIRMED} (due by ") and "T7" in line

    click(qtbot, dialog.receipt_button)
    receipt = dialog.form
    assert isinstance(receipt, ReceiptDialog)
    qtbot.waitUntil(receipt.isVisible)
    assert_accessible(receipt)
    assert receipt.received_by.text() == NEW_DSL
    click(qtbot, receipt.ok_button)
    qtbot.waitUntil(lambda: not receipt.isVisible())
    assert _row(dialog)[RECEIPT] == f"Confirmed by {NEW_DSL} on 14/09/2026"
    assert dialog.due_lines == []
    assert dialog.clocks_box.itemAt(0).widget().text() == NOTHING_DUE  # type: ignore[union-attr]
    assert not dialog.receipt_button.isEnabled() and not dialog.sent_button.isEnabled()


def _save_pack(qtbot: QtBot, dialog: TransfersDialog, folder: Path, name: str) -> Path:
    click(qtbot, dialog.pdf_button)
    chooser = dialog.findChild(QFileDialog)
    assert isinstance(chooser, QFileDialog)
    qtbot.waitUntil(chooser.isVisible)
    chooser.setDirectory(str(folder))
    name_box = chooser.findChild(QLineEdit, "fileNameEdit")
    assert isinstance(name_box, QLineEdit)
    _type(qtbot, name_box, name)
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    target = folder / f"{name}.pdf"
    qtbot.waitUntil(target.exists)
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog) is None)
    return target


def _text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_transfer_pack_is_saved_with_other_children_left_unnamed(
    qtbot: QtBot, dsl: SignedIn, tmp_path: Path
) -> None:
    child = a_child(dsl, "Zoë", "Brightwater")
    other = a_child(dsl, "Łucja", "Hollybrook")
    a_concern(
        dsl,
        child,
        observed_at=london(2026, 9, 1, 10),
        others=(ChildInConcern(Part.WITNESS, other),),
    )
    record_transfer(
        dsl,
        transfer=NewTransfer(
            child_id=child,
            new_setting=NEW_SETTING,
            new_dsl_name=NEW_DSL,
            last_day=london(2026, 9, 2).date(),
        ),
    )
    dialog = TransfersDialog(
        dsl, None, child_id=child, child_name="Zoë Brightwater", runner=SyncRunner()
    )
    shown(qtbot, dialog, 1000, 640)

    unnamed = _text(_save_pack(qtbot, dialog, tmp_path, "pack"))
    assert "Zoë Brightwater" in unnamed and NEW_SETTING in unnamed
    assert "another child" in unnamed and "Hollybrook" not in unnamed
    assert dialog.feedback.property("kind") == "ok" and "pack.pdf" in dialog.feedback.text()

    tick(qtbot, dialog.include_others)
    # A name the file box does not complete to the first file's name.
    named = _text(_save_pack(qtbot, dialog, tmp_path, "named"))
    assert "Łucja Hollybrook" in named
