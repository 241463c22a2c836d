"""The sections of the main window. Each is a ``View`` (``base.py``) that the main window
shows when the signed-in person's role may use it.
"""
