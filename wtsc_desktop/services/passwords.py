"""Judging a new password: at least 12 characters and a fair strength by zxcvbn."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from wtsc_desktop.errors import WeakPassword

MIN_LENGTH = 12
MIN_SCORE = 2  # zxcvbn's "fair": 0 and 1 are guessed in minutes to hours
_ZXCVBN_LIMIT = 72  # zxcvbn 4.5 raises ValueError beyond this (verified.md)


def check_new_password(password: str, *, related: Sequence[str] = ()) -> None:
    """Raise WeakPassword with the reason when ``password`` is too short or too easy.

    ``related`` holds words a guesser would try first: the user's name, the organisation.
    """
    if any(unicodedata.category(ch) == "Cc" for ch in password):
        # A line break (or any control character) could never be typed at the sign-in box
        # or on the command line, which reads the password as one line.
        raise WeakPassword(
            "A password cannot hold a line break, a tab or another control character."
        )
    if len(password) < MIN_LENGTH:
        raise WeakPassword(
            f"The password needs at least {MIN_LENGTH} characters "
            f"(it has {len(password)}). Three or four unrelated words make a strong one."
        )
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:_ZXCVBN_LIMIT], user_inputs=[w for w in related if w])
    if result["score"] < MIN_SCORE:
        feedback = result.get("feedback", {})
        reason = feedback.get("warning") or "It would be easy to guess."
        hints = " ".join(feedback.get("suggestions", []))
        raise WeakPassword(f"This password is too weak. {reason} {hints}".strip())
