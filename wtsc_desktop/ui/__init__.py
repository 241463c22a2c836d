"""The PySide6 interface. Talks to ``services`` only, never to ``store``; decides how to
show the errors services raise. Layouts are built in code (one style, chosen once).

Importing this package first guards against PySide6 6.12's reference-count bug on
Python 3.11 (see ``pyside_fix``), so every window, test and benchmark is protected.
"""

from wtsc_desktop.ui.pyside_fix import keep_none_alive

keep_none_alive()
