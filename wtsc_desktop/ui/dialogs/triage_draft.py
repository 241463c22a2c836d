"""The triage wizard's answers as plain data, so that a decision half made when the
session locks is kept as an encrypted draft and put back after signing in again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime

from wtsc_desktop.guidance.categories import Threshold
from wtsc_desktop.services.triage import ActionInput
from wtsc_desktop.ui.dialogs.triage_pages import qdate
from wtsc_desktop.ui.dialogs.triage_wizard import TriageWizard


def wizard_draft(wizard: TriageWizard) -> dict[str, Any] | None:
    """Every answer so far (JSON-ready), or None when nothing has been chosen or typed."""
    threshold = wizard.decision_page.chosen()
    reasons, sharing, actions = wizard.reasons_page, wizard.sharing_page, wizard.actions_page
    rationale = reasons.rationale.toPlainText()
    if threshold is None and not rationale.strip() and not actions.planned:
        return None
    advice_at = reasons.advice_at.dateTime()
    review = reasons.review_on.date()
    return {
        "threshold": threshold.value if threshold else "",
        "rationale": rationale,
        "advice_sought": reasons.advice.isChecked(),
        "advice_from": reasons.advice_from.text(),
        "advice_at": advice_at.toString("yyyy-MM-ddTHH:mm"),
        "review_on": dt.date(review.year(), review.month(), review.day()).isoformat(),
        "consent": sharing.consent.currentData() or "",
        "consent_reason": sharing.reason.toPlainText(),
        "lawful_basis": sharing.basis.currentData() or "",
        "actions": [
            {
                "description": a.description,
                "due_on": a.due_on.isoformat(),
                "owner_id": a.owner_id,
                "owner_name": a.owner_name,
                "shown": shown,
            }
            for a, shown in zip(actions.planned, actions.owners_shown, strict=True)
        ],
    }


def restore_wizard(wizard: TriageWizard, state: dict[str, Any]) -> None:
    """Put back what ``wizard_draft`` returned; anything unreadable is left as it is."""
    reasons, sharing, actions = wizard.reasons_page, wizard.sharing_page, wizard.actions_page
    try:
        threshold: Threshold | None = Threshold(state.get("threshold", ""))
    except ValueError:
        threshold = None
    if threshold is not None:
        wizard.decision_page.buttons[threshold].setChecked(True)
    reasons.rationale.setPlainText(str(state.get("rationale", "")))
    reasons.advice.setChecked(bool(state.get("advice_sought")))
    reasons.advice_from.setText(str(state.get("advice_from", "")))
    advice_at = QDateTime.fromString(str(state.get("advice_at", "")), "yyyy-MM-ddTHH:mm")
    if advice_at.isValid():
        reasons.advice_at.setDateTime(advice_at)
    with contextlib.suppress(ValueError):  # a review date that cannot be read stays unset
        reasons.review_on.setDate(qdate(dt.date.fromisoformat(str(state.get("review_on")))))
    for box, key in ((sharing.consent, "consent"), (sharing.basis, "lawful_basis")):
        index = box.findData(state.get(key, ""))
        if index >= 0:
            box.setCurrentIndex(index)
    sharing.reason.setPlainText(str(state.get("consent_reason", "")))
    for item in state.get("actions", []):
        try:
            due = dt.date.fromisoformat(str(item["due_on"]))
            owner_id = item.get("owner_id")
            action = ActionInput(
                str(item["description"]),
                due,
                int(owner_id) if owner_id is not None else None,
                str(item.get("owner_name", "")),
            )
        except (KeyError, TypeError, ValueError):
            continue
        actions.keep(action, str(item.get("shown", "")) or action.owner_name)
    wizard.concern_page.feedback.show_ok(
        "Your answers from before the lock are back: check each page, then record the decision."
    )
