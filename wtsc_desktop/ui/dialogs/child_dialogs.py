"""The DSL's dialogs for a child's record: add or change the file header, archive a leaver
(and bring them back), and merge two records of one child. Each saves through a service
and announces "children" on the data bus. (The people around a child: contact_dialogs.)
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from wtsc_desktop.errors import ValidationError, WtscError
from wtsc_desktop.services import archive_and_merge, children
from wtsc_desktop.services.child_types import (
    FLAGS,
    LIMITS,
    ChildDetails,
    ChildFile,
    ChildFlags,
    DobStatus,
    Send,
    parse_date,
)
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.models.children_table import birth_text
from wtsc_desktop.ui.widgets.form_parts import paragraph, text_box

AREA = "children"
DOB_CHOICES = {
    DobStatus.KNOWN: "Known",
    DobStatus.UNKNOWN: "Not known",
    DobStatus.UNBORN: "Not born yet: due",
}
ARCHIVE_REASONS = ("Left the school", "Left the club", "Moved away", "No longer attends")


def _lines_box(name: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)  # keyboard users must be able to leave the box
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class ChildDialog(FormDialog):
    """Add a child to the register, or change a child's file header (``existing``)."""

    area = AREA

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        existing: ChildFile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Add a child" if existing is None else f"Change {existing.name}'s details"
        ok_text = "Add child" if existing is None else "Save changes"
        super().__init__(signed, bus, title=title, ok_text=ok_text, parent=parent)
        self.setMinimumWidth(900)
        self.existing = existing
        self.added_id: int | None = None
        self._build()
        if existing is not None:
            self._fill(existing.details)
        self._status_changed()
        self.finish_layout(
            paragraph(
                "Legal names as on the birth certificate or the school's records; the "
                "preferred name is the one the child uses. Dates as dd/mm/yyyy.",
                hint=True,
            )
        )

    def _build(self) -> None:
        child = QGroupBox("The child")
        left = _form(child)
        self.legal_forename = text_box("Legal forename", max_length=LIMITS["legal_forename"])
        self.legal_surname = text_box("Legal surname", max_length=LIMITS["legal_surname"])
        self.preferred_name = text_box("Preferred name", max_length=LIMITS["preferred_name"])
        self.other_names = text_box("Other names", max_length=LIMITS["other_names"])
        self.other_names.setPlaceholderText("Former names, other spellings")
        self.dob_status = QComboBox()
        self.dob_status.setAccessibleName("Date of birth is")
        for status, text in DOB_CHOICES.items():
            self.dob_status.addItem(text, status.value)
        self.birth_date = text_box("Date of birth", max_length=20)
        self.birth_date.setPlaceholderText("dd/mm/yyyy")
        self.birth_date.setMinimumWidth(
            self.birth_date.fontMetrics().horizontalAdvance("00/00/00000") + 24
        )
        born = QWidget()
        born_row = QHBoxLayout(born)
        born_row.setContentsMargins(0, 0, 0, 0)
        born_row.addWidget(self.dob_status)
        born_row.addWidget(self.birth_date, 1)
        born.setFocusProxy(self.dob_status)
        self.gender = text_box("Gender", max_length=LIMITS["gender"])
        self.ethnicity = text_box("Ethnicity", max_length=LIMITS["ethnicity"])
        self.address = _lines_box("Address")
        left.addRow("Legal &forename", self.legal_forename)
        left.addRow("Legal &surname", self.legal_surname)
        left.addRow("&Preferred name", self.preferred_name)
        left.addRow("&Other names", self.other_names)
        left.addRow("Date of &birth", born)
        left.addRow("&Gender", self.gender)
        left.addRow("&Ethnicity", self.ethnicity)
        left.addRow("A&ddress", self.address)

        setting = QGroupBox("At school or club")
        right = _form(setting)
        self.year_group = text_box("Year group or team", max_length=LIMITS["year_group_or_team"])
        self.external_id = text_box("Pupil or member id", max_length=LIMITS["external_id"])
        self.external_id.setPlaceholderText("UPN or membership number")
        self.send = QComboBox()
        self.send.setAccessibleName("Special educational needs")
        for send in Send:
            self.send.addItem(send.label, send.value)
        right.addRow("&Year group or team", self.year_group)
        right.addRow("Pupil or &member id", self.external_id)
        right.addRow("SE&N", self.send)
        flags = QWidget()
        grid = QGridLayout(flags)
        grid.setContentsMargins(0, 0, 0, 0)
        self.flags: dict[str, QCheckBox] = {}
        for number, (field, label, _short) in enumerate(FLAGS):
            box = QCheckBox(label)
            box.setAccessibleName(label)
            self.flags[field] = box
            grid.addWidget(box, number, 0)
        right.addRow("Flags", flags)

        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(child, 3)
        row.addWidget(setting, 2, Qt.AlignmentFlag.AlignTop)
        self.form.addRow(columns)
        self.dob_status.currentIndexChanged.connect(self._status_changed)
        self.fields.update(
            legal_forename=self.legal_forename,
            legal_surname=self.legal_surname,
            preferred_name=self.preferred_name,
            other_names=self.other_names,
            date_of_birth=self.birth_date,
            expected_delivery=self.birth_date,
            gender=self.gender,
            ethnicity=self.ethnicity,
            address=self.address,
            year_group_or_team=self.year_group,
            external_id=self.external_id,
            send=self.send,
        )

    def _status_changed(self) -> None:
        status = DobStatus(self.dob_status.currentData())
        self.birth_date.setEnabled(status is not DobStatus.UNKNOWN)
        name = "Expected date of delivery" if status is DobStatus.UNBORN else "Date of birth"
        self.birth_date.setAccessibleName(name)

    def _fill(self, details: ChildDetails) -> None:
        self.legal_forename.setText(details.legal_forename)
        self.legal_surname.setText(details.legal_surname)
        self.preferred_name.setText(details.preferred_name)
        self.other_names.setText(details.other_names)
        self.dob_status.setCurrentIndex(self.dob_status.findData(details.dob_status.value))
        self.birth_date.setText(date_text(details.date_of_birth or details.expected_delivery))
        self.gender.setText(details.gender)
        self.ethnicity.setText(details.ethnicity)
        self.address.setPlainText(details.address)
        self.year_group.setText(details.year_group_or_team)
        self.external_id.setText(details.external_id)
        self.send.setCurrentIndex(self.send.findData(details.send.value))
        for field, box in self.flags.items():
            box.setChecked(getattr(details.flags, field))

    def details(self) -> ChildDetails:
        """What the boxes say, as the services take it (dates checked as typed)."""
        status = DobStatus(self.dob_status.currentData())
        born: dt.date | None = None
        due: dt.date | None = None
        if status is DobStatus.KNOWN:
            born = parse_date("date_of_birth", self.birth_date.text())
        elif status is DobStatus.UNBORN:
            due = parse_date("expected_delivery", self.birth_date.text())
        return ChildDetails(
            legal_forename=self.legal_forename.text(),
            legal_surname=self.legal_surname.text(),
            preferred_name=self.preferred_name.text(),
            other_names=self.other_names.text(),
            dob_status=status,
            date_of_birth=born,
            expected_delivery=due,
            address=self.address.toPlainText(),
            gender=self.gender.text(),
            ethnicity=self.ethnicity.text(),
            send=Send(self.send.currentData()),
            year_group_or_team=self.year_group.text(),
            external_id=self.external_id.text(),
            flags=ChildFlags(**{f: box.isChecked() for f, box in self.flags.items()}),
        )

    def save(self) -> None:
        details = self.details()
        if self.existing is not None:
            children.update_child(self.signed, child_id=self.existing.id, details=details)
            return
        self.added_id = children.add_child(
            self.signed,
            legal_forename=details.legal_forename,
            legal_surname=details.legal_surname,
            preferred_name=details.preferred_name,
            other_names=details.other_names,
            dob_status=details.dob_status,
            date_of_birth=details.date_of_birth,
            expected_delivery=details.expected_delivery,
            address=details.address,
            gender=details.gender,
            ethnicity=details.ethnicity,
            send=details.send,
            year_group_or_team=details.year_group_or_team,
            external_id=details.external_id,
            flags=details.flags,
        )


