"""Complaints, suggestions and praise (archive.feedback); satisfaction surveys (archive.surveys).

    t = archive.feedback.open(channel="phone", kind="complaint", category="property_quality",
                              severity="high", text="卫生间渗水", customer_id=c.id)
    archive.feedback.transition(t.id, "acknowledged", by=wang)
    archive.feedback.overdue(on=date(2025, 10, 20))

    s = archive.surveys.create("交付满意度", questions=[
        {"key": "quality", "text": "房屋质量", "type": "rating5", "topic": "property"},
        {"key": "recommend", "text": "推荐意愿", "type": "nps", "topic": "service"}])
    archive.surveys.respond(s.id, c.id, answers={"quality": 4, "recommend": 9}, channel="phone")
    archive.surveys.stats(s.id, site="XH").nps
"""

from __future__ import annotations

import datetime as _dt
import json
from ctypes import c_int, c_int64
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, handle_or_raise, lib
from .errors import NotFound
from .records import Page, _Record, iso, to_date, to_datetime

__all__ = [
    "FeedbackService", "SurveysService", "Ticket", "TicketEvent", "Escalation", "Category", "Deadline",
    "FeedbackSettings", "QuestionOption", "Question", "Survey", "Audience", "Campaign", "Response", "NpsCounts",
    "QuestionStats", "TopicStats", "MonthStats", "ChannelStats", "SurveyStats",
]

declare({
    "snowball_feedback_open": [OUT, HANDLE, TEXT],
    "snowball_feedback_get": [OUT, HANDLE, c_int64],
    "snowball_feedback_by_number": [OUT, HANDLE, TEXT],
    "snowball_feedback_list": [OUT, HANDLE, TEXT],
    "snowball_feedback_transition": [OUT, HANDLE, c_int64, TEXT, c_int64, TEXT, TEXT],
    "snowball_feedback_assign": [OUT, HANDLE, c_int64, c_int64, c_int64, TEXT],
    "snowball_feedback_note": [OUT, HANDLE, c_int64, TEXT, c_int64],
    "snowball_feedback_link": [OUT, HANDLE, c_int64, c_int64, c_int64],
    "snowball_feedback_history": [OUT, HANDLE, c_int64],
    "snowball_feedback_overdue": [OUT, HANDLE, TEXT],
    "snowball_feedback_escalations": [OUT, HANDLE, TEXT],
    "snowball_feedback_open_tickets": [OUT, HANDLE, c_int64],
    "snowball_feedback_categories": [OUT, HANDLE, TEXT],
    "snowball_feedback_add_category": [OUT, HANDLE, TEXT, TEXT],
    "snowball_feedback_settings": [OUT, HANDLE, TEXT],
    "snowball_feedback_update_settings": [OUT, HANDLE, TEXT, TEXT],
    "snowball_survey_create": [OUT, HANDLE, TEXT],
    "snowball_survey_get": [OUT, HANDLE, c_int64, c_int],
    "snowball_survey_list": [OUT, HANDLE, TEXT, c_int],
    "snowball_survey_update": [OUT, HANDLE, c_int64, TEXT],
    "snowball_survey_campaign_create": [OUT, HANDLE, TEXT],
    "snowball_survey_campaign_get": [OUT, HANDLE, c_int64],
    "snowball_survey_campaign_list": [OUT, HANDLE, c_int64],
    "snowball_survey_respond": [OUT, HANDLE, TEXT],
    "snowball_survey_respond_many": [OUT, HANDLE, TEXT],
    "snowball_survey_response_get": [OUT, HANDLE, c_int64],
    "snowball_survey_response_list": [OUT, HANDLE, TEXT],
    "snowball_survey_stats": [OUT, HANDLE, c_int64, TEXT],
})

_UNSET: Any = object()


