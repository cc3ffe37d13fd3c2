"""The contact log and follow-up (archive.contacts, 跟进记录); the manager's care report
(archive.reports).

    e = archive.contacts.log(c, channel="phone", outcome="reached", intent="A",
                             next_contact=date(2025, 10, 20), by=wang)
    archive.contacts.history(c)[0].by                      # who made the latest contact
    archive.contacts.due(on=date(2025, 10, 20), consultant=wang)
    archive.contacts.not_contacted(days=90, site="XH", stage="owner")
    report = archive.reports.care(site="XH", start=date(2025, 10, 1), end=date(2025, 10, 31))
    report.to_csv("care.csv")                              # for Excel: UTF-8 with a BOM
"""

from __future__ import annotations

import ctypes
import json
import datetime as _dt
import os
from ctypes import c_int, c_int64
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib, text
from ._support import UNSET, Record, Service, actor, dumps, find, iso, json_key, ref, site_code, without_none
from .errors import InvalidState
from .privacy import Consent

__all__ = [
    "ContactsService", "ReportsService", "ContactOutcome", "IntentGrade", "QuietHours", "ContactSettings",
    "NextContact", "ContactEntry", "FollowUp", "ContactWindow", "ContactFrequency", "DueItem", "QuietCustomer",
    "QuietCustomers", "CareReportRow", "CareReport",
]

declare({
    "snowball_contact_log": [OUT, HANDLE, c_int64, TEXT],
    "snowball_contact_correct": [OUT, HANDLE, c_int64, TEXT],
    "snowball_contact_get": [OUT, HANDLE, c_int64],
    "snowball_contact_history": [OUT, HANDLE, c_int64, c_int, c_int],
    "snowball_contact_follow_up": [OUT, HANDLE, c_int64],
    "snowball_contact_frequency": [OUT, HANDLE, TEXT],
    "snowball_contact_due": [OUT, HANDLE, TEXT],
    "snowball_contact_not_contacted": [OUT, HANDLE, TEXT],
    "snowball_contact_do_not_contact": [OUT, HANDLE, c_int64, TEXT, c_int64],
    "snowball_contact_may_contact": [ctypes.POINTER(c_int), HANDLE, c_int64, TEXT],
    "snowball_contact_allow_contact": [ctypes.POINTER(c_int), HANDLE, c_int64, TEXT, c_int64],
    "snowball_contact_settings": [OUT, HANDLE, TEXT],
    "snowball_contact_update_settings": [OUT, HANDLE, TEXT, TEXT],
    "snowball_contact_add_outcome": [OUT, HANDLE, TEXT, TEXT],
    "snowball_report_care": [OUT, HANDLE, TEXT],
    "snowball_report_care_csv": [OUT, HANDLE, TEXT],
    "snowball_report_care_with_csv": [OUT, OUT, HANDLE, TEXT],
})

# China has one time zone and no daylight saving: a naive datetime a consultant gives is China time.
CHINA = _dt.timezone(_dt.timedelta(hours=8), "Asia/Shanghai")


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class ContactOutcome(Record):
    """What came of a contact: a built-in outcome (reached 联系上, no_answer 无人接听, busy 占线, refused
    拒接, wrong_number 空号/错号, left_message 留言, sent 已发送, undelivered 未送达) or a site's own.
    ``reached``: it counts as having reached the customer."""

    key: str
    label: str
    reached: bool
    builtin: bool


@dataclass(frozen=True)
class IntentGrade(Record):
    """A grade of the customer's intent to buy (意向等级) and how often it is followed up."""

    key: str                        # "A", or a site's own
    label: str                      # "高意向"
    every_days: Optional[int]       # None: no follow-up from the policy


@dataclass(frozen=True)
class QuietHours(Record):
    """When a site does not call its customers (免打扰时段), "HH:MM" China time; across midnight when
    ``start`` is later than ``end`` ("21:00" to "09:00")."""

    start: str = json_key("from")
    end: str = json_key("to")


