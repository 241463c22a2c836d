"""Use cases: the only way data changes. Each call checks the caller's role, runs in one
transaction and appends an audit event. Services take keyword arguments and return frozen
dataclasses, never ORM rows or Qt objects; they raise ``wtsc_desktop.errors`` and never
open a dialog.

May import ``store``, ``guidance``, ``reports``, ``errors``, ``clock`` and ``paths``.
"""
