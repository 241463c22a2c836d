"""How every long list of records is set up (children, concerns, the audit log): whole
rows chosen one at a time, nothing typed in, Tab moving on to the next control, and each
column wide enough for a typical entry and its heading."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView


def set_up_record_table(
    table: QTableView,
    *,
    name: str,
    model: QAbstractItemModel,
    headings: Sequence[str],
    samples: Sequence[str],
) -> None:
    """Give ``table`` its accessible ``name`` and ``model``; size column ``i`` to fit
    ``samples[i]`` and ``headings[i]``; the last column takes the room left."""
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    metrics = table.fontMetrics()
    for column, sample in enumerate(samples):
        width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(headings[column]))
        header.resizeSection(column, width + 24)