def _dumps(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _without_none(**values: Any) -> Dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _ref(value: Any, what: str) -> int:
    """An id given as an integer or as a record with an ``id`` (Customer, Consultant, Ticket, ...)."""
    if hasattr(value, "id") and not isinstance(value, (int, str)):
        value = value.id
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an integer id or a record with an id, not %r" % (what, value))
    return value


def _optional_ref(value: Any, what: str) -> Optional[int]:
    return None if value is None else _ref(value, what)


def _site_code(site: Any) -> Optional[str]:
    return getattr(site, "code", site)


# ---------------------------------------------------------------------------------------------
# Feedback records


@dataclass(frozen=True)
class Ticket(_Record):
    """A complaint, suggestion or praise and where it stands."""

    id: int
    uid: str
    number: str                                  # XH-F2025-00001
    site: Optional[str]                          # None: taken in at group level
    channel: str                                 # phone, letter, face_to_face, online
    kind: str                                    # complaint, suggestion, praise
    category: str
    severity: str                                # low, normal, high, urgent
    text: str
    customer_id: Optional[int] = None
    name: str = ""
    phone: str = ""
    status: str = "received"                     # received, acknowledged, in_progress, resolved, closed
    assignee_id: Optional[int] = None
    received_on: Optional[_dt.date] = None
    received_by: Optional[int] = None
    acknowledge_due: Optional[_dt.date] = None
    acknowledge_due_estimated: bool = False      # counted without a published holiday arrangement
    resolve_due: Optional[_dt.date] = None
    resolve_due_estimated: bool = False
    acknowledged_on: Optional[_dt.date] = None
    resolved_on: Optional[_dt.date] = None
    closed_on: Optional[_dt.date] = None
    resolution: str = ""
    reopened: int = 0
    response_id: Optional[int] = None            # the survey response whose low score opened it
    follow_up_campaign_id: Optional[int] = None  # the follow-up survey scheduled when it was resolved
    created_at: Optional[_dt.datetime] = None
    updated_at: Optional[_dt.datetime] = None
    _dates = ("received_on", "acknowledge_due", "resolve_due", "acknowledged_on", "resolved_on", "closed_on")
    _times = ("created_at", "updated_at")

    @property
    def is_open(self) -> bool:
        return self.status in ("received", "acknowledged", "in_progress")


@dataclass(frozen=True)
class TicketEvent:
    """One entry of a ticket's history: a status change, an assignment, a link or a note."""

    id: int
    ticket_id: int
    action: str            # received, acknowledged, in_progress, resolved, closed, reopened, assigned, linked, note
    from_status: Optional[str]
    to_status: Optional[str]
    by: Optional[int]
    note: str
    assignee_id: Optional[int]
    customer_id: Optional[int]
    on: _dt.date
    at: _dt.datetime

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "TicketEvent":
        return cls(d["id"], d["ticket_id"], d["action"], d["from"], d["to"], d["by"], d["note"], d["assignee_id"],
                   d["customer_id"], to_date(d["on"]), to_datetime(d["at"]))


@dataclass(frozen=True)
class Escalation:
    ticket: Ticket
    deadline: str                  # "acknowledge" or "resolve"
    due: _dt.date
    working_days_overdue: int
    escalate_to: Optional[int]     # a manager's consultant id

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Escalation":
        return cls(Ticket.from_json(d["ticket"]), d["deadline"], to_date(d["due"]), d["working_days_overdue"],
                   d["escalate_to"])


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    builtin: bool = False


@dataclass(frozen=True)
class Deadline:
    """Working days allowed from the day a ticket is received."""

    acknowledge_days: int
    resolve_days: int


@dataclass(frozen=True)
class FeedbackSettings:
    site: str
    deadlines: Dict[str, Deadline]           # by severity
    escalate_after_days: int
    follow_up_survey_id: Optional[int]
    follow_up_channel: str
    follow_up_after_days: int
    low_rating5: Optional[int]
    low_nps: Optional[int]
    low_score_severity: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "FeedbackSettings":
        deadlines = {k: Deadline(**v) for k, v in d["deadlines"].items()}
        return cls(d["site"], deadlines, d["escalate_after_days"], d["follow_up_survey_id"], d["follow_up_channel"],
                   d["follow_up_after_days"], d["low_rating5"], d["low_nps"], d["low_score_severity"])


# ---------------------------------------------------------------------------------------------
# Survey records


@dataclass(frozen=True)
class QuestionOption:
    key: str
    label: str = ""


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    type: str = "rating5"                    # rating5, nps, single, multi, text
    topic: str = "general"
    options: List[QuestionOption] = field(default_factory=list)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Question":
        return cls(d["key"], d["text"], d["type"], d["topic"], [QuestionOption(o["key"], o["label"]) for o in d["options"]])


@dataclass(frozen=True)
class Survey:
    id: int
    uid: str
    site: Optional[str]                      # None: group-wide
    version: int
    current_version: int
    title: str
    questions: List[Question]
    active: bool = True
    responses: int = 0                       # to this version
    created_at: Optional[_dt.datetime] = None
    created_by: Optional[int] = None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Survey":
        return cls(d["id"], d["uid"], d["site"], d["version"], d["current_version"], d["title"],
                   [Question.from_json(q) for q in d["questions"]], d["active"], d["responses"],
                   to_datetime(d["created_at"]), d["created_by"])

    def question(self, key: str) -> Question:
        for q in self.questions:
            if q.key == key:
                return q
        raise KeyError(key)


@dataclass(frozen=True)
class Audience:
    kind: str                                # site_owners, consultant_customers, ticket, customers
    site: Optional[str] = None
    consultant_id: Optional[int] = None
    ticket_id: Optional[int] = None
    customer_ids: List[int] = field(default_factory=list)


@dataclass(frozen=True)
class Campaign:
    id: int
    uid: str
    survey_id: int
    version: int
    site: Optional[str]
    name: str
    channel: str                             # letter, phone, online
    audience: Audience
    send_on: _dt.date
    allow_multiple: bool
    invited: List[int]
    responded: int
    created_at: Optional[_dt.datetime] = None
    created_by: Optional[int] = None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Campaign":
        return cls(d["id"], d["uid"], d["survey_id"], d["version"], d["site"], d["name"], d["channel"],
                   Audience(**d["audience"]), to_date(d["send_on"]), d["allow_multiple"], list(d["invited"]),
                   d["responded"], to_datetime(d["created_at"]), d["created_by"])

    @property
    def response_rate(self) -> Optional[float]:
        return self.responded / len(self.invited) if self.invited else None


@dataclass(frozen=True)
class Response(_Record):
    id: int
    survey_id: int
    version: int
    customer_id: int
    site: str
    channel: str
    date: _dt.date
    answers: Dict[str, Any] = field(default_factory=dict)
    complete: bool = False
    campaign_id: Optional[int] = None
    consultant_id: Optional[int] = None
    ticket_id: Optional[int] = None
    deal_id: Optional[int] = None
    event: str = ""
    opened_ticket_id: Optional[int] = None   # the ticket a low score opened
    recorded_at: Optional[_dt.datetime] = None
    recorded_by: Optional[int] = None
    _dates = ("date",)
    _times = ("recorded_at",)


@dataclass(frozen=True)
class NpsCounts:
    answers: int = 0
    promoters: int = 0
    passives: int = 0
    detractors: int = 0


def _nps_fields(d: Mapping[str, Any]) -> Dict[str, Any]:
    ci = d.get("nps_ci")
    return {"nps": d.get("nps"), "nps_ci": tuple(ci) if ci is not None else None,
            "nps_std_error": d.get("nps_std_error"), "nps_counts": NpsCounts(**d.get("nps_counts", {}))}


@dataclass(frozen=True)
class QuestionStats:
    key: str
    text: str
    type: str
    topic: str
    answered: int
    mean: Optional[float]                    # rating5 and nps questions
    distribution: Dict[str, int]             # every scale value or option, in order, zeros included
    csat: Optional[float]                    # rating5: % of answers 4-5
    nps: Optional[float]                     # nps questions
    nps_ci: Optional[Tuple[float, float]]
    nps_std_error: Optional[float]
    nps_counts: NpsCounts

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "QuestionStats":
        return cls(d["key"], d["text"], d["type"], d["topic"], d["answered"], d["mean"],
                   {v["value"]: v["count"] for v in d["distribution"]}, d["csat"], **_nps_fields(d))


@dataclass(frozen=True)
class TopicStats:
    topic: str
    answers: int
    csat: Optional[float]
    nps: Optional[float]
    nps_ci: Optional[Tuple[float, float]]
    nps_std_error: Optional[float]
    nps_counts: NpsCounts

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "TopicStats":
        return cls(d["topic"], d["answers"], d["csat"], **_nps_fields(d))


@dataclass(frozen=True)
class MonthStats:
    month: str                               # "2025-10"
    responses: int
    csat: Optional[float]
    nps: Optional[float]


@dataclass(frozen=True)
class ChannelStats:
    channel: str
    responses: int                           # responses given through the channel
    invited: int                             # invitations of the survey's campaigns on the channel
    responded: int                           # of them, those who responded
    rate: Optional[float]                    # responded / invited


@dataclass(frozen=True)
class SurveyStats:
    """Scores of a survey in a scope. CSAT in % (share of 4-5 answers on 1-5 questions); NPS in points
    (% promoters 9-10 − % detractors 0-6) with its 95 % confidence interval ``nps_ci``."""

    survey_id: int
    responses: int
    csat: Optional[float]
    csat_answers: int
    nps: Optional[float]
    nps_ci: Optional[Tuple[float, float]]
    nps_std_error: Optional[float]
    nps_counts: NpsCounts
    questions: Dict[str, QuestionStats]      # by question key, in the survey's order
    topics: Dict[str, TopicStats]
    trend: List[MonthStats]                  # by month
    channels: Dict[str, ChannelStats]        # letter, phone, online

    @property
    def means(self) -> Dict[str, Optional[float]]:
        """The mean of each rating5 and nps question, by key."""
        return {k: q.mean for k, q in self.questions.items() if q.type in ("rating5", "nps")}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "SurveyStats":
        return cls(d["survey_id"], d["responses"], d["csat"], d["csat_answers"], **_nps_fields(d),
                   questions={q["key"]: QuestionStats.from_json(q) for q in d["questions"]},
                   topics={t["topic"]: TopicStats.from_json(t) for t in d["topics"]},
                   trend=[MonthStats(**m) for m in d["trend"]],
                   channels={c["channel"]: ChannelStats(**c) for c in d["channels"]})


# ---------------------------------------------------------------------------------------------
# Services


class _Service:
    def __init__(self, archive):
        self._archive = archive  # keeps the archive (and its handle) alive

    @property
    def _h(self) -> int:
        return handle_or_raise(self._archive._handle)


def _deadline_json(value: Any) -> Dict[str, int]:
    if isinstance(value, Deadline):
        return {"acknowledge_days": value.acknowledge_days, "resolve_days": value.resolve_days}
    if isinstance(value, Mapping):
        return dict(value)
    acknowledge, resolve = value
    return {"acknowledge_days": acknowledge, "resolve_days": resolve}


class FeedbackService(_Service):
    """archive.feedback: complaints, suggestions and praise, through any channel, never refused."""

    def open(self, *, channel: str, kind: str, category: str, severity: str = "normal", text: str,
             customer_id: Any = None, phone: Optional[str] = None, name: Optional[str] = None,
             site: Any = None, received_on: Optional[_dt.date] = None, received_by: Any = None,
             assignee: Any = None) -> Ticket:
        """Takes in a ticket from a customer on file (``customer_id``), or from a caller known only by
        ``phone`` and/or ``name`` (a phone on file for exactly one customer links it), or anonymously.
        The site defaults to the customer's, else the archive's only site, else none (group level)."""
        doc = _without_none(channel=channel, kind=kind, category=category, severity=severity, text=text,
                            customer_id=_optional_ref(customer_id, "customer_id"), phone=phone, name=name,
                            site=_site_code(site), received_on=iso(received_on),
                            received_by=_optional_ref(received_by, "received_by"),
                            assignee_id=_optional_ref(assignee, "assignee"))
        return Ticket.from_json(call_json(lib.snowball_feedback_open, self._h, _dumps(doc)))

    def get(self, ticket_id: Any) -> Ticket:
        return Ticket.from_json(call_json(lib.snowball_feedback_get, self._h, _ref(ticket_id, "ticket_id")))

    def find_number(self, number: str) -> Optional[Ticket]:
        """The ticket with this number (XH-F2025-00001), or None."""
        try:
            return Ticket.from_json(call_json(lib.snowball_feedback_by_number, self._h, c_text(number)))
        except NotFound as exc:
            if exc.field == "number":
                return None
            raise

    def list(self, *, site: Any = None, status: Optional[str] = None, open_only: bool = False, customer: Any = None,
             assignee: Any = None, kind: Optional[str] = None, category: Optional[str] = None,
             severity: Optional[str] = None, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None,
             limit: int = 50, offset: int = 0) -> Page[Ticket]:
        """Tickets matching the filters, newest first (start/end: received on)."""
        doc = _without_none(site=_site_code(site), status=status, open_only=open_only or None,
                            customer_id=_optional_ref(customer, "customer"), assignee_id=_optional_ref(assignee, "assignee"),
                            kind=kind, category=category, severity=severity, **{"from": iso(start), "to": iso(end)},
                            limit=limit, offset=offset)
        data = call_json(lib.snowball_feedback_list, self._h, _dumps(doc))
        return Page([Ticket.from_json(t) for t in data["items"]], data["total"])

    def transition(self, ticket_id: Any, status: str, by: Any, note: Optional[str] = None,
                   on: Optional[_dt.date] = None) -> Ticket:
        """Moves a ticket to the next status (received → acknowledged → in_progress → resolved → closed;
        "in_progress" from resolved or closed reopens it). Any other move raises InvalidState."""
        data = call_json(lib.snowball_feedback_transition, self._h, _ref(ticket_id, "ticket_id"), c_text(status),
                         _ref(by, "by"), c_text(note), c_text(iso(on)))
        return Ticket.from_json(data)

    def reopen(self, ticket_id: Any, by: Any, note: Optional[str] = None, on: Optional[_dt.date] = None) -> Ticket:
        """A resolved or closed ticket back in progress (the customer is not satisfied)."""
        return self.transition(ticket_id, "in_progress", by, note, on)

    def assign(self, ticket_id: Any, assignee: Any, by: Any, note: Optional[str] = None) -> Ticket:
        """To an active consultant or manager of the ticket's site; None unassigns."""
        data = call_json(lib.snowball_feedback_assign, self._h, _ref(ticket_id, "ticket_id"),
                         _optional_ref(assignee, "assignee") or 0, _ref(by, "by"), c_text(note))
        return Ticket.from_json(data)

    def note(self, ticket_id: Any, text: str, by: Any) -> Ticket:
        data = call_json(lib.snowball_feedback_note, self._h, _ref(ticket_id, "ticket_id"), c_text(text), _ref(by, "by"))
        return Ticket.from_json(data)

    def link(self, ticket_id: Any, customer: Any, by: Any) -> Ticket:
        """Links the ticket to a customer on file (an unknown caller recognised later)."""
        data = call_json(lib.snowball_feedback_link, self._h, _ref(ticket_id, "ticket_id"), _ref(customer, "customer"),
                         _ref(by, "by"))
        return Ticket.from_json(data)

    def history(self, ticket_id: Any) -> List[TicketEvent]:
        return [TicketEvent.from_json(e)
                for e in call_json(lib.snowball_feedback_history, self._h, _ref(ticket_id, "ticket_id"))]

    def overdue(self, on: Optional[_dt.date] = None, *, site: Any = None, assignee: Any = None) -> List[Ticket]:
        """Open tickets past a deadline on ``on`` (default today), the most overdue first."""
        doc = _without_none(on=iso(on), site=_site_code(site), assignee_id=_optional_ref(assignee, "assignee"))
        return [Ticket.from_json(t) for t in call_json(lib.snowball_feedback_overdue, self._h, _dumps(doc))]

    def escalations(self, on: Optional[_dt.date] = None, *, site: Any = None, assignee: Any = None) -> List[Escalation]:
        """Open tickets past a deadline by the site's escalate_after_days working days or more, with the
        manager each goes to."""
        doc = _without_none(on=iso(on), site=_site_code(site), assignee_id=_optional_ref(assignee, "assignee"))
        return [Escalation.from_json(e) for e in call_json(lib.snowball_feedback_escalations, self._h, _dumps(doc))]

    def open_tickets(self, customer: Any) -> List[Ticket]:
        data = call_json(lib.snowball_feedback_open_tickets, self._h, _ref(customer, "customer"))
        return [Ticket.from_json(t) for t in data]

    def categories(self, site: Any = None) -> List[Category]:
        return [Category(**c) for c in call_json(lib.snowball_feedback_categories, self._h, c_text(_site_code(site)))]

    def add_category(self, site: Any, key: str, label: str) -> List[Category]:
        data = call_json(lib.snowball_feedback_add_category, self._h, c_text(_site_code(site)),
                         _dumps({"key": key, "label": label}))
        return [Category(**c) for c in data]

    def settings(self, site: Any) -> FeedbackSettings:
        return FeedbackSettings.from_json(call_json(lib.snowball_feedback_settings, self._h, c_text(_site_code(site))))

    def update_settings(self, site: Any, *, deadlines: Optional[Mapping[str, Any]] = None,
                        escalate_after_days: Optional[int] = None, follow_up_survey: Any = _UNSET,
                        follow_up_channel: Optional[str] = None, follow_up_after_days: Optional[int] = None,
                        low_rating5: Any = _UNSET, low_nps: Any = _UNSET,
                        low_score_severity: Optional[str] = None) -> FeedbackSettings:
        """Changes the given settings. deadlines: {severity: Deadline or (acknowledge_days, resolve_days)};
        ``follow_up_survey=None``, ``low_rating5=None``, ``low_nps=None`` switch those off."""
        doc = _without_none(escalate_after_days=escalate_after_days, follow_up_channel=follow_up_channel,
                            follow_up_after_days=follow_up_after_days, low_score_severity=low_score_severity)
        if deadlines is not None:
            doc["deadlines"] = {k: _deadline_json(v) for k, v in deadlines.items()}
        if follow_up_survey is not _UNSET:
            doc["follow_up_survey_id"] = _optional_ref(follow_up_survey, "follow_up_survey")
        if low_rating5 is not _UNSET:
            doc["low_rating5"] = low_rating5
        if low_nps is not _UNSET:
            doc["low_nps"] = low_nps
        data = call_json(lib.snowball_feedback_update_settings, self._h, c_text(_site_code(site)), _dumps(doc))
        return FeedbackSettings.from_json(data)


def _question_json(q: Any) -> Dict[str, Any]:
    if isinstance(q, Question):
        return {"key": q.key, "text": q.text, "type": q.type, "topic": q.topic,
                "options": [{"key": o.key, "label": o.label} for o in q.options]}
    doc = dict(q)
    options = doc.get("options")
    if options is not None:
        doc["options"] = [o if isinstance(o, (str, Mapping)) else
                          ({"key": o.key, "label": o.label} if isinstance(o, QuestionOption) else
                           {"key": o[0], "label": o[1]}) for o in options]
    return doc


def _answers_json(answers: Mapping[str, Any]) -> Dict[str, Any]:
    out = {}
    for key, value in answers.items():
        if isinstance(value, (set, frozenset, tuple)):
            value = list(value)
        out[key] = value
    return out


class SurveysService(_Service):
    """archive.surveys: questionnaires, campaigns, responses and their statistics."""

    def create(self, title: str, questions: Sequence[Any] = (), *, site: Any = None, by: Any = None) -> Survey:
        """A questionnaire; each question a dict {"key", "text", "type": "rating5"|"nps"|"single"|"multi"|"text",
        "topic", "options"} or a Question. Without a site it is group-wide."""
        doc = _without_none(title=title, questions=[_question_json(q) for q in questions], site=_site_code(site),
                            by=_optional_ref(by, "by"))
        return Survey.from_json(call_json(lib.snowball_survey_create, self._h, _dumps(doc)))

    def get(self, survey_id: Any, version: Optional[int] = None) -> Survey:
        return Survey.from_json(call_json(lib.snowball_survey_get, self._h, _ref(survey_id, "survey_id"), version or 0))

    def list(self, site: Any = None, *, include_inactive: bool = False) -> List[Survey]:
        data = call_json(lib.snowball_survey_list, self._h, c_text(_site_code(site)), int(include_inactive))
        return [Survey.from_json(s) for s in data]

    def update(self, survey_id: Any, *, title: Optional[str] = None, questions: Optional[Sequence[Any]] = None,
               active: Optional[bool] = None, by: Any = None) -> Survey:
        """Edits a survey; once a version has responses (or a campaign) the edit becomes a new version."""
        doc = _without_none(title=title, active=active, by=_optional_ref(by, "by"),
                            questions=None if questions is None else [_question_json(q) for q in questions])
        return Survey.from_json(call_json(lib.snowball_survey_update, self._h, _ref(survey_id, "survey_id"), _dumps(doc)))

    def create_campaign(self, survey_id: Any, *, channel: str, owners_of: Any = None, consultant: Any = None,
                        ticket: Any = None, customers: Optional[Iterable[Any]] = None, name: Optional[str] = None,
                        send_on: Optional[_dt.date] = None, allow_multiple: bool = False, by: Any = None) -> Campaign:
        """Sends a survey by letter, phone or online to one audience: ``owners_of`` a site, the customers of a
        ``consultant``, the customer of a resolved or closed ``ticket``, or a list of ``customers``."""
        given = [x is not None for x in (owners_of, consultant, ticket, customers)]
        if sum(given) != 1:
            raise TypeError("give exactly one audience: owners_of, consultant, ticket or customers")
        if owners_of is not None:
            audience = {"kind": "site_owners", "site": _site_code(owners_of)}
        elif consultant is not None:
            audience = {"kind": "consultant_customers", "consultant_id": _ref(consultant, "consultant")}
        elif ticket is not None:
            audience = {"kind": "ticket", "ticket_id": _ref(ticket, "ticket")}
        else:
            audience = {"kind": "customers", "customer_ids": [_ref(c, "customers") for c in customers]}
        doc = _without_none(survey_id=_ref(survey_id, "survey_id"), channel=channel, audience=audience, name=name,
                            send_on=iso(send_on), allow_multiple=allow_multiple, by=_optional_ref(by, "by"))
        return Campaign.from_json(call_json(lib.snowball_survey_campaign_create, self._h, _dumps(doc)))

    def campaign(self, campaign_id: Any) -> Campaign:
        return Campaign.from_json(call_json(lib.snowball_survey_campaign_get, self._h, _ref(campaign_id, "campaign_id")))

    def campaigns(self, survey_id: Any) -> List[Campaign]:
        data = call_json(lib.snowball_survey_campaign_list, self._h, _ref(survey_id, "survey_id"))
        return [Campaign.from_json(c) for c in data]

    @staticmethod
    def _response(survey_id: Any, customer_id: Any, answers: Mapping[str, Any], channel: Optional[str] = None,
                  campaign: Any = None, ticket: Any = None, deal: Any = None, event: Optional[str] = None,
                  date: Optional[_dt.date] = None, by: Any = None) -> Dict[str, Any]:
        return _without_none(survey_id=_ref(survey_id, "survey_id"), customer_id=_ref(customer_id, "customer_id"),
                             answers=_answers_json(answers), channel=channel,
                             campaign_id=_optional_ref(campaign, "campaign"), ticket_id=_optional_ref(ticket, "ticket"),
                             deal_id=_optional_ref(deal, "deal"), event=event, date=iso(date), by=_optional_ref(by, "by"))

    def respond(self, survey_id: Any, customer_id: Any, answers: Mapping[str, Any], channel: Optional[str] = None, *,
                campaign: Any = None, ticket: Any = None, deal: Any = None, event: Optional[str] = None,
                date: Optional[_dt.date] = None, by: Any = None) -> Response:
        """Records a response: answers {question key: 1-5 | 0-10 | "option" | ["option", ...] | "text" | None};
        unanswered questions may be left out. channel: "letter", "phone" or "online" (default: the
        campaign's). A bad answer raises InvalidArgument whose ``field`` is "answers.<key>"."""
        doc = self._response(survey_id, customer_id, answers, channel, campaign, ticket, deal, event, date, by)
        return Response.from_json(call_json(lib.snowball_survey_respond, self._h, _dumps(doc)))

    def respond_many(self, responses: Iterable[Mapping[str, Any]]) -> List[int]:
        """Many responses (keyword dicts as for respond) in one transaction: all or none. Returns their ids."""
        docs = [self._response(**dict(r)) for r in responses]
        return list(call_json(lib.snowball_survey_respond_many, self._h, _dumps(docs)))

    def response(self, response_id: Any) -> Response:
        return Response.from_json(call_json(lib.snowball_survey_response_get, self._h, _ref(response_id, "response_id")))

    def responses(self, *, survey: Any = None, customer: Any = None, campaign: Any = None, limit: int = 50,
                  offset: int = 0) -> Page[Response]:
        doc = _without_none(survey_id=_optional_ref(survey, "survey"), customer_id=_optional_ref(customer, "customer"),
                            campaign_id=_optional_ref(campaign, "campaign"), limit=limit, offset=offset)
        data = call_json(lib.snowball_survey_response_list, self._h, _dumps(doc))
        return Page([Response.from_json(r) for r in data["items"]], data["total"])

    def stats(self, survey_id: Any, site: Any = None, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None,
              *, consultant: Any = None, topic: Optional[str] = None, version: Optional[int] = None) -> SurveyStats:
        """Scores of the responses in scope: .responses, .csat, .nps, .nps_ci, .means, .questions[key]
        (mean, distribution), .topics, .trend (by month), .channels (response rates)."""
        doc = _without_none(site=_site_code(site), consultant_id=_optional_ref(consultant, "consultant"), topic=topic,
                            version=version, **{"from": iso(start), "to": iso(end)})
        return SurveyStats.from_json(call_json(lib.snowball_survey_stats, self._h, _ref(survey_id, "survey_id"),
                                               _dumps(doc)))
