"""Light and dark palettes, and the few style rules the app adds to Qt's Fusion style.

The choice is harmless window state, so it lives in QSettings, not in the database.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#202326",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#15171a",
    QPalette.ColorRole.AlternateBase: "#24282c",
    QPalette.ColorRole.ToolTipBase: "#2b3035",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2b3035",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ff8a80",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    # Fusion draws frames and indicators from these; the defaults vanish on a dark window.
    QPalette.ColorRole.Light: "#4a4f55",
    QPalette.ColorRole.Midlight: "#3a3e43",
    QPalette.ColorRole.Mid: "#6b7178",
    QPalette.ColorRole.Dark: "#111315",
    QPalette.ColorRole.Shadow: "#000000",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f4f5f7",
    QPalette.ColorRole.WindowText: "#1d2125",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#eef1f4",
    QPalette.ColorRole.ToolTipBase: "#ffffe8",
    QPalette.ColorRole.ToolTipText: "#1d2125",
    QPalette.ColorRole.PlaceholderText: "#6b7280",
    QPalette.ColorRole.Text: "#1d2125",
    QPalette.ColorRole.Button: "#e9ecef",
    QPalette.ColorRole.ButtonText: "#1d2125",
    QPalette.ColorRole.BrightText: "#b00020",
    QPalette.ColorRole.Link: "#0b57d0",
    QPalette.ColorRole.Highlight: "#1f5fae",
    QPalette.ColorRole.HighlightedText: "#ffffff",
}

_STYLE = """
QLabel#feedback[kind="error"] { color: %(error)s; font-weight: bold; }
QLabel#feedback[kind="ok"] { color: %(ok)s; }
QLabel#pageTitle { font-size: 15pt; font-weight: bold; }
QLabel#hint { color: %(hint)s; }
QListWidget#navigation { font-size: 11pt; }
QListWidget#navigation::item { padding: 8px 10px; }
QLabel#urgent { color: %(error)s; font-weight: bold; }
QStatusBar QLabel { padding: 0 10px; border-left: 1px solid %(rule)s; }
"""

# On a dark window Fusion's text-box outline is darker than the window itself.
_DARK_EXTRA = """
QLineEdit, QPlainTextEdit, QTextEdit {
    border: 1px solid #6b7178; border-radius: 3px; padding: 2px 4px;
}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus { border: 1px solid #8ab4f8; }
QFrame[frameShape="6"] { border: 1px solid #4a4f55; }
QCheckBox::indicator, QRadioButton::indicator {
    width: 13px; height: 13px; border: 1px solid #9aa0a6; background: #15171a;
}
QRadioButton::indicator { border-radius: 7px; }
QCheckBox::indicator:checked, QRadioButton::indicator:checked {
    background: #8ab4f8; border: 1px solid #e8eaed;
}
QCheckBox::indicator:focus, QRadioButton::indicator:focus { border-color: #8ab4f8; }
"""


def _palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(colours[QPalette.ColorRole.PlaceholderText])
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, name: str) -> None:
    """Switch the whole app to ``name`` ("light" or "dark")."""
    dark = name == "dark"
    app.setStyle("Fusion")
    app.setPalette(_palette(_DARK if dark else _LIGHT))
    app.setStyleSheet(
        _STYLE
        % {
            "error": "#ff8a80" if dark else "#b00020",
            "ok": "#81c995" if dark else "#1e7b34",
            "hint": "#bdc1c6" if dark else "#4b5563",
            "rule": "#5f6368" if dark else "#c4c9cf",
        }
        + (_DARK_EXTRA if dark else "")
    )


def saved_theme() -> str:
    value = QSettings().value("appearance/theme", "light")
    return value if value in THEMES else "light"


def save_theme(name: str) -> None:
    QSettings().setValue("appearance/theme", name)
