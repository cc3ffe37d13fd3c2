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
from ctypes import c_double, c_int, c_int64
from dataclasses import dataclass, field
from typing import Any, Iterable, List, Mapping, Optional, Tuple, Union

from ._native import HANDLE, OUT, TEXT, c_text, call, call_json, declare, lib
from ._support import Record, Service, actor, dumps, iso, ref, site_code, without_none
from .records import Consultant, Label, LunarDate, Site

__all__ = [
    "CareCalendarService", "LunarInfo", "LunarDate", "WorkdayResult", "WorkdayCount", "WorkingDay", "FestivalDay",
    "FestivalRule", "CareAudience", "CareRule", "GiftBudget", "Gift", "GiftTotal", "OccasionSettings", "CareSettings", "TaskOccasion", "TaskAction", "CareTask",
    "UpcomingOccasion", "lunar_info", "to_lunar", "to_gregorian", "solar_term", "festivals", "add_working_days",
    "working_days_between", "working_day", "is_working_day",
]

declare({
    "snowball_calendar_to_lunar": [OUT, TEXT],
    "snowball_calendar_to_gregorian": [OUT, c_int, c_int, c_int, c_int],
    "snowball_calendar_solar_term": [OUT, c_int, TEXT],
    "snowball_calendar_festivals": [OUT, c_int],
    "snowball_workdays_add": [OUT, HANDLE, TEXT, c_int],
    "snowball_workdays_between": [OUT, HANDLE, TEXT, TEXT],
    "snowball_workdays_day": [OUT, HANDLE, TEXT],
    "snowball_workdays_load": [OUT, HANDLE, TEXT],
    "snowball_care_settings": [OUT, HANDLE, TEXT],
    "snowball_care_set_festivals": [OUT, HANDLE, TEXT, TEXT],
    "snowball_care_switch_festival": [OUT, HANDLE, TEXT, TEXT, c_int],
    "snowball_care_add_festival": [OUT, HANDLE, TEXT, TEXT],
    "snowball_care_set_policy": [OUT, HANDLE, TEXT, TEXT],
    "snowball_care_set_occasions": [OUT, HANDLE, TEXT, TEXT],
    "snowball_care_update_occasions": [OUT, HANDLE, TEXT, TEXT],
    "snowball_care_agenda": [OUT, HANDLE, TEXT],
    "snowball_care_task_get": [OUT, HANDLE, c_int64],
    "snowball_care_task_complete": [OUT, HANDLE, c_int64, TEXT, TEXT, c_int64],
    "snowball_care_task_skip": [OUT, HANDLE, c_int64, TEXT, c_int64],
    "snowball_care_task_reopen": [OUT, HANDLE, c_int64, c_int64],
    "snowball_care_overdue": [OUT, HANDLE, TEXT],
    "snowball_care_export_ics": [OUT, HANDLE, TEXT, TEXT, c_int64],
    "snowball_care_set_gift_budget": [OUT, HANDLE, TEXT, TEXT, c_double, c_int],
    "snowball_care_record_gift": [OUT, HANDLE, TEXT],
    "snowball_care_gift_get": [OUT, HANDLE, c_int64],
    "snowball_care_gifts": [OUT, HANDLE, TEXT],
    "snowball_care_gift_totals": [OUT, HANDLE, TEXT, TEXT, TEXT],
})

ConsultantRef = Union[int, Consultant, None]


# ---------------------------------------------------------------------------------------------
# Records

@dataclass(frozen=True)
class LunarInfo(Record, codec_name="LunarDay"):
    """A lunar date with its names: 闰四月, 十五, 丙午年闰四月十五, the zodiac and the solar term."""

    year: int
    month: int
    day: int
    leap: bool
    month_name: str
    day_name: str
    text: str
    zodiac: str
    zodiac_en: str
    cyclical_year: str
    solar_term: Optional[str]

    @property
    def date(self) -> LunarDate:
        return LunarDate(self.year, self.month, self.day, self.leap)


@dataclass(frozen=True)
class WorkdayResult(Record):
    date: _dt.date
    estimated: bool               # a year involved has no published arrangement: weekends only
    unpublished_years: List[int]


