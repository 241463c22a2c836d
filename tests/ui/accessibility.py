"""One check for every screen and dialog: each control a person can use has a name a
screen reader can say, and can be reached with the Tab key.

    from tests.ui.accessibility import assert_accessible
    assert_accessible(dialog)   # raises AssertionError listing every offender
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

# Line edits, combo boxes, buttons and check boxes, spin boxes and date edits, tables and
# lists, and multi-line text boxes.
INTERACTIVE: tuple[type[QWidget], ...] = (
    QLineEdit,
    QComboBox,
    QAbstractButton,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


def _is_part_of_another_control(widget: QWidget, top: QWidget) -> bool:
    """The inner pieces Qt builds inside a control (a spin box's line edit, a table's
    corner button, a combo box's list, a date edit's calendar) are named through it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        # The menu bar is reached with Alt or F10, not Tab; its own button is part of it.
        if isinstance(parent, (*INTERACTIVE, QMenuBar)):
            return True
        parent = parent.parentWidget()
    return False


def _reached_with_arrows(control: QWidget) -> bool:
    """Qt keeps one radio button of an exclusive set in the Tab order (the checked or last
    focused one) and takes the others out: Tab reaches that one, the arrow keys the rest."""
    if not isinstance(control, QRadioButton):
        return False
    group = control.group()
    parent = control.parentWidget()
    if group is not None:
        siblings = group.buttons()
    elif control.autoExclusive() and parent is not None:
        siblings = [b for b in parent.findChildren(QRadioButton) if b.autoExclusive()]
    else:
        return False
    return any(
        b is not control and b.focusPolicy().value & Qt.FocusPolicy.TabFocus.value for b in siblings
    )


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QAbstractButton, QLineEdit)):
        text = widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    name = widget.objectName()
    return (
        f"{type(widget).__name__}" + (f" #{name}" if name else "") + (f" {text!r}" if text else "")
    )


def offenders(widget: QWidget) -> list[str]:
    """Each control under ``widget`` (and itself) lacking a name or Tab focus, described."""
    found = []
    candidates = [widget, *widget.findChildren(QWidget)]
    for control in candidates:
        if not isinstance(control, INTERACTIVE):
            continue
        if control is not widget and _is_part_of_another_control(control, widget):
            continue
        problems = []
        if not control.accessibleName().strip():
            problems.append("no accessible name")
        if not (
            control.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
            or _reached_with_arrows(control)
        ):
            problems.append("not reachable with Tab")
        if problems:
            found.append(f"{_describe(control)}: {', '.join(problems)}")
    return found


def assert_accessible(widget: QWidget) -> None:
    """Raise AssertionError listing every control that lacks an accessible name or Tab."""
    found = offenders(widget)
    if found:
        raise AssertionError(
            f"{len(found)} control(s) in {_describe(widget)} are not accessible:\n  "
            + "\n  ".join(found)
        )
