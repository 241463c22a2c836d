"""The words on a wizard's buttons, each with the same accessible name (Qt leaves the
names of QWizard's own buttons empty until they are set)."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

W = QWizard.WizardButton


def name_wizard_buttons(
    wizard: QWizard,
    *,
    finish: str,
    commit: str = "Commit",
    back: str = "&Back",
    next_: str = "&Next",
    cancel: str = "Cancel",
) -> None:
    """Label every button of ``wizard`` ("&" marks the Alt key letter) and give each the
    label as its accessible name, without the "&" and arrows."""
    for which, text in (
        (W.BackButton, back),
        (W.NextButton, next_),
        (W.FinishButton, finish),
        (W.CancelButton, cancel),
        (W.CommitButton, commit),
        (W.HelpButton, "Help"),
    ):
        wizard.setButtonText(which, text)
        name = text.replace("&", "").strip("<> ")
        button = wizard.button(which)
        if button is not None:
            button.setAccessibleName(name)