@dataclass(frozen=True)
class WorkdayCount(Record):
    days: int
    estimated: bool
    unpublished_years: List[int]


@dataclass(frozen=True)
class WorkingDay(Record):
    date: _dt.date
    working: bool
    holiday: Optional[str]
    published: bool


@dataclass(frozen=True)
class FestivalDay(Record):
    """A festival of the year with its names."""

    key: str
    date: _dt.date
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class CareAudience(Record):
    """Whom a festival greets; every condition given must hold, the empty audience is everyone. relation "mother"
    ("father"): a customer of that gender with a child on file, and — on her or his behalf, in an occasion keyed
    "<festival>:family" — the customer whose mother (father) is on file; "spouse": a spouse on file. Ages are
    reached in the year the care window starts (a customer of unknown age is left out); children: a child on
    file; unit_prefix: a deal in force on a unit numbered from it ("3-": building 3's owners, for its 交房日
    "once:2027-06-30" and anniversaries "yearly:2027-06-30"); profile_field and profile_value: the profile
    holds the value in the field (the whole value as stored, a choice by its key such as "sichuan", also one
    choice of a multi-choice field; sealed values never match)."""

    gender: Optional[str] = None          # "female", "male"
    relation: str = ""                    # "mother", "father", "spouse"
    min_age: Optional[int] = None
    max_age: Optional[int] = None
    children: bool = False
    unit_prefix: str = ""
    profile_field: str = ""
    profile_value: str = ""


@dataclass(frozen=True)
class FestivalRule(Record):
    """A festival a site keeps: its date as "gregorian:MM-DD", "lunar:MM-DD", "lunar_last:MM", "weekday:MM-N-sun"
    or "solar_term:KEY", and its audience (妇女节 women, 母亲节 mothers, 父亲节 fathers, 儿童节 families with a
    child by default; 清明 is off by default)."""

    key: str
    name_zh: str
    name_zh_hant: str
    name_en: str
    date: str
    enabled: bool
    audience: CareAudience = field(default_factory=CareAudience)


@dataclass(frozen=True)
class CareRule(Record):
    """One rule of a site's care policy: for an occasion and an audience (tier, stage: None for any), an action
    through a channel, prepared lead_days ahead."""

    occasion: str
    festival: str
    tier: Optional[str]
    stage: Optional[str]
    action: str
    channel: str
    lead_days: int
    label: Label


@dataclass(frozen=True)
class OccasionSettings(Record):
    leap_month_birthdays_twice: bool
    deal_anniversaries: bool
    follow_up: str                # the cadence: "7d,30d,90d,6m*"


@dataclass(frozen=True)
class GiftBudget(Record):
    """A site's monthly gift budget (yuan) for the customers of a tier."""

    tier: str
    monthly: float


@dataclass(frozen=True)
class CareSettings(Record):
    """A site's festivals, care policy, occasion settings and gift budgets."""

    site: str
    festivals: List[FestivalRule]
    policy: List[CareRule]
    occasions: OccasionSettings
    gift_budgets: List[GiftBudget]


@dataclass(frozen=True)
class Gift(Record):
    """A gift given on care: what, its cost (yuan), its supplier, for which customer and task, by whom, when. The
    tier is the customer's when recorded; an erased customer's gift keeps only its cost, tier and day."""

    id: int
    site: str
    customer_id: Optional[int]
    task_id: Optional[int]
    tier: str
    item: str
    cost: float
    supplier: str
    given_on: _dt.date
    given_by: Optional[int]
    note: str
    recorded_at: _dt.datetime


@dataclass(frozen=True)
class GiftTotal(Record):
    """A month's gifts of a site to the customers of a tier, beside the tier's budget (None: no budget)."""

    month: str                    # "2027-05"
    tier: str
    gifts: int
    cost: float
    budget: Optional[float]
    remaining: Optional[float]    # budget - cost; negative when over


@dataclass(frozen=True)
class TaskOccasion(Record):
    kind: str                     # birthday, family_birthday, festival, deal_anniversary, follow_up
    key: str                      # "birthday", a festival key, "anniversary:3", "follow_up:30d"
    title: str
    family_member_id: Optional[int]
    deal_id: Optional[int]        # anniversaries and follow-ups: the deal they come from


