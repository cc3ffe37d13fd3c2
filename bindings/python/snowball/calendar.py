"""The Chinese calendar: lunar dates as values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LunarDate:
    """A date of the Chinese lunisolar calendar. ``leap`` marks a leap month (闰月).

    The lunar year is numbered by the Gregorian year in which its first day (正月初一) falls.
    """

    year: int
    month: int
    day: int
    leap: bool = False