@dataclass(frozen=True)
class ContactSettings(Record):
    """A site's follow-up policy and contact settings."""

    site: str
    grades: List[IntentGrade]               # the scale, highest intent first
    owner_every_days: Optional[int]         # owners between contacts; None: the care calendar's cadence only
    outcomes: List[ContactOutcome]          # the built-in ones, then the site's own
    quiet_hours: Optional[QuietHours]

    def grade(self, key: str) -> IntentGrade:
        return find(self.grades, "key", key)

    def outcome(self, key: str) -> ContactOutcome:
        return find(self.outcomes, "key", key)


@dataclass(frozen=True)
class NextContact(Record):
    """The next contact an entry plans."""

    date: _dt.date
    time: str = ""                          # "HH:MM" China time, or "" (any time of the day)
    channel: Optional[str] = None           # None: the entry's channel
    purpose: str = ""


@dataclass(frozen=True)
class ContactEntry(Record):
    """One entry of the contact log. Entries are never changed: a correction is a new entry that
    ``supersedes`` the old one (whose ``superseded_by`` then names it)."""

    id: int
    customer_id: int
    site: str
    consultant_id: Optional[int]            # who made the contact (also ``.by``)
    at: _dt.datetime                        # UTC
    day: _dt.date                           # the day of ``at`` in China
    channel: str                            # phone, sms, wechat, letter, email, visit_office, visit_site, ...
    direction: str                          # "out" (we contacted them) or "in"
    duration_s: Optional[int]
    outcome: str
    reached: bool
    note: str
    intent_before: str                      # the grade before the contact ("": none)
    intent: str                             # the grade after it
    next_contact: Optional[NextContact]
    care_task_id: Optional[int]
    ticket_id: Optional[int]
    campaign_id: Optional[int]
    referral_id: Optional[int]
    deal_id: Optional[int]
    event_id: Optional[int]                 # the event it invited to or was
    delivery_id: Optional[int]              # the outreach delivery it was
    quiet_hours: bool                       # an outbound call inside the site's quiet hours
    supersedes: Optional[int]
    superseded_by: Optional[int]
    recorded_by: str                        # the actor who recorded it ("consultant:12", "host")
    recorded_at: _dt.datetime

    @property
    def by(self) -> Optional[int]:
        """The consultant who made the contact: ``consultant_id`` by the name ``log(by=...)`` gives it."""
        return self.consultant_id


@dataclass(frozen=True)
class FollowUp(Record):
    """Where a customer stands in their follow-up: the last contact and the next one, planned in the
    latest entry (``next_source`` "planned") or due by the site's policy ("policy")."""

    customer_id: int
    last_contact_at: Optional[_dt.datetime]
    last_contact_day: Optional[_dt.date]
    last_channel: Optional[str]
    last_reached_day: Optional[_dt.date]
    intent: str
    next_on: Optional[_dt.date]
    next_time: str
    next_channel: Optional[str]
    next_purpose: str
    next_source: str                        # "planned", "policy" or "" (none)


@dataclass(frozen=True)
class ContactWindow(Record):
    days: int                               # 30, 90 or 365 days up to as_of
    contacts: int
    reached: int
    customers: int                          # distinct customers contacted
    by_channel: Dict[str, int]


@dataclass(frozen=True)
class ContactFrequency(Record):
    as_of: _dt.date
    last_contact_at: Optional[_dt.datetime]
    windows: List[ContactWindow]

    def window(self, days: int) -> ContactWindow:
        """The window of the last ``days`` days (30, 90 or 365)."""
        return find(self.windows, "days", days)


