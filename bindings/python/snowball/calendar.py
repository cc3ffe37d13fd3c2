"""The Chinese calendar, festivals and working days (no archive needed), and the care calendar's
records.

    snowball.calendar.to_lunar(date(2026, 9, 25))          # LunarDate(year=2026, month=8, day=15, leap=False)
    snowball.calendar.to_gregorian(2026, 8, 15)            # date(2026, 9, 25)
    snowball.calendar.solar_term(2026, "qingming")         # date(2026, 4, 5)
    snowball.calendar.festivals(2026)                      # [("new_year", date(2026, 1, 1)), ...]
    snowball.calendar.add_working_days(date(2025, 9, 30), 3)   # WorkdayResult(date(2025, 10, 11), ...)
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple


@dataclass(frozen=True)
class LunarDate:
    """A date of the Chinese lunisolar calendar. ``leap`` marks a leap month (闰月).

    The lunar year is numbered by the Gregorian year in which its first day (正月初一) falls.
    """

    year: int
    month: int
    day: int
    leap: bool = False


@dataclass(frozen=True)
class LunarInfo:
    """A lunar date with its names: 闰四月, 十五, 丙午年闰四月十五, the zodiac and the solar term."""

    date: LunarDate
    month_name: str
    day_name: str
    text: str
    zodiac: str
    zodiac_en: str
    cyclical_year: str
    solar_term: Optional[str]


@dataclass(frozen=True)
class WorkdayResult:
    date: _dt.date
    estimated: bool               # a year involved has no published arrangement: weekends only
    unpublished_years: List[int]


@dataclass(frozen=True)
class WorkdayCount:
    days: int
    estimated: bool
    unpublished_years: List[int]


@dataclass(frozen=True)
class WorkingDay:
    date: _dt.date
    working: bool
    holiday: Optional[str]
    published: bool


@dataclass(frozen=True)
class TaskOccasion:
    kind: str                     # birthday, family_birthday, festival, deal_anniversary, follow_up
    key: str                      # "birthday", a festival key, "anniversary:3", "follow_up:30d"
    title: str
    family_member_id: Optional[int] = None
    deal_id: Optional[int] = None         # anniversaries and follow-ups: the deal they come from


@dataclass(frozen=True)
class TaskAction:
    action: str                   # call, call_or_sms, flowers_or_cake, follow_up_call, ...
    channel: str                  # phone, sms, gift, visit, wechat, letter, email
    lead_days: int
    start: _dt.date               # the day to start preparing
    label: str


@dataclass(frozen=True)
class CareTask:
    """One customer's care task of one day: every occasion of that day, every action the policy asks."""

    id: int
    customer_id: int
    customer_name: str
    archive_no: str
    site: str
    consultant_id: Optional[int]
    date: _dt.date
    prepare_from: _dt.date
    occasions: List[TaskOccasion]
    actions: List[TaskAction]
    status: str = "open"
    outcome: str = ""
    note: str = ""
    done_at: Optional[_dt.datetime] = None
    done_by: Optional[int] = None

    @property
    def occasion(self) -> str:
        """The occasion kinds of the day, joined by "+": "birthday", "festival", "birthday+festival"."""
        kinds: List[str] = []
        for o in self.occasions:
            if o.kind not in kinds:
                kinds.append(o.kind)
        return "+".join(kinds)

    @property
    def action(self) -> str:
        """The actions asked, joined by "+": "flowers_or_cake+call", "call_or_sms"."""
        return "+".join(a.action for a in self.actions)

    @property
    def family_member_ids(self) -> List[int]:
        return [o.family_member_id for o in self.occasions if o.family_member_id is not None]

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "CareTask":
        from .records import to_datetime

        return cls(
            d["id"], d["customer_id"], d["customer_name"], d["archive_no"], d["site"], d["consultant_id"],
            _dt.date.fromisoformat(d["date"]), _dt.date.fromisoformat(d["prepare_from"]),
            [TaskOccasion(o["kind"], o["key"], o["title"], o["family_member_id"], o["deal_id"]) for o in d["occasions"]],
            [TaskAction(a["action"], a["channel"], a["lead_days"], _dt.date.fromisoformat(a["start"]), a["label"])
             for a in d["actions"]],
            d["status"], d["outcome"], d["note"], to_datetime(d["done_at"]), d["done_by"])


def _iso(value: Any, what: str) -> bytes:
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise TypeError("%s must be a datetime.date, not %r" % (what, value))
    return value.isoformat().encode()


def _call(fn, *args) -> Any:
    from ._native import call_json

    return call_json(fn, *args)


def _lib():
    from ._native import lib

    return lib


def lunar_info(date: _dt.date) -> LunarInfo:
    d = _call(_lib().snowball_calendar_to_lunar, _iso(date, "date"))
    return LunarInfo(LunarDate(d["year"], d["month"], d["day"], d["leap"]), d["month_name"], d["day_name"], d["text"],
                     d["zodiac"], d["zodiac_en"], d["cyclical_year"], d["solar_term"])


def to_lunar(date: _dt.date) -> LunarDate:
    """The lunar date of a Gregorian day (1900-01-31 .. 2100-12-31; InvalidArgument outside)."""
    return lunar_info(date).date


def to_gregorian(year: int, month: int, day: int, leap: bool = False) -> _dt.date:
    """The Gregorian day of a lunar date; InvalidArgument when it does not exist (no such leap month, day 30 of
    a 29-day month)."""
    from ._native import call

    return _dt.date.fromisoformat(call(_lib().snowball_calendar_to_gregorian, year, month, day, 1 if leap else 0))


def solar_term(year: int, name: str) -> _dt.date:
    """The day a solar term begins in a Gregorian year; names in pinyin: "lichun", ..., "qingming", ..."""
    from ._native import c_text, call

    return _dt.date.fromisoformat(call(_lib().snowball_calendar_solar_term, year, c_text(name)))


def festivals(year: int) -> List[Tuple[str, _dt.date]]:
    """The default festivals falling in the Gregorian year, as (key, date), by date. A lunar festival can fall twice
    in one Gregorian year."""
    return [(f["key"], _dt.date.fromisoformat(f["date"])) for f in _call(_lib().snowball_calendar_festivals, year)]


def add_working_days(date: _dt.date, n: int, *, archive: Any = None) -> WorkdayResult:
    """The n-th working day after ``date`` under the State Council's arrangements (``date`` itself does not count).
    ``estimated`` says a year involved is not published yet (weekends only were used). With ``archive``, the
    arrangements loaded into it count too."""
    handle = archive._handle if archive is not None else None
    d = _call(_lib().snowball_workdays_add, handle, _iso(date, "date"), n)
    return WorkdayResult(_dt.date.fromisoformat(d["date"]), d["estimated"], d["unpublished_years"])


def working_days_between(start: _dt.date, end: _dt.date, *, archive: Any = None) -> WorkdayCount:
    """The working days in (start, end]."""
    handle = archive._handle if archive is not None else None
    d = _call(_lib().snowball_workdays_between, handle, _iso(start, "start"), _iso(end, "end"))
    return WorkdayCount(d["days"], d["estimated"], d["unpublished_years"])


def working_day(date: _dt.date, *, archive: Any = None) -> WorkingDay:
    handle = archive._handle if archive is not None else None
    d = _call(_lib().snowball_workdays_day, handle, _iso(date, "date"))
    return WorkingDay(_dt.date.fromisoformat(d["date"]), d["working"], d["holiday"], d["published"])


def is_working_day(date: _dt.date, *, archive: Any = None) -> bool:
    return working_day(date, archive=archive).working
