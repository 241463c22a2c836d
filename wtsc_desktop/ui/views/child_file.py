"""A child's file: a header with the child's name, date of birth and age, year group and
the flags shown prominently; the people around them; and the chronology — every dated
event in the order it happened, filtered by kind and dates — under the pattern prompt
when several concerns came close together.

Hooks for other features: ``add_action_button`` puts a button beside Edit… (the
chronology PDF export); ``add_casework_button`` one in the row under the header
(referrals, plans and meetings, file transfers); ``open_concern`` asks for a concern
to be shown (the Concerns section answers it); ``child_id`` says whose file is open.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import children
from wtsc_desktop.services.child_types import ChildFile, DobStatus, age_on
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.ui.dialogs.child_dialogs import (
    ArchiveDialog,
    ChildDialog,
    MergeDialog,
    UnarchiveDialog,
)
from wtsc_desktop.ui.dialogs.contact_dialogs import ContactsDialog, contacts_table, fill_contacts
from wtsc_desktop.ui.dialogs.plans_dialog import PlansDialog
from wtsc_desktop.ui.dialogs.referrals_dialog import ReferralsDialog
from wtsc_desktop.ui.dialogs.transfers_dialog import TransfersDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text, datetime_text
from wtsc_desktop.ui.pdf_buttons import chronology_pdf_button
from wtsc_desktop.ui.widgets.chronology_panel import ChronologyPanel, section_title
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph

# Drawn from the palette, so that the flags read in light and dark alike.
FLAG_STYLE = (
    "QLabel { border: 2px solid palette(bright-text); color: palette(bright-text); "
    "border-radius: 6px; padding: 2px 8px; font-weight: bold; }"
)
NOTE_STYLE = "QLabel { border: 1px solid palette(mid); padding: 6px; }"
AREAS = ("children", "concerns", "triage", "referrals")


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


def born_line(file: ChildFile, today: dt.date) -> str:
    """Date of birth and age, or what stands in for them."""
    details = file.details
    if details.dob_status is DobStatus.UNBORN:
        return f"Not born yet: due {date_text(details.expected_delivery)}"
    if details.date_of_birth is None:
        return "Date of birth not known"
    age = age_on(details.date_of_birth, today)
    return f"Born {date_text(details.date_of_birth)} (age {age})"


class ChildFileView(QWidget):
    """One child's file. ``back`` asks to return to the register."""

    open_concern = Signal(int)
    back = Signal()
    show_other = Signal(int)  # open another child's file (the record a merged one went to)

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signed = signed
        self.bus = bus
        self.file: ChildFile | None = None
        self.dialog: QDialog | None = None
        self.setAccessibleName("Child's file")
        self.back_button = _button("← &Back to the register", "Back to the register")
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.edit_button = _button("&Edit…", "Edit the child's details")
        self.contacts_button = _button("&People…", "People around the child")
        self.archive_button = _button("&Archive…", "Archive")
        self.merge_button = _button("&Merge with…", "Merge with another record")
        self.action_row = QHBoxLayout()
        self.action_row.addWidget(self.back_button)
        self.action_row.addStretch()
        for button in (
            self.edit_button,
            self.contacts_button,
            self.archive_button,
            self.merge_button,
        ):
            self.action_row.addWidget(button)
        may_edit = allowed(signed.actor.role, Action.EDIT_CHILDREN)
        for button in (
            self.edit_button,
            self.contacts_button,
            self.archive_button,
            self.merge_button,
        ):
            button.setVisible(may_edit)

        self.facts = QLabel()
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flag_row = QHBoxLayout()
        self.flag_row.setContentsMargins(0, 0, 0, 0)
        self.flag_row.setSpacing(8)
        self.flag_row.addStretch()
        self.flag_labels: list[QLabel] = []
        self.notes = QLabel()  # archived, merged, records merged in
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(NOTE_STYLE)
        self.kept_button = _button("Open the record &kept", "Open the record kept")
        header = QFrame()
        header.setFrameShape(QFrame.Shape.StyledPanel)
        header_column = QVBoxLayout(header)
        header_column.addWidget(self.facts)
        header_column.addLayout(self.flag_row)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.notes, 1)
        notes_row.addWidget(self.kept_button, 0, Qt.AlignmentFlag.AlignTop)
        header_column.addLayout(notes_row)

        # Referrals, plans and meetings, file transfers: each feature adds its button here.
        self.casework_row = QHBoxLayout()
        self.casework_row.addStretch()

        self.people_heading = section_title("People around the child")
        self.people = contacts_table("People around the child")
        self.no_people = paragraph("No one recorded yet. Use “People…” to add them.", hint=True)

        self.feedback = FeedbackLabel(self)
        self.chronology = ChronologyPanel(signed)
        self.chronology.open_concern.connect(self.open_concern.emit)
        self.chronology.problem.connect(self.feedback.show_error)
        layout = QVBoxLayout(self)
        layout.addLayout(self.action_row)
        layout.addWidget(self.heading)
        layout.addWidget(header)
        layout.addLayout(self.casework_row)
        layout.addWidget(self.people_heading)
        layout.addWidget(self.people)
        layout.addWidget(self.no_people)
        layout.addWidget(self.chronology, 1)
        layout.addWidget(self.feedback)

        self.back_button.clicked.connect(self.back.emit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.back.emit)
        self.edit_button.clicked.connect(self._edit)
        if allowed(signed.actor.role, Action.EXPORT_RECORDS):
            self.pdf_button = chronology_pdf_button(
                self, signed, lambda: self.child_id, self.feedback
            )
            self.add_action_button(self.pdf_button)
        if allowed(signed.actor.role, Action.MAKE_REFERRALS):
            self.referrals_button = _button("Refe&rrals…", "Referrals")
            self.referrals_button.clicked.connect(lambda: self._casework(ReferralsDialog))
            self.add_casework_button(self.referrals_button)
            self.plans_button = _button("Plans and meetin&gs…", "Plans and meetings")
            self.plans_button.clicked.connect(lambda: self._casework(PlansDialog))
            self.add_casework_button(self.plans_button)
            self.transfers_button = _button("File tra&nsfers…", "File transfers")
            self.transfers_button.clicked.connect(lambda: self._casework(TransfersDialog))
            self.add_casework_button(self.transfers_button)
        self.contacts_button.clicked.connect(self._contacts)
        self.archive_button.clicked.connect(self._archive)
        self.merge_button.clicked.connect(self._merge)
        self.kept_button.clicked.connect(self._open_kept)
        bus.changed.connect(self._data_changed)

    # --- hooks for other features ---------------------------------------------------

    @property
    def child_id(self) -> int | None:
        return None if self.file is None else self.file.id

    def add_action_button(self, button: QAbstractButton) -> None:
        """Put another feature's button (e.g. "Export chronology PDF") beside Edit…"""
        if not button.accessibleName():
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.action_row.insertWidget(self.action_row.indexOf(self.edit_button), button)

    def add_casework_button(self, button: QAbstractButton) -> None:
        """Put a casework button (Referrals…, Plans and meetings…) in the row under the
        header, in the order added."""
        if not button.accessibleName():
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.casework_row.insertWidget(self.casework_row.count() - 1, button)

    # --- loading --------------------------------------------------------------------

    def show_child(self, child_id: int) -> bool:
        """Open a child's file (audited); False, with the reason shown, if it cannot be."""
        try:
            file = children.get_child(self.signed, child_id=child_id)
        except WtscError as error:
            self.feedback.show_error(error)
            return False
        self.feedback.clear_message()
        self._show_header(file)
        self.chronology.show_for(file.id)
        return True

    def _show_header(self, file: ChildFile) -> None:
        self.file = file
        details = file.details
        today = today_in_london(self.signed.store.clock)
        self.heading.setText(file.name)
        facts = [born_line(file, today)]
        facts.append(details.year_group_or_team or "No year group or team")
        if details.external_id:
            facts.append(f"Pupil or member id {details.external_id}")
        if details.send.value:
            facts.append(f"SEND: {details.send.label}")
        facts += [f"Gender: {details.gender}"] if details.gender else []
        facts += [f"Ethnicity: {details.ethnicity}"] if details.ethnicity else []
        lines = ["   ·   ".join(facts)]
        if details.other_names:
            lines.append(f"Also known as: {details.other_names}")
        if details.address:
            lines.append("Address: " + ", ".join(details.address.splitlines()))
        if file.retention_review is not None:
            lines.append(
                f"Keep this file until its review on {date_text(file.retention_review)} (R1)."
            )
        self.facts.setText("\n".join(lines))
        self._show_flags(file)
        notes = []
        if file.merged_into_id is not None:
            notes.append(
                "This record was merged into another record of the same child. Its "
                "concerns show on that record's chronology, and changes are made there."
            )
        if file.archived_at is not None:
            reason = f": {file.archive_reason}" if file.archive_reason else ""
            notes.append(f"Archived on {datetime_text(file.archived_at)[:10]}{reason}.")
        if file.merged_records:
            names = "; ".join(f"{m.name} (record {m.id})" for m in file.merged_records)
            notes.append(f"Records merged into this one, with their history: {names}.")
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.kept_button.setVisible(file.merged_into_id is not None)
        active = file.merged_into_id is None
        for button in (self.edit_button, self.contacts_button, self.merge_button):
            button.setEnabled(active)
        self.archive_button.setEnabled(active)
        archived = file.archived_at is not None
        self.archive_button.setText("Un&archive…" if archived else "&Archive…")
        self.archive_button.setAccessibleName("Unarchive" if archived else "Archive")
        fill_contacts(self.people, file.contacts)
        self.people.setVisible(bool(file.contacts))
        self.no_people.setVisible(not file.contacts)
        rows = min(len(file.contacts), 4)
        height = self.people.horizontalHeader().height() + 6
        height += sum(self.people.rowHeight(r) for r in range(rows))
        self.people.setFixedHeight(height)

    def _show_flags(self, file: ChildFile) -> None:
        for label in self.flag_labels:
            self.flag_row.removeWidget(label)
            label.deleteLater()
        self.flag_labels = []
        for text in file.flags.labels() or ("No flags recorded",):
            label = QLabel(text)
            if file.flags.labels():
                label.setStyleSheet(FLAG_STYLE)
            else:
                label.setObjectName("hint")
            self.flag_row.insertWidget(len(self.flag_labels), label)
            self.flag_labels.append(label)

    def flags_shown(self) -> list[str]:
        return [label.text() for label in self.flag_labels]

    def _data_changed(self, area: str) -> None:
        if self.file is None or area not in AREAS or not self.isVisible():
            return
        if area == "children":
            self.show_child(self.file.id)
        else:
            self.chronology.reload()

    # --- dialogs --------------------------------------------------------------------

    def _open(self, dialog: QDialog, done: str = "") -> None:
        self.feedback.clear_message()
        if self.dialog is not None:
            self.dialog.deleteLater()  # keep only the latest, for tests and for focus
        self.dialog = dialog
        if done:
            dialog.accepted.connect(lambda: self.feedback.show_ok(done))
        dialog.finished.connect(lambda _result: self.chronology.table.setFocus())
        dialog.open()

    def _edit(self) -> None:
        if self.file is not None:
            self._open(ChildDialog(self.signed, self.bus, self.file, self), "Changes saved.")

    def _contacts(self) -> None:
        if self.file is not None:
            self._open(ContactsDialog(self.signed, self.bus, self.file, self))

    def _archive(self) -> None:
        if self.file is None:
            return
        if self.file.archived_at is None:
            dialog: QDialog = ArchiveDialog(self.signed, self.bus, self.file, self)
            self._open(dialog, "The record is archived. It stays, with every concern.")
        else:
            dialog = UnarchiveDialog(self.signed, self.bus, self.file, self)
            self._open(dialog, "The record is back on the register.")

    def _merge(self) -> None:
        if self.file is not None:
            self._open(
                MergeDialog(self.signed, self.bus, self.file, self),
                "The records were merged. Both histories are on this chronology.",
            )

    def _casework(self, kind: type[ReferralsDialog | PlansDialog | TransfersDialog]) -> None:
        if self.file is not None:
            dialog = kind(
                self.signed, self.bus, child_id=self.file.id, child_name=self.file.name, parent=self
            )
            dialog.finished.connect(lambda _result: self.chronology.reload())
            self._open(dialog)

    def _open_kept(self) -> None:
        if self.file is not None and self.file.merged_into_id is not None:
            self.show_other.emit(self.file.merged_into_id)