@dataclass(frozen=True)
class DueItem(Record):
    """One item of a consultant's list of the day: a contact due (planned, or by the policy) or a
    care task."""

    kind: str                               # "contact" or "care_task"
    due: _dt.date
    overdue: bool                           # due before the day asked for
    customer_id: int
    customer_name: str
    archive_no: str
    tier: str
    stage: str
    consultant_id: Optional[int]
    intent: str
    channel: Optional[str]                  # the planned channel
    time: str                               # "HH:MM" when planned at a time
    purpose: str                            # the plan's purpose; a care task's actions
    source: str                             # "planned", "policy" or "care"
    care_task_id: Optional[int]
    occasion: str                           # a care task's occasions ("birthday+festival")
    last_contact_day: Optional[_dt.date]


@dataclass(frozen=True)
class QuietCustomer(Record):
    """A customer not contacted for a while."""

    customer_id: int
    name: str
    archive_no: str
    tier: str
    stage: str
    consultant_id: Optional[int]
    last_contact_day: Optional[_dt.date]    # None: never contacted
    days_since: Optional[int]

    @property
    def id(self) -> int:
        """The customer's id, so that the record goes wherever a customer is taken (``history(q)``)."""
        return self.customer_id


class QuietCustomers(list):
    """One page of quiet customers: a list, with ``total`` (every match) and ``items`` like a Page."""

    def __init__(self, items: Iterable[QuietCustomer], total: int):
        super().__init__(items)
        self.total = total

    @property
    def items(self) -> List[QuietCustomer]:
        return list(self)


@dataclass(frozen=True)
class CareReportRow(Record):
    """One consultant's care work in one period (``total``: the site's total, "合计")."""

    period_start: _dt.date
    period_end: _dt.date
    consultant_id: Optional[int]            # None: the total, or customers without a consultant ("未分配")
    consultant_name: str
    total: bool
    tasks_due: int                          # care tasks of their customers dated in the period
    done_on_time: int
    done_late: int
    skipped: int
    skip_reasons: Dict[str, int]
    overdue: int                            # still open after the task's day
    contacts: int                           # contacts they made in the period
    reached: int
    customers_contacted: int
    by_channel: Dict[str, int]
    by_outcome: Dict[str, int]
    calls_in_quiet_hours: int
    grade_moves: Dict[str, int]             # "C→A": entries that moved a grade so
    prospects_without_next: int             # prospects and visitors with no next contact
    owners_not_contacted_90: int            # owners with no contact in the 90 days before


@dataclass(frozen=True)
class CareReport(Record):
    """The manager's care report: a row per consultant (and period), the site's total last. It reads
    as the list of its rows; ``to_csv()`` gives it for Excel."""

    site: str
    start: _dt.date
    end: _dt.date
    period: str                             # whole, day, week, month
    as_of: _dt.date
    rows: List[CareReportRow]

    def __iter__(self) -> Iterator[CareReportRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: Any) -> Any:
        return self.rows[index]

    def consultant(self, consultant: Any) -> List[CareReportRow]:
        """The rows of one consultant (by id or record), one per period."""
        wanted = ref(consultant, "consultant")
        return [r for r in self.rows if r.consultant_id == wanted and not r.total]

    def to_csv(self, path: Union[str, "os.PathLike[str]", None] = None) -> str:
        """The report as CSV for Excel — UTF-8 with a byte-order mark (the text starts with "\\ufeff"),
        CRLF lines, Chinese headers — as the library wrote it from the same run as the rows; with
        ``path``, also written to that file."""
        csv = self.__dict__.get("_csv")
        if csv is None:
            raise InvalidState("this report was not read from an archive: ask archive.reports.care() for it")
        if path is not None:
            # newline="": the library's CRLF lines are kept as Excel expects them.
            with open(os.fspath(path), "w", encoding="utf-8", newline="") as f:
                f.write(csv)
        return csv


# ---------------------------------------------------------------------------------------------
# Arguments


