"""The rules, as pure functions and data: no Qt, no SQL, no I/O, nothing of the project.

Each rule carries its id from shared/guidance.md (T1…, D1…, R1…), its source and its
edition, so it can be found by id and updated in one place.
"""
