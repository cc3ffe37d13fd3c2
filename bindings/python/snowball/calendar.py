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
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._native import c_text, call, call_json, lib
from ._support import Service, actor, dumps, iso, ref, site_code, to_datetime, without_none
from .errors import NotFound
from .records import Consultant, LunarDate, Site

ConsultantRef = Union[int, Consultant, None]


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
    return call_json(fn, *args)


def _lib():
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
    return _dt.date.fromisoformat(call(_lib().snowball_calendar_to_gregorian, year, month, day, 1 if leap else 0))


def solar_term(year: int, name: str) -> _dt.date:
    """The day a solar term begins in a Gregorian year; names in pinyin: "lichun", ..., "qingming", ..."""
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


class CareCalendarService(Service):
    """The care calendar: festivals, birthdays, anniversaries and follow-ups as dated care tasks."""

    def agenda(self, start: _dt.date, end: _dt.date, site: Union[str, Site, None] = None,
               consultant: ConsultantRef = None, *, include_closed: bool = True) -> List[CareTask]:
        """The tasks of [start, end] for a site or a consultant, generated once per customer and day."""
        query = without_none(to=iso(end), site=site_code(site), consultant_id=ref(consultant, "consultant"),
                              include_closed=include_closed)
        query["from"] = iso(start)
        return [CareTask.from_json(t) for t in call_json(lib.snowball_care_agenda, self._h, dumps(query))]

    def get(self, task_id: int) -> CareTask:
        return CareTask.from_json(call_json(lib.snowball_care_task_get, self._h, ref(task_id, "task_id")))

    def complete(self, task: Union[int, CareTask], outcome: str, *, note: Optional[str] = None,
                 by: ConsultantRef = None) -> CareTask:
        task_id = ref(task, "task")
        return CareTask.from_json(call_json(lib.snowball_care_task_complete, self._h, task_id, c_text(outcome),
                                            c_text(note), actor(by)))

    def skip(self, task: Union[int, CareTask], reason: str, *, by: ConsultantRef = None) -> CareTask:
        task_id = ref(task, "task")
        return CareTask.from_json(call_json(lib.snowball_care_task_skip, self._h, task_id, c_text(reason), actor(by)))

    def reopen(self, task: Union[int, CareTask], *, by: ConsultantRef = None) -> CareTask:
        task_id = ref(task, "task")
        return CareTask.from_json(call_json(lib.snowball_care_task_reopen, self._h, task_id, actor(by)))

    def overdue(self, on: Optional[_dt.date] = None, *, site: Union[str, Site, None] = None,
                consultant: ConsultantRef = None) -> List[CareTask]:
        query = without_none(on=iso(on), site=site_code(site), consultant_id=ref(consultant, "consultant"))
        return [CareTask.from_json(t) for t in call_json(lib.snowball_care_overdue, self._h, dumps(query))]

    def export_ics(self, start: _dt.date, end: _dt.date, *, consultant: ConsultantRef) -> str:
        """The consultant's agenda as an iCalendar (RFC 5545) document for phone calendars."""
        return call(lib.snowball_care_export_ics, self._h, c_text(iso(start)), c_text(iso(end)),
                    ref(consultant, "consultant"))

    def settings(self, site: Union[str, Site]) -> Dict[str, Any]:
        """The site's festivals, care policy and occasion settings (see docs/C_API.md)."""
        return call_json(lib.snowball_care_settings, self._h, c_text(site_code(site)))

    def set_festivals(self, site: Union[str, Site], festivals: Iterable[Mapping[str, Any]]) -> Dict[str, Any]:
        return call_json(lib.snowball_care_set_festivals, self._h, c_text(site_code(site)), dumps(list(festivals)))

    def set_policy(self, site: Union[str, Site], policy: Iterable[Mapping[str, Any]]) -> Dict[str, Any]:
        return call_json(lib.snowball_care_set_policy, self._h, c_text(site_code(site)), dumps(list(policy)))

    def set_occasions(self, site: Union[str, Site], **settings: Any) -> Dict[str, Any]:
        """leap_month_birthdays_twice=, deal_anniversaries=, follow_up="7d,30d,90d,6m*"."""
        current = self.settings(site)["occasions"]
        current.update(settings)
        return call_json(lib.snowball_care_set_occasions, self._h, c_text(site_code(site)), dumps(current))

    def switch_festival(self, site: Union[str, Site], key: str, enabled: bool) -> Dict[str, Any]:
        """Switches one festival on or off at the site."""
        festivals = self.settings(site)["festivals"]
        if not any(f["key"] == key for f in festivals):
            raise NotFound("festival: the site has no festival %r" % key, code=-3, field="festival")
        for f in festivals:
            if f["key"] == key:
                f["enabled"] = enabled
        return self.set_festivals(site, festivals)

    def add_festival(self, site: Union[str, Site], key: str, date: str, name_zh: str, name_en: str = "",
                     name_zh_hant: str = "") -> Dict[str, Any]:
        """A site's own festival; date as "gregorian:MM-DD", "lunar:MM-DD", "lunar_last:MM", "weekday:MM-N-sun"
        or "solar_term:KEY"."""
        festivals = self.settings(site)["festivals"]
        festivals.append({"key": key, "date": date, "name_zh": name_zh, "name_en": name_en,
                          "name_zh_hant": name_zh_hant, "enabled": True})
        return self.set_festivals(site, festivals)

    def load_holidays(self, text: str) -> List[int]:
        """Loads a newly published holiday arrangement ("2027-01-01 off 元旦" lines); returns the years."""
        return call_json(lib.snowball_workdays_load, self._h, c_text(text))

    def add_working_days(self, date: _dt.date, n: int) -> Any:
        from . import calendar as _calendar

        return _calendar.add_working_days(date, n, archive=self._archive)
