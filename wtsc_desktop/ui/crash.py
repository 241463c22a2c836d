"""The crash dialog: a short reference, where the details are, and reassurance. It sends
nothing anywhere, and the log it points to holds no personal data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from wtsc_desktop import APP_NAME


def crash_text(reference: str, log_folder: Path) -> str:
    return (
        f"Something went wrong inside {APP_NAME} (reference {reference}).\n\n"
        "Everything saved before this is safe, and anything you were typing in a concern "
        "is kept as a draft. If this happens again, give the reference to whoever looks "
        f"after your computer. The technical details (with no personal data) are in:\n"
        f"{log_folder}"
    )


def show_crash(reference: str, log_folder: Path) -> None:
    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, crash_text(reference, log_folder))
    box.setAccessibleName("Something went wrong")
    box.setAccessibleDescription(crash_text(reference, log_folder))
    box.open()
    show_crash.last_box = box  # type: ignore[attr-defined]  # keep it alive while shown