class ArchiveDialog(FormDialog):
    """Archive a leaver: kept, with every concern, but off the register and the picker."""

    area = AREA

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, child: ChildFile, parent: QWidget | None = None
    ) -> None:
        super().__init__(signed, bus, title="Archive a record", ok_text="Archive", parent=parent)
        self.child = child
        kept = date_text(child.retention_review) or "its review date"
        intro = paragraph(
            f"Archive the record of {child.name}? Nothing is deleted: the record and every "
            f"concern stay until the retention review on {kept} (R1). It leaves the "
            "register and cannot be chosen for a new concern. To bring it back, tick "
            "“Show archived”, open it and choose Unarchive."
        )
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(ARCHIVE_REASONS)
        self.reason.setCurrentIndex(-1)
        self.reason.setAccessibleName("Reason")
        line = self.reason.lineEdit()
        assert line is not None
        line.setMaxLength(LIMITS["archive_reason"])
        line.setPlaceholderText("Why is the record archived?")
        self.form.addRow("&Reason", self.reason)
        self.fields["archive_reason"] = self.reason
        self.finish_layout(intro)

    def save(self) -> None:
        archive_and_merge.archive_child(
            self.signed, child_id=self.child.id, reason=self.reason.currentText()
        )


class UnarchiveDialog(FormDialog):
    area = AREA

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, child: ChildFile, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed, bus, title="Unarchive a record", ok_text="Unarchive", parent=parent
        )
        self.child = child
        self.finish_layout(
            paragraph(
                f"Bring the record of {child.name} back onto the register? It was archived "
                f"because: {child.archive_reason or 'no reason given'}."
            )
        )

    def save(self) -> None:
        archive_and_merge.unarchive_child(self.signed, child_id=self.child.id)