def _moment(value: Any) -> Optional[str]:
    """When a contact happened: a datetime (naive: China time; aware: converted), a date (that day,
    noon) or an ISO text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%dT%H:%M:%S")
        return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError("at: a datetime.datetime, a datetime.date or an ISO text such as '2025-10-01T10:30', not %r" % (value,))


def _next_contact(value: Any) -> Any:
    """The next contact as a date, a datetime (its day and time, China time), a NextContact or a dict
    {"date", "time"?, "channel"?, "purpose"?}."""
    if value is None:
        return None
    if isinstance(value, NextContact):
        return value.to_json()
    if isinstance(value, _dt.datetime):
        local = value if value.tzinfo is None else value.astimezone(CHINA)
        return {"date": local.date().isoformat(), "time": local.strftime("%H:%M")}
    if isinstance(value, (_dt.date, str)):
        return {"date": iso(value)}
    if isinstance(value, Mapping):
        doc = dict(value)
        if "date" in doc:
            doc["date"] = iso(doc["date"])
        return doc
    raise TypeError("next_contact: a datetime.date, a NextContact or a dict {'date', 'time', 'channel', 'purpose'}, "
                    "not %r" % (value,))


def _contact(channel: str, direction: Optional[str], outcome: str, note: Optional[str], intent: Optional[str],
             next_contact: Any, at: Any, duration_s: Optional[int], by: Any, care_task_id: Any, ticket_id: Any,
             campaign_id: Any, referral_id: Any, deal_id: Any) -> Dict[str, Any]:
    return without_none(channel=channel, direction=direction, outcome=outcome, note=note, intent=intent,
                        next_contact=_next_contact(next_contact), at=_moment(at), duration_s=duration_s,
                        by=ref(by, "by"), care_task_id=ref(care_task_id, "care_task_id"),
                        ticket_id=ref(ticket_id, "ticket_id"), campaign_id=ref(campaign_id, "campaign_id"),
                        referral_id=ref(referral_id, "referral_id"), deal_id=ref(deal_id, "deal_id"))


def _grade(value: Any) -> Dict[str, Any]:
    """A grade as an IntentGrade, a dict or a (key, label[, every_days]) tuple."""
    if isinstance(value, IntentGrade):
        return value.to_json()
    if isinstance(value, Mapping):
        return dict(value)
    key, label, *every = value
    return {"key": key, "label": label, "every_days": every[0] if every else None}


def _quiet_hours(value: Any) -> Any:
    """Quiet hours as a QuietHours, a ("21:00", "09:00") pair or a dict {"from", "to"}; None clears them."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, QuietHours):
        return value.to_json()
    start, end = value
    return {"from": start, "to": end}


# ---------------------------------------------------------------------------------------------
# Services


