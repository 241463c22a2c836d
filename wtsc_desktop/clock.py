"""Time as the app sees it: injectable, so tests and commands can run "as of" any date.

"Today" is the date in Europe/London (guidance.md, Units), never the UTC date.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Protocol
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, timezone-aware, in UTC."""
        ...

    def elapsed(self) -> float:
        """Seconds on a counter that keeps running while the computer sleeps."""
        ...

    def awake(self) -> float:
        """Seconds on a counter that stops while the computer sleeps (to notice a wake)."""
        ...


def today_in_london(clock: Clock) -> dt.date:
    """The calendar date in England now (00:30 BST is already tomorrow there)."""
    return clock.now().astimezone(LONDON).date()


def _boot_time() -> float:
    # CLOCK_BOOTTIME counts suspended time; time.monotonic() stops while a laptop sleeps.
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.time()


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def elapsed(self) -> float:
        return _boot_time()

    def awake(self) -> float:
        return time.monotonic()


@dataclass
class FixedClock:
    """A clock for tests and "as of" runs; ``advance`` moves both readings together."""

    current: dt.datetime = field(
        default_factory=lambda: dt.datetime(2026, 9, 2, 9, 0, tzinfo=dt.UTC)
    )
    counter: float = 0.0
    awake_counter: float = 0.0

    def now(self) -> dt.datetime:
        return self.current

    def elapsed(self) -> float:
        return self.counter

    def awake(self) -> float:
        return self.awake_counter

    def advance(self, seconds: float) -> None:
        """Time passes with the computer awake."""
        self.current += dt.timedelta(seconds=seconds)
        self.counter += seconds
        self.awake_counter += seconds

    def sleep(self, seconds: float) -> None:
        """The computer sleeps: wall time and the boot counter move, the awake one does not."""
        self.current += dt.timedelta(seconds=seconds)
        self.counter += seconds