@dataclass(frozen=True)
class TaskAction(Record):
    action: str                   # call, call_or_sms, flowers_or_cake, follow_up_call, ...
    channel: str                  # phone, sms, gift, visit, wechat, letter, email
    lead_days: int
    start: _dt.date               # the day to start preparing
    label: str


@dataclass(frozen=True)
class CareTask(Record):
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
    status: str                   # open, done, skipped
    outcome: str
    note: str
    done_at: Optional[_dt.datetime]
    done_by: Optional[int]
    over_budget: bool             # an open gift task whose tier's gift budget of its month is spent (the agenda's)
    occasion: str                 # the occasion kinds of the day, joined by "+": "birthday+festival"
    action: str                   # the actions asked, joined by "+": "flowers_or_cake+call"
    family_member_ids: List[int]


@dataclass(frozen=True)
class UpcomingOccasion(Record):
    """An occasion of a customer's coming weeks (the briefing's), with what the care policy asks."""

    date: _dt.date
    kind: str
    key: str
    title: str
    family_member_id: Optional[int]
    deal_id: Optional[int]
    actions: List[TaskAction]


# ---------------------------------------------------------------------------------------------
# The calendar

def _iso(value: Any, what: str) -> bytes:
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise TypeError("%s must be a datetime.date, not %r" % (what, value))
    return value.isoformat().encode()


def _handle(archive: Any) -> Any:
    return archive._handle if archive is not None else None


def lunar_info(date: _dt.date) -> LunarInfo:
    return LunarInfo.from_json(call_json(lib.snowball_calendar_to_lunar, _iso(date, "date")))


def to_lunar(date: _dt.date) -> LunarDate:
    """The lunar date of a Gregorian day (1900-01-31 .. 2100-12-31; InvalidArgument outside)."""
    return lunar_info(date).date


def to_gregorian(year: int, month: int, day: int, leap: bool = False) -> _dt.date:
    """The Gregorian day of a lunar date; InvalidArgument when it does not exist (no such leap month, day 30 of
    a 29-day month)."""
    return _dt.date.fromisoformat(call(lib.snowball_calendar_to_gregorian, year, month, day, 1 if leap else 0))


def solar_term(year: int, name: str) -> _dt.date:
    """The day a solar term begins in a Gregorian year; names in pinyin: "lichun", ..., "qingming", ..."""
    return _dt.date.fromisoformat(call(lib.snowball_calendar_solar_term, year, c_text(name)))


def festival_days(year: int) -> List[FestivalDay]:
    """The default festivals falling in the Gregorian year, by date, with their names."""
    return [FestivalDay.from_json(f) for f in call_json(lib.snowball_calendar_festivals, year)]


def festivals(year: int) -> List[Tuple[str, _dt.date]]:
    """The default festivals falling in the Gregorian year, as (key, date), by date. A lunar festival can fall twice
    in one Gregorian year."""
    return [(f.key, f.date) for f in festival_days(year)]


def add_working_days(date: _dt.date, n: int, *, archive: Any = None) -> WorkdayResult:
    """The n-th working day after ``date`` under the State Council's arrangements (``date`` itself does not count).
    ``estimated`` says a year involved is not published yet (weekends only were used). With ``archive``, the
    arrangements loaded into it count too."""
    return WorkdayResult.from_json(call_json(lib.snowball_workdays_add, _handle(archive), _iso(date, "date"), n))


def working_days_between(start: _dt.date, end: _dt.date, *, archive: Any = None) -> WorkdayCount:
    """The working days in (start, end]."""
    return WorkdayCount.from_json(call_json(lib.snowball_workdays_between, _handle(archive), _iso(start, "start"),
                                            _iso(end, "end")))


def working_day(date: _dt.date, *, archive: Any = None) -> WorkingDay:
    return WorkingDay.from_json(call_json(lib.snowball_workdays_day, _handle(archive), _iso(date, "date")))


def is_working_day(date: _dt.date, *, archive: Any = None) -> bool:
    return working_day(date, archive=archive).working


# ---------------------------------------------------------------------------------------------
# The care calendar

def _documents(items: Iterable[Union[Record, Mapping[str, Any]]]) -> bytes:
    """Records or plain mappings as the library's JSON array."""
    return dumps([i.to_json() if isinstance(i, Record) else dict(i) for i in items])


