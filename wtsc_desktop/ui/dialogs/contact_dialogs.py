"""The people around a child: a list of them (who holds parental responsibility first),
and dialogs to add someone, change their details, or take them off the list. Each change
saves through ``services.child_contacts`` and announces "children" on the data bus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.services import child_contacts
from wtsc_desktop.services.child_types import (
    LIMITS,
    ChildFile,
    ContactDetails,
    ContactRecord,
    checked_contact,
)
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph, text_box

AREA = "children"
RELATIONSHIPS = ("Mother", "Father", "Step-parent", "Grandparent", "Carer", "Foster carer",
                 "Brother", "Sister", "Other household member", "Social worker")  # fmt: skip
COLUMNS = ("Name", "Relationship", "Parental responsibility", "Lives with the child", "Phone",
           "Email")  # fmt: skip


def contact_cells(contact: ContactDetails) -> tuple[str, ...]:
    """A person around the child as the lists show them."""
    return (
        contact.name,
        contact.relationship,
        "Yes" if contact.parental_responsibility else "No",
        "Yes" if contact.lives_with_child else "No",
        contact.phone,
        contact.email,
    )


def contacts_table(name: str) -> QTableWidget:
    """A read-only table of people, one row each."""
    table = QTableWidget(0, len(COLUMNS))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(COLUMNS)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def fill_contacts(table: QTableWidget, contacts: tuple[ContactRecord, ...]) -> None:
    table.setRowCount(len(contacts))
    for row, contact in enumerate(contacts):
        for column, text in enumerate(contact_cells(contact.details)):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            table.setItem(row, column, item)


def _ordered(contacts: list[ContactRecord]) -> tuple[ContactRecord, ...]:
    # As the service gives them: parental responsibility first, then as added.
    return tuple(sorted(contacts, key=lambda c: (not c.details.parental_responsibility, c.id)))


class ContactDialog(FormDialog):
    """Add someone around a child, or change their details (``existing``)."""

    area = AREA

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        child: ChildFile,
        existing: ContactRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        adding = existing is None
        super().__init__(
            signed,
            bus,
            title=f"Add someone around {child.name}" if adding else "Change someone's details",
            ok_text="Add person" if adding else "Save changes",
            parent=parent,
        )
        self.child = child
        self.existing = existing
        self.saved: ContactRecord | None = None
        self.name = text_box("Name", max_length=LIMITS["name"])
        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.addItems(RELATIONSHIPS)
        self.relationship.setCurrentIndex(-1)
        self.relationship.setAccessibleName("Relationship to the child")
        line = self.relationship.lineEdit()
        assert line is not None
        line.setMaxLength(LIMITS["relationship"])
        self.responsibility = QCheckBox("Holds parental responsibility")
        self.responsibility.setAccessibleName("Holds parental responsibility")
        self.lives_with = QCheckBox("Lives with the child")
        self.lives_with.setAccessibleName("Lives with the child")
        self.phone = text_box("Phone", max_length=LIMITS["phone"])
        self.email = text_box("Email", max_length=LIMITS["email"])
        self.address = QPlainTextEdit()
        self.address.setAccessibleName("Address, if not the child's")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 3 + 14)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Relationship", self.relationship)
        self.form.addRow("", self.responsibility)
        self.form.addRow("", self.lives_with)
        self.form.addRow("&Phone", self.phone)
        self.form.addRow("&Email", self.email)
        self.form.addRow("A&ddress", self.address)
        self.form.addRow("N&otes", self.notes)
        self.fields.update(
            name=self.name,
            relationship=self.relationship,
            phone=self.phone,
            email=self.email,
            address=self.address,
            notes=self.notes,
        )
        if existing is not None:
            self._fill(existing.details)
        self.finish_layout(
            paragraph(
                "Parents, carers and everyone who lives in the child's household, with "
                "how they are related to the child. Tick who holds parental "
                "responsibility: they are usually the people to ask for consent.",
                hint=True,
            )
        )

    def _fill(self, contact: ContactDetails) -> None:
        self.name.setText(contact.name)
        self.relationship.setCurrentText(contact.relationship)
        self.responsibility.setChecked(contact.parental_responsibility)
        self.lives_with.setChecked(contact.lives_with_child)
        self.phone.setText(contact.phone)
        self.email.setText(contact.email)
        self.address.setPlainText(contact.address)
        self.notes.setPlainText(contact.notes)

    def contact(self) -> ContactDetails:
        return ContactDetails(
            name=self.name.text(),
            relationship=self.relationship.currentText(),
            parental_responsibility=self.responsibility.isChecked(),
            lives_with_child=self.lives_with.isChecked(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        contact = self.contact()
        if self.existing is None:
            new_id = child_contacts.add_contact(
                self.signed, child_id=self.child.id, contact=contact
            )
        else:
            new_id = self.existing.id
            child_contacts.update_contact(self.signed, contact_id=new_id, contact=contact)
        # As the service stored it (trimmed), without opening the file again.
        self.saved = ContactRecord(new_id, checked_contact(contact))


class RemoveContactDialog(FormDialog):
    area = AREA

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        contact: ContactRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(signed, bus, title="Remove someone", ok_text="Remove", parent=parent)
        self.contact = contact
        self.ok_button.setAccessibleName(f"Remove {contact.details.name}")
        self.ok_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.finish_layout(
            paragraph(
                f"Take {contact.details.name} off the list of people around the child? "
                "Do this when they have moved out or were added by mistake. The audit log "
                "keeps a note that someone was removed, and when."
            )
        )

    def save(self) -> None:
        child_contacts.remove_contact(self.signed, contact_id=self.contact.id)


class ContactsDialog(QDialog):
    """Everyone around a child, with Add, Change and Remove."""

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, child: ChildFile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.signed = signed
        self.bus = bus
        self.child = child
        self.contacts = list(child.contacts)
        self.changed = False
        title = f"People around {child.name}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumSize(820, 420)
        self.table = contacts_table("People around the child")
        self.table.doubleClicked.connect(lambda _index: self._change())
        self.add_button = QPushButton("&Add someone…")
        self.add_button.setAccessibleName("Add someone")
        self.change_button = QPushButton("&Change…")
        self.change_button.setAccessibleName("Change the chosen person's details")
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setAccessibleName("Remove the chosen person")
        self.feedback = FeedbackLabel(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        close_button.setText("Close")
        close_button.setAccessibleName("Close")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        column = QVBoxLayout(self)
        column.addWidget(
            paragraph(
                "Parents, carers and everyone in the household. Who holds parental "
                "responsibility is listed first.",
                hint=True,
            )
        )
        column.addLayout(buttons)
        column.addWidget(self.table, 1)
        column.addWidget(self.feedback)
        column.addWidget(close)
        self.add_button.clicked.connect(self._add)
        self.change_button.clicked.connect(self._change)
        self.remove_button.clicked.connect(self._remove)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.dialog: FormDialog | None = None
        self._show_list()

    def _show_list(self, chosen: int | None = None) -> None:
        fill_contacts(self.table, _ordered(self.contacts))
        self.table.resizeColumnsToContents()
        if chosen is not None:
            for row in range(self.table.rowCount()):
                item = self.table.item(row, 0)
                if item is not None and item.data(Qt.ItemDataRole.UserRole) == chosen:
                    self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> ContactRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        wanted = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.contacts if c.id == wanted), None)

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.change_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _open(self, dialog: FormDialog) -> None:
        self.feedback.clear_message()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self.table.setFocus())
        dialog.open()

    def _add(self) -> None:
        dialog = ContactDialog(self.signed, self.bus, self.child, parent=self)

        def added() -> None:
            if dialog.saved is not None:
                self.contacts.append(dialog.saved)
                self.changed = True
                self._show_list(dialog.saved.id)
                self.feedback.show_ok(f"{dialog.saved.details.name} was added.")

        dialog.accepted.connect(added)
        self._open(dialog)

    def _change(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        dialog = ContactDialog(self.signed, self.bus, self.child, contact, parent=self)

        def changed() -> None:
            if dialog.saved is not None:
                self.contacts = [dialog.saved if c.id == contact.id else c for c in self.contacts]
                self.changed = True
                self._show_list(contact.id)
                self.feedback.show_ok(f"{dialog.saved.details.name}'s details were saved.")

        dialog.accepted.connect(changed)
        self._open(dialog)

    def _remove(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        dialog = RemoveContactDialog(self.signed, self.bus, contact, parent=self)

        def removed() -> None:
            self.contacts = [c for c in self.contacts if c.id != contact.id]
            self.changed = True
            self._show_list()
            self.feedback.show_ok(f"{contact.details.name} was taken off the list.")

        dialog.accepted.connect(removed)
        self._open(dialog)