class MergeDialog(FormDialog):
    """Find the other record of the same child and merge it into this one."""

    area = AREA

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, child: ChildFile, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed, bus, title="Merge two records", ok_text="Merge records", parent=parent
        )
        self.child = child
        intro = paragraph(
            f"Is there a second record of {child.name} — another spelling, or added twice? "
            "Find it here. It is merged into this one: this record stays, the other leaves "
            "the register, and every concern on either shows on this child's chronology. "
            "Flags and the people around the child are brought across. A merge cannot be "
            "undone."
        )
        self.search = QLineEdit()
        self.search.setAccessibleName("Find the other record")
        self.search.setPlaceholderText("Type a name or pupil id")
        self.search.setText(child.details.legal_surname)
        self.matches = QListWidget()
        self.matches.setAccessibleName("Records found")
        self.matches.setMinimumHeight(140)
        self.sure = QCheckBox("I have checked that both records are the same child")
        self.sure.setAccessibleName("I have checked that both records are the same child")
        self.form.addRow("&Find", self.search)
        self.form.addRow("Records", self.matches)
        self.form.addRow("", self.sure)
        self.fields.update(merge=self.matches, sure=self.sure)
        self.ok_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.search.textChanged.connect(self._find)
        self.finish_layout(intro)
        self._find()

    def _find(self) -> None:
        self.matches.clear()
        try:
            rows = children.list_children(
                self.signed, text=self.search.text(), include_archived=True, limit=30
            )
        except WtscError as error:
            self.feedback.show_error(error)
            return
        for row in rows:
            if row.id == self.child.id:
                continue
            born = birth_text(row.dob_status, row.date_of_birth, row.expected_delivery)
            parts = [row.name, f"born {born}", row.year_group_or_team]
            parts += [f"id {row.external_id}" if row.external_id else "", "archived" * row.archived]
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.matches.addItem(item)
        if not self.matches.count():
            note = QListWidgetItem("No other record found. Try another spelling or the pupil id.")
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.matches.addItem(note)

    def chosen(self) -> int | None:
        item = self.matches.currentItem()
        found = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return None if found is None else int(found)

    def save(self) -> None:
        other = self.chosen()
        if other is None:
            raise ValidationError("merge", "Choose the other record in the list first.")
        if not self.sure.isChecked():
            raise ValidationError("sure", "Tick the box to say that you checked both records.")
        archive_and_merge.merge_children(self.signed, keep_id=self.child.id, merge_id=other)
