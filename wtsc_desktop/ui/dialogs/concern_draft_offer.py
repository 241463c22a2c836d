"""The question asked when the concern wizard opens and its author has a concern draft:
"You have a concern you started on dd/mm/yyyy HH:MM: carry on with it, or throw it away."

Escape, or closing the question, carries on: nothing is thrown away by accident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from wtsc_desktop.services.drafts import DraftSummary
from wtsc_desktop.ui.formats import datetime_text


def started_at(draft: DraftSummary) -> dt.datetime:
    """When the concern in ``draft`` was started (its last save, for an older draft)."""
    started = draft.payload.get("started_at")
    if isinstance(started, str):
        try:
            return dt.datetime.fromisoformat(started)
        except ValueError:
            pass
    return draft.updated_at


def offer_text(draft: DraftSummary) -> str:
    return (
        f"You have a concern you started on {datetime_text(started_at(draft))}: "
        "carry on with it, or throw it away."
    )


def ask_about_draft(
    parent: QWidget,
    draft: DraftSummary,
    *,
    carry_on: Callable[[], None],
    throw_away: Callable[[], None],
) -> QMessageBox:
    """Open the question (not modal to the app, only to ``parent``) and act on the answer."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "A concern you started",
        offer_text(draft),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("draftOffer")
    box.setAccessibleName("A concern you started")
    keep = box.addButton("&Carry on with it", QMessageBox.ButtonRole.AcceptRole)
    keep.setAccessibleName("Carry on with it")
    throw = box.addButton("&Throw it away", QMessageBox.ButtonRole.DestructiveRole)
    throw.setAccessibleName("Throw it away")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)

    def answered(_result: int) -> None:
        box.deleteLater()
        if box.clickedButton() is throw:
            throw_away()
        else:
            carry_on()

    box.finished.connect(answered)
    box.open()
    return box