class CareCalendarService(Service):
    """The care calendar: festivals, birthdays, anniversaries and follow-ups as dated care tasks."""

    def _tasks(self, fn, *args) -> List[CareTask]:
        return [CareTask.from_json(t) for t in call_json(fn, self._h, *args)]

    def _task(self, fn, *args) -> CareTask:
        return CareTask.from_json(call_json(fn, self._h, *args))

    def _settings(self, fn, site: Union[str, Site], *args) -> CareSettings:
        return CareSettings.from_json(call_json(fn, self._h, c_text(site_code(site)), *args))

    def agenda(self, start: _dt.date, end: _dt.date, site: Union[str, Site, None] = None,
               consultant: ConsultantRef = None, *, include_closed: Optional[bool] = None) -> List[CareTask]:
        """The tasks of [start, end] for a site or a consultant, generated once per customer and day (closed tasks
        too unless include_closed=False)."""
        query = without_none(to=iso(end), site=site_code(site), consultant_id=ref(consultant, "consultant"),
                             include_closed=include_closed)
        query["from"] = iso(start)
        return self._tasks(lib.snowball_care_agenda, dumps(query))

    def get(self, task_id: int) -> CareTask:
        return self._task(lib.snowball_care_task_get, ref(task_id, "task_id"))

    def complete(self, task: Union[int, CareTask], outcome: str, *, note: Optional[str] = None,
                 by: ConsultantRef = None) -> CareTask:
        return self._task(lib.snowball_care_task_complete, ref(task, "task"), c_text(outcome), c_text(note), actor(by))

    def skip(self, task: Union[int, CareTask], reason: str, *, by: ConsultantRef = None) -> CareTask:
        return self._task(lib.snowball_care_task_skip, ref(task, "task"), c_text(reason), actor(by))

    def reopen(self, task: Union[int, CareTask], *, by: ConsultantRef = None) -> CareTask:
        return self._task(lib.snowball_care_task_reopen, ref(task, "task"), actor(by))

    def overdue(self, on: Optional[_dt.date] = None, *, site: Union[str, Site, None] = None,
                consultant: ConsultantRef = None) -> List[CareTask]:
        """Open tasks dated before ``on`` (today in China when not given), oldest first."""
        query = without_none(on=iso(on), site=site_code(site), consultant_id=ref(consultant, "consultant"))
        return self._tasks(lib.snowball_care_overdue, dumps(query))

    def export_ics(self, start: _dt.date, end: _dt.date, *, consultant: ConsultantRef) -> str:
        """The consultant's agenda as an iCalendar (RFC 5545) document for phone calendars."""
        return call(lib.snowball_care_export_ics, self._h, c_text(iso(start)), c_text(iso(end)),
                    ref(consultant, "consultant"))

    def settings(self, site: Union[str, Site]) -> CareSettings:
        """The site's festivals, care policy and occasion settings."""
        return self._settings(lib.snowball_care_settings, site)

    def set_festivals(self, site: Union[str, Site],
                      festivals: Iterable[Union[FestivalRule, Mapping[str, Any]]]) -> CareSettings:
        """Replaces the site's festivals (FestivalRule records or their JSON form)."""
        return self._settings(lib.snowball_care_set_festivals, site, _documents(festivals))

    def set_policy(self, site: Union[str, Site], policy: Iterable[Union[CareRule, Mapping[str, Any]]]) -> CareSettings:
        """Replaces the site's care policy (CareRule records or their JSON form; a label may be its Chinese text)."""
        return self._settings(lib.snowball_care_set_policy, site, _documents(policy))

    def set_occasions(self, site: Union[str, Site], *, leap_month_birthdays_twice: Optional[bool] = None,
                      deal_anniversaries: Optional[bool] = None, follow_up: Optional[str] = None) -> CareSettings:
        """Changes the occasion settings given (follow_up: a cadence such as "7d,30d,90d,6m*"); the others stay."""
        update = without_none(leap_month_birthdays_twice=leap_month_birthdays_twice,
                              deal_anniversaries=deal_anniversaries, follow_up=follow_up)
        return self._settings(lib.snowball_care_update_occasions, site, dumps(update))

    def switch_festival(self, site: Union[str, Site], key: str, enabled: bool) -> CareSettings:
        """Switches one festival on or off at the site (NotFound when the site has no festival ``key``)."""
        return self._settings(lib.snowball_care_switch_festival, site, c_text(key), 1 if enabled else 0)

    def add_festival(self, site: Union[str, Site], key: str, date: str, name_zh: str, name_en: Optional[str] = None,
                     name_zh_hant: Optional[str] = None, *,
                     audience: Union[CareAudience, Mapping[str, Any], None] = None) -> CareSettings:
        """A site's own festival or occasion; date as "gregorian:MM-DD", "lunar:MM-DD", "lunar_last:MM",
        "weekday:MM-N-sun", "solar_term:KEY", "once:YYYY-MM-DD" (one day: 入伙, an open day) or
        "yearly:YYYY-MM-DD" (its anniversaries from the next year); audience: whom it greets, e.g.
        ``{"unit_prefix": "3-"}`` for building 3's owners on its 交房日 (Conflict when the site has a festival ``key``)."""
        if isinstance(audience, CareAudience):
            audience = audience.to_json()
        festival = without_none(key=key, date=date, name_zh=name_zh, name_en=name_en, name_zh_hant=name_zh_hant,
                                audience=audience)
        return self._settings(lib.snowball_care_add_festival, site, dumps(festival))

    def set_gift_budget(self, site: Union[str, Site], tier: str, monthly: Optional[float]) -> CareSettings:
        """Sets the site's monthly gift budget (yuan) for a tier ("ordinary", "vip"); None removes it."""
        return self._settings(lib.snowball_care_set_gift_budget, site, c_text(tier),
                              0.0 if monthly is None else float(monthly), 1 if monthly is None else 0)

    def record_gift(self, item: str, cost: float, *, task: Union[int, CareTask, None] = None,
                    customer: Any = None, supplier: Optional[str] = None, given_on: Optional[_dt.date] = None,
                    by: ConsultantRef = None, note: Optional[str] = None) -> Gift:
        """Records a gift given for a care task or a customer (one of the two; with both, the task must be the
        customer's). ``cost`` in yuan; ``given_on`` defaults to today."""
        gift = without_none(item=item, cost=cost, task_id=ref(task, "task") if task is not None else None,
                            customer_id=ref(customer, "customer") if customer is not None else None,
                            supplier=supplier, given_on=iso(given_on), given_by=ref(by, "by") if by is not None else None,
                            note=note)
        return Gift.from_json(call_json(lib.snowball_care_record_gift, self._h, dumps(gift)))

    def gift(self, gift_id: int) -> Gift:
        return Gift.from_json(call_json(lib.snowball_care_gift_get, self._h, ref(gift_id, "gift_id")))

    def gifts(self, site: Union[str, Site], start: Optional[_dt.date] = None, end: Optional[_dt.date] = None, *,
              customer: Any = None, task: Union[int, CareTask, None] = None) -> List[Gift]:
        """The site's gifts, by day given (given_on in [start, end] when given)."""
        query = without_none(site=site_code(site), to=iso(end),
                             customer_id=ref(customer, "customer") if customer is not None else None,
                             task_id=ref(task, "task") if task is not None else None)
        if start is not None:
            query["from"] = iso(start)
        return [Gift.from_json(g) for g in call_json(lib.snowball_care_gifts, self._h, dumps(query))]

    def gift_totals(self, site: Union[str, Site], start: _dt.date, end: _dt.date) -> List[GiftTotal]:
        """The gifts of the months of [start, end] (at most 36) per month and tier, with budget and remaining."""
        return [GiftTotal.from_json(t) for t in call_json(lib.snowball_care_gift_totals, self._h,
                                                          c_text(site_code(site)), c_text(iso(start)), c_text(iso(end)))]

    def load_holidays(self, text: str) -> List[int]:
        """Loads a newly published holiday arrangement ("2027-01-01 off 元旦" lines); returns the years."""
        return call_json(lib.snowball_workdays_load, self._h, c_text(text))

    def add_working_days(self, date: _dt.date, n: int) -> WorkdayResult:
        return add_working_days(date, n, archive=self._archive)