class ContactsService(Service):
    """archive.contacts: the contact log (跟进记录) — every touch with a customer, who made it, when,
    how and what came of it — the follow-up it sets, the list of the day and do-not-contact."""

    def log(self, customer: Any, *, channel: str, direction: Optional[str] = "out", outcome: str,
            note: Optional[str] = None, intent: Optional[str] = None, next_contact: Any = None, at: Any = None,
            duration_s: Optional[int] = None, by: Any = None, care_task_id: Any = None, ticket_id: Any = None,
            campaign_id: Any = None, referral_id: Any = None, deal_id: Any = None) -> ContactEntry:
        """Logs a contact and moves the customer's follow-up.

        channel: phone, sms, wechat, letter, email, visit_office, visit_site, home_visit, event, news;
        direction: "out" (we contacted them) or "in"; outcome: one of the site's outcomes (reached,
        no_answer, ...); intent: the grade after the contact (A, B, C, D by default). next_contact: a
        date, a datetime, a NextContact or a dict {"date", "time", "channel", "purpose"}. at: when it
        happened (default now), a datetime (naive: China time) or ISO text — at most a day ahead.
        by: the consultant who made it. An outbound contact on a channel the customer objects to
        raises ConsentRequired."""
        doc = _contact(channel, direction, outcome, note, intent, next_contact, at, duration_s, by, care_task_id,
                       ticket_id, campaign_id, referral_id, deal_id)
        return ContactEntry.from_json(call_json(lib.snowball_contact_log, self._h, ref(customer, "customer"), dumps(doc)))

    def correct(self, entry: Any, *, channel: str, direction: Optional[str] = "out", outcome: str,
                note: Optional[str] = None, intent: Optional[str] = None, next_contact: Any = None, at: Any = None,
                duration_s: Optional[int] = None, by: Any = None, care_task_id: Any = None, ticket_id: Any = None,
                campaign_id: Any = None, referral_id: Any = None, deal_id: Any = None) -> ContactEntry:
        """Corrects an entry with the values given (as for log; ``at`` defaults to the old entry's): a
        new entry that supersedes it. An entry corrected already raises Conflict."""
        doc = _contact(channel, direction, outcome, note, intent, next_contact, at, duration_s, by, care_task_id,
                       ticket_id, campaign_id, referral_id, deal_id)
        return ContactEntry.from_json(call_json(lib.snowball_contact_correct, self._h, ref(entry, "entry"), dumps(doc)))

    def get(self, entry_id: Any) -> ContactEntry:
        return ContactEntry.from_json(call_json(lib.snowball_contact_get, self._h, ref(entry_id, "entry_id")))

    def history(self, customer: Any, limit: Optional[int] = 100, include_superseded: bool = False) -> List[ContactEntry]:
        """The customer's entries, newest first (``limit`` 1-10000); superseded ones only when asked."""
        data = call_json(lib.snowball_contact_history, self._h, ref(customer, "customer"), limit or 0,
                         int(include_superseded))
        return [ContactEntry.from_json(e) for e in data]

    def follow_up(self, customer: Any) -> FollowUp:
        return FollowUp.from_json(call_json(lib.snowball_contact_follow_up, self._h, ref(customer, "customer")))

    def frequency(self, customer: Any = None, consultant: Any = None, site: Any = None,
                  as_of: Optional[_dt.date] = None) -> ContactFrequency:
        """How often one customer, one consultant (the contacts they made) or a site was contacted in
        the 30, 90 and 365 days up to ``as_of`` (today): ``.window(90).contacts``."""
        doc = without_none(customer_id=ref(customer, "customer"), consultant_id=ref(consultant, "consultant"),
                           site=site_code(site), as_of=iso(as_of))
        return ContactFrequency.from_json(call_json(lib.snowball_contact_frequency, self._h, dumps(doc)))

    def due(self, on: Optional[_dt.date] = None, *, consultant: Any = None, site: Any = None,
            include_overdue: bool = True) -> List[DueItem]:
        """The list of the day ``on`` (today) for a consultant's customers or a whole site: contacts
        due (planned, or by the policy) and care tasks, overdue ones too unless told not to; customers
        who object to the channel are left out."""
        doc = without_none(on=iso(on), consultant_id=ref(consultant, "consultant"), site=site_code(site),
                           include_overdue=include_overdue)
        return [DueItem.from_json(i) for i in call_json(lib.snowball_contact_due, self._h, dumps(doc))]

    def not_contacted(self, days: int = 90, *, site: Any = None, stage: Optional[str] = None,
                      tier: Optional[str] = None, consultant: Any = None, as_of: Optional[_dt.date] = None,
                      limit: Optional[int] = 1000, offset: Optional[int] = 0) -> QuietCustomers:
        """The site's customers with no contact in the last ``days`` days (counted from their first
        contact when there was none), the longest quiet first: a list with ``.total``."""
        doc = without_none(site=site_code(site), days=days, stage=stage, tier=tier,
                           consultant_id=ref(consultant, "consultant"), as_of=iso(as_of), limit=limit, offset=offset)
        page = call_json(lib.snowball_contact_not_contacted, self._h, dumps(doc))
        return QuietCustomers((QuietCustomer.from_json(q) for q in page["items"]), page["total"])

    def do_not_contact(self, customer: Any, channel: Optional[str] = None, by: Any = None) -> Consent:
        """Do-not-contact (勿扰): the customer objects to ``channel`` (None: every channel), recorded in
        the consent ledger. Outbound contacts on it are refused and the list of the day leaves them out."""
        data = call_json(lib.snowball_contact_do_not_contact, self._h, ref(customer, "customer"), c_text(channel),
                         actor(by))
        return Consent.from_json(data)

    def allow_contact(self, customer: Any, channel: Optional[str] = None, by: Any = None) -> int:
        """The customer agrees to be contacted on ``channel`` again (None: on every channel): lifts the
        objections do_not_contact recorded. How many were lifted."""
        count = ctypes.c_int()
        lib.snowball_contact_allow_contact(ctypes.byref(count), self._h, ref(customer, "customer"), c_text(channel),
                                           actor(by))
        return count.value

    def may_contact(self, customer: Any, channel: Optional[str] = None) -> bool:
        allowed = ctypes.c_int()
        lib.snowball_contact_may_contact(ctypes.byref(allowed), self._h, ref(customer, "customer"), c_text(channel))
        return bool(allowed.value)

    def settings(self, site: Any) -> ContactSettings:
        return ContactSettings.from_json(call_json(lib.snowball_contact_settings, self._h, c_text(site_code(site))))

    def update_settings(self, site: Any, *, grades: Optional[Iterable[Any]] = None, owner_every_days: Any = UNSET,
                        quiet_hours: Any = UNSET) -> ContactSettings:
        """Changes the given settings. grades: the whole scale, highest intent first (IntentGrades,
        dicts or (key, label, every_days) tuples); ``owner_every_days=None`` and ``quiet_hours=None``
        clear them; quiet_hours: a QuietHours or a ("21:00", "09:00") pair."""
        doc: Dict[str, Any] = {}
        if grades is not None:
            doc["grades"] = [_grade(g) for g in grades]
        if owner_every_days is not UNSET:
            doc["owner_every_days"] = owner_every_days
        if quiet_hours is not UNSET:
            doc["quiet_hours"] = _quiet_hours(quiet_hours)
        data = call_json(lib.snowball_contact_update_settings, self._h, c_text(site_code(site)), dumps(doc))
        return ContactSettings.from_json(data)

    def add_outcome(self, site: Any, key: str, label: str, reached: bool = False) -> ContactSettings:
        """An outcome of the site's own; a key in use raises Conflict."""
        doc = {"key": key, "label": label, "reached": reached}
        data = call_json(lib.snowball_contact_add_outcome, self._h, c_text(site_code(site)), dumps(doc))
        return ContactSettings.from_json(data)


class ReportsService(Service):
    """archive.reports: the manager's reports."""

    def care(self, site: Any, start: _dt.date, end: _dt.date, *, period: Optional[str] = None,
             consultant: Any = None, as_of: Optional[_dt.date] = None) -> CareReport:
        """Care work per consultant over [start, end]: care tasks due, done on time or late, skipped and
        overdue; contacts made, reached and by channel and outcome; calls in quiet hours; grade moves;
        prospects without a next contact and owners not contacted in 90 days. period: "whole"
        (default), "day", "week" or "month". A list of rows; ``.to_csv()`` for Excel."""
        query = without_none(site=site_code(site), start=iso(start), end=iso(end), period=period,
                             consultant_id=ref(consultant, "consultant"), as_of=iso(as_of))
        # The rows and the CSV of one run of the report: they agree whatever is written meanwhile.
        out_json, out_csv = ctypes.c_void_p(), ctypes.c_void_p()
        try:
            lib.snowball_report_care_with_csv(ctypes.byref(out_json), ctypes.byref(out_csv), self._h, dumps(query))
        finally:
            document, csv = text(out_json), text(out_csv)
        report = CareReport.from_json(json.loads(document))
        object.__setattr__(report, "_csv", csv)
        return report
