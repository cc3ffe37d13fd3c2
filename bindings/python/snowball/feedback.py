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
from ctypes import c_int, c_int64
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib, lookup
from ._support import UNSET, Record, Service, actor, dumps, find, iso, json_key, ref, site_code, without_none
from .records import Page

__all__ = [
    "FeedbackService", "SurveysService", "Ticket", "TicketEvent", "Escalation", "Category", "Deadline",
    "FeedbackSettings", "QuestionOption", "Question", "Survey", "Audience", "Campaign", "Response", "NpsCounts",
    "ValueCount", "QuestionStats", "TopicStats", "MonthStats", "ChannelStats", "SurveyStats",
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


# ---------------------------------------------------------------------------------------------
# Feedback records


@dataclass(frozen=True)
class Ticket(Record):
    """A complaint, suggestion or praise and where it stands. ``open``: the library's word on whether
    its status is an open one (received, acknowledged, in progress)."""

    id: int
    uid: str
    number: str                                  # XH-F2025-00001
    site: Optional[str]                          # None: taken in at group level
    channel: str                                 # phone, letter, face_to_face, online
    kind: str                                    # complaint, suggestion, praise
    category: str
    severity: str                                # low, normal, high, urgent
    text: str
    customer_id: Optional[int]
    name: str
    phone: str
    status: str                                  # received, acknowledged, in_progress, resolved, closed
    open: bool
    assignee_id: Optional[int]
    received_on: _dt.date
    received_by: Optional[int]
    acknowledge_due: _dt.date
    acknowledge_due_estimated: bool              # counted without a published holiday arrangement
    resolve_due: _dt.date
    resolve_due_estimated: bool
    acknowledged_on: Optional[_dt.date]
    resolved_on: Optional[_dt.date]
    closed_on: Optional[_dt.date]
    resolution: str
    reopened: int
    response_id: Optional[int]                   # the survey response whose low score opened it
    follow_up_campaign_id: Optional[int]         # the follow-up survey scheduled when it was resolved
    created_at: _dt.datetime
    updated_at: _dt.datetime

    @property
    def is_open(self) -> bool:
        """``open``, by its older name."""
        return self.open


@dataclass(frozen=True)
class TicketEvent(Record):
    """One entry of a ticket's history: a status change, an assignment, a link or a note."""

    id: int
    ticket_id: int
    action: str            # received, acknowledged, in_progress, resolved, closed, reopened, assigned, linked, note
    from_status: Optional[str] = json_key("from")
    to_status: Optional[str] = json_key("to")
    by: Optional[int]
    note: str
    assignee_id: Optional[int]
    customer_id: Optional[int]
    on: _dt.date
    at: _dt.datetime


@dataclass(frozen=True)
class Escalation(Record):
    ticket: Ticket
    deadline: str                  # "acknowledge" or "resolve"
    due: _dt.date
    working_days_overdue: int
    escalate_to: Optional[int]     # a manager's consultant id


@dataclass(frozen=True)
class Category(Record):
    key: str
    label: str
    builtin: bool


@dataclass(frozen=True)
class Deadline(Record):
    """Working days allowed from the day a ticket is received."""

    acknowledge_days: int
    resolve_days: int


@dataclass(frozen=True)
class FeedbackSettings(Record):
    site: str
    deadlines: Dict[str, Deadline]           # by severity
    escalate_after_days: int
    follow_up_survey_id: Optional[int]
    follow_up_channel: str
    follow_up_after_days: int
    low_rating5: Optional[int]
    low_nps: Optional[int]
    low_score_severity: str


# ---------------------------------------------------------------------------------------------
# Survey records


@dataclass(frozen=True)
class QuestionOption(Record):
    key: str
    label: str


@dataclass(frozen=True)
class Question(Record):
    key: str
    text: str
    type: str                                # rating5, nps, single, multi, text
    topic: str
    options: List[QuestionOption]


@dataclass(frozen=True)
class Survey(Record):
    id: int
    uid: str
    site: Optional[str]                      # None: group-wide
    version: int
    current_version: int
    title: str
    questions: List[Question]
    active: bool
    responses: int                           # to this version
    created_at: _dt.datetime
    created_by: Optional[int]

    def question(self, key: str) -> Question:
        return find(self.questions, "key", key)


@dataclass(frozen=True)
class Audience(Record):
    kind: str                                # site_owners, consultant_customers, ticket, customers
    site: Optional[str]
    consultant_id: Optional[int]
    ticket_id: Optional[int]
    customer_ids: List[int]


@dataclass(frozen=True)
class Campaign(Record):
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
    response_rate: Optional[float]           # responded / invited
    created_at: _dt.datetime
    created_by: Optional[int]


@dataclass(frozen=True)
class Response(Record):
    id: int
    survey_id: int
    version: int
    campaign_id: Optional[int]
    customer_id: int
    site: str
    consultant_id: Optional[int]
    channel: str
    date: _dt.date
    answers: Dict[str, Any]                  # the answered questions: score, option key, option keys or text
    complete: bool
    ticket_id: Optional[int]
    deal_id: Optional[int]
    event: str
    opened_ticket_id: Optional[int]          # the ticket a low score opened
    recorded_at: _dt.datetime
    recorded_by: Optional[int]


@dataclass(frozen=True)
class NpsCounts(Record):
    answers: int
    promoters: int
    passives: int
    detractors: int


@dataclass(frozen=True)
class ValueCount(Record):
    value: str                               # "1".."5", "0".."10", an option key
    count: int


@dataclass(frozen=True)
class QuestionStats(Record):
    key: str
    text: str
    type: str
    topic: str
    answered: int
    mean: Optional[float]                    # rating5 and nps questions
    distribution: List[ValueCount]           # every scale value or option, in order, zeros included
    csat: Optional[float]                    # rating5: % of answers 4-5
    nps: Optional[float]                     # nps questions
    nps_ci: Optional[Tuple[float, float]]
    nps_std_error: Optional[float]
    nps_counts: NpsCounts


@dataclass(frozen=True)
class TopicStats(Record):
    topic: str
    answers: int
    csat: Optional[float]
    nps: Optional[float]
    nps_ci: Optional[Tuple[float, float]]
    nps_std_error: Optional[float]
    nps_counts: NpsCounts


@dataclass(frozen=True)
class MonthStats(Record):
    month: str                               # "2025-10"
    responses: int
    csat: Optional[float]
    nps: Optional[float]


@dataclass(frozen=True)
class ChannelStats(Record):
    channel: str
    responses: int                           # responses given through the channel
    invited: int                             # invitations of the survey's campaigns on the channel
    responded: int                           # of them, those who responded
    rate: Optional[float]                    # responded / invited


@dataclass(frozen=True)
class SurveyStats(Record):
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
    questions: List[QuestionStats]           # the current version's order, then retired questions
    topics: List[TopicStats]                 # by topic key
    trend: List[MonthStats]                  # by month
    channels: List[ChannelStats]             # letter, phone, online

    def question(self, key: str) -> QuestionStats:
        """The statistics of the question ``key``."""
        return find(self.questions, "key", key)

    def topic(self, topic: str) -> TopicStats:
        return find(self.topics, "topic", topic)

    def channel(self, channel: str) -> ChannelStats:
        return find(self.channels, "channel", channel)

    @property
    def means(self) -> Dict[str, Optional[float]]:
        """Each question's mean, by key (None where the library gives none)."""
        return {q.key: q.mean for q in self.questions}


# ---------------------------------------------------------------------------------------------
# Services


def _deadline_json(value: Any) -> Any:
    """A deadline given as a Deadline, an (acknowledge_days, resolve_days) pair or a dict."""
    if isinstance(value, Deadline):
        return value.to_json()
    if isinstance(value, Mapping):
        return dict(value)
    acknowledge, resolve = value
    return {"acknowledge_days": acknowledge, "resolve_days": resolve}


def _tickets(data: List[Any]) -> List[Ticket]:
    return [Ticket.from_json(t) for t in data]


class FeedbackService(Service):
    """archive.feedback: complaints, suggestions and praise, through any channel, never refused."""

    def open(self, *, channel: str, kind: str, category: str, severity: Optional[str] = None, text: str,
             customer_id: Any = None, phone: Optional[str] = None, name: Optional[str] = None,
             site: Any = None, received_on: Optional[_dt.date] = None, received_by: Any = None,
             assignee: Any = None) -> Ticket:
        """Takes in a ticket from a customer on file (``customer_id``), or from a caller known only by
        ``phone`` and/or ``name`` (a phone on file for exactly one customer links it), or anonymously.
        The site defaults to the customer's, else the archive's only site, else none (group level)."""
        doc = without_none(channel=channel, kind=kind, category=category, severity=severity, text=text,
                           customer_id=ref(customer_id, "customer_id"), phone=phone, name=name,
                           site=site_code(site), received_on=iso(received_on),
                           received_by=ref(received_by, "received_by"), assignee_id=ref(assignee, "assignee"))
        return Ticket.from_json(call_json(lib.snowball_feedback_open, self._h, dumps(doc)))

    def get(self, ticket_id: Any) -> Ticket:
        return Ticket.from_json(call_json(lib.snowball_feedback_get, self._h, ref(ticket_id, "ticket_id")))

    def find_number(self, number: str) -> Optional[Ticket]:
        """The ticket with this number (XH-F2025-00001, as typed: lower case or full-width too), or None."""
        data = lookup("number", lib.snowball_feedback_by_number, self._h, c_text(number))
        return None if data is None else Ticket.from_json(data)

    def list(self, *, site: Any = None, status: Optional[str] = None, open_only: Optional[bool] = None,
             customer: Any = None, assignee: Any = None, kind: Optional[str] = None, category: Optional[str] = None,
             severity: Optional[str] = None, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None,
             limit: Optional[int] = None, offset: Optional[int] = None) -> Page[Ticket]:
        """Tickets matching the filters, newest first (start/end: received on)."""
        doc = without_none(site=site_code(site), status=status, open_only=open_only,
                           customer_id=ref(customer, "customer"), assignee_id=ref(assignee, "assignee"),
                           kind=kind, category=category, severity=severity, **{"from": iso(start), "to": iso(end)},
                           limit=limit, offset=offset)
        return Page.from_json(call_json(lib.snowball_feedback_list, self._h, dumps(doc)), Ticket.from_json)

    def transition(self, ticket_id: Any, status: str, by: Any, note: Optional[str] = None,
                   on: Optional[_dt.date] = None) -> Ticket:
        """Moves a ticket to the next status (received → acknowledged → in_progress → resolved → closed;
        "in_progress" from resolved or closed reopens it). Any other move raises InvalidState."""
        data = call_json(lib.snowball_feedback_transition, self._h, ref(ticket_id, "ticket_id"), c_text(status),
                         actor(by), c_text(note), c_text(iso(on)))
        return Ticket.from_json(data)

    def reopen(self, ticket_id: Any, by: Any, note: Optional[str] = None, on: Optional[_dt.date] = None) -> Ticket:
        """A resolved or closed ticket back in progress (the customer is not satisfied)."""
        return self.transition(ticket_id, "in_progress", by, note, on)

    def assign(self, ticket_id: Any, assignee: Any, by: Any, note: Optional[str] = None) -> Ticket:
        """To an active consultant or manager of the ticket's site; None unassigns."""
        data = call_json(lib.snowball_feedback_assign, self._h, ref(ticket_id, "ticket_id"),
                         ref(assignee, "assignee") or 0, actor(by), c_text(note))
        return Ticket.from_json(data)

    def note(self, ticket_id: Any, text: str, by: Any) -> Ticket:
        data = call_json(lib.snowball_feedback_note, self._h, ref(ticket_id, "ticket_id"), c_text(text), actor(by))
        return Ticket.from_json(data)

    def link(self, ticket_id: Any, customer: Any, by: Any) -> Ticket:
        """Links the ticket to a customer on file (an unknown caller recognised later)."""
        data = call_json(lib.snowball_feedback_link, self._h, ref(ticket_id, "ticket_id"), ref(customer, "customer"),
                         actor(by))
        return Ticket.from_json(data)

    def history(self, ticket_id: Any) -> List[TicketEvent]:
        return [TicketEvent.from_json(e)
                for e in call_json(lib.snowball_feedback_history, self._h, ref(ticket_id, "ticket_id"))]

    def overdue(self, on: Optional[_dt.date] = None, *, site: Any = None, assignee: Any = None) -> List[Ticket]:
        """Open tickets past a deadline on ``on`` (default today), the most overdue first."""
        doc = without_none(on=iso(on), site=site_code(site), assignee_id=ref(assignee, "assignee"))
        return _tickets(call_json(lib.snowball_feedback_overdue, self._h, dumps(doc)))

    def escalations(self, on: Optional[_dt.date] = None, *, site: Any = None, assignee: Any = None) -> List[Escalation]:
        """Open tickets past a deadline by the site's escalate_after_days working days or more, with the
        manager each goes to."""
        doc = without_none(on=iso(on), site=site_code(site), assignee_id=ref(assignee, "assignee"))
        return [Escalation.from_json(e) for e in call_json(lib.snowball_feedback_escalations, self._h, dumps(doc))]

    def open_tickets(self, customer: Any) -> List[Ticket]:
        return _tickets(call_json(lib.snowball_feedback_open_tickets, self._h, ref(customer, "customer")))

    def categories(self, site: Any = None) -> List[Category]:
        data = call_json(lib.snowball_feedback_categories, self._h, c_text(site_code(site)))
        return [Category.from_json(c) for c in data]

    def add_category(self, site: Any, key: str, label: str) -> List[Category]:
        data = call_json(lib.snowball_feedback_add_category, self._h, c_text(site_code(site)),
                         dumps({"key": key, "label": label}))
        return [Category.from_json(c) for c in data]

    def settings(self, site: Any) -> FeedbackSettings:
        return FeedbackSettings.from_json(call_json(lib.snowball_feedback_settings, self._h, c_text(site_code(site))))

    def update_settings(self, site: Any, *, deadlines: Optional[Mapping[str, Any]] = None,
                        escalate_after_days: Optional[int] = None, follow_up_survey: Any = UNSET,
                        follow_up_channel: Optional[str] = None, follow_up_after_days: Optional[int] = None,
                        low_rating5: Any = UNSET, low_nps: Any = UNSET,
                        low_score_severity: Optional[str] = None) -> FeedbackSettings:
        """Changes the given settings. deadlines: {severity: Deadline or (acknowledge_days, resolve_days)};
        ``follow_up_survey=None``, ``low_rating5=None``, ``low_nps=None`` switch those off."""
        doc = without_none(escalate_after_days=escalate_after_days, follow_up_channel=follow_up_channel,
                           follow_up_after_days=follow_up_after_days, low_score_severity=low_score_severity)
        if deadlines is not None:
            doc["deadlines"] = {k: _deadline_json(v) for k, v in deadlines.items()}
        if follow_up_survey is not UNSET:
            doc["follow_up_survey_id"] = ref(follow_up_survey, "follow_up_survey")
        if low_rating5 is not UNSET:
            doc["low_rating5"] = low_rating5
        if low_nps is not UNSET:
            doc["low_nps"] = low_nps
        data = call_json(lib.snowball_feedback_update_settings, self._h, c_text(site_code(site)), dumps(doc))
        return FeedbackSettings.from_json(data)


def _question_json(q: Any) -> Dict[str, Any]:
    """A question given as a Question or a dict; its options as QuestionOptions, dicts, (key, label)
    pairs or plain texts."""
    if isinstance(q, Question):
        return q.to_json()
    doc = dict(q)
    options = doc.get("options")
    if options is not None:
        doc["options"] = [o.to_json() if isinstance(o, QuestionOption) else
                          o if isinstance(o, (str, Mapping)) else {"key": o[0], "label": o[1]} for o in options]
    return doc


def _answers_json(answers: Mapping[str, Any]) -> Dict[str, Any]:
    """Answers with a multiple choice given as any collection of option keys."""
    return {key: list(value) if isinstance(value, (set, frozenset, tuple)) else value for key, value in answers.items()}


class SurveysService(Service):
    """archive.surveys: questionnaires, campaigns, responses and their statistics."""

    def create(self, title: str, questions: Sequence[Any] = (), *, site: Any = None, by: Any = None) -> Survey:
        """A questionnaire; each question a dict {"key", "text", "type": "rating5"|"nps"|"single"|"multi"|"text",
        "topic", "options"} or a Question. Without a site it is group-wide."""
        doc = without_none(title=title, questions=[_question_json(q) for q in questions], site=site_code(site),
                           by=ref(by, "by"))
        return Survey.from_json(call_json(lib.snowball_survey_create, self._h, dumps(doc)))

    def get(self, survey_id: Any, version: Optional[int] = None) -> Survey:
        """The survey as its ``version`` asked (default: the current one)."""
        return Survey.from_json(call_json(lib.snowball_survey_get, self._h, ref(survey_id, "survey_id"), version or 0))

    def list(self, site: Any = None, *, include_inactive: bool = False) -> List[Survey]:
        data = call_json(lib.snowball_survey_list, self._h, c_text(site_code(site)), int(include_inactive))
        return [Survey.from_json(s) for s in data]

    def update(self, survey_id: Any, *, title: Optional[str] = None, questions: Optional[Sequence[Any]] = None,
               active: Optional[bool] = None, by: Any = None) -> Survey:
        """Edits a survey; once a version has responses (or a campaign) the edit becomes a new version."""
        doc = without_none(title=title, active=active, by=ref(by, "by"),
                           questions=None if questions is None else [_question_json(q) for q in questions])
        return Survey.from_json(call_json(lib.snowball_survey_update, self._h, ref(survey_id, "survey_id"), dumps(doc)))

    def create_campaign(self, survey_id: Any, *, channel: str, owners_of: Any = None, consultant: Any = None,
                        ticket: Any = None, customers: Optional[Iterable[Any]] = None, name: Optional[str] = None,
                        send_on: Optional[_dt.date] = None, allow_multiple: Optional[bool] = None,
                        by: Any = None) -> Campaign:
        """Sends a survey by letter, phone or online to one audience: ``owners_of`` a site, the customers of a
        ``consultant``, the customer of a resolved or closed ``ticket``, or a list of ``customers``."""
        given = [x is not None for x in (owners_of, consultant, ticket, customers)]
        if sum(given) != 1:
            raise TypeError("give exactly one audience: owners_of, consultant, ticket or customers")
        if owners_of is not None:
            audience = {"kind": "site_owners", "site": site_code(owners_of)}
        elif consultant is not None:
            audience = {"kind": "consultant_customers", "consultant_id": ref(consultant, "consultant")}
        elif ticket is not None:
            audience = {"kind": "ticket", "ticket_id": ref(ticket, "ticket")}
        else:
            audience = {"kind": "customers", "customer_ids": [ref(c, "customers") for c in customers]}
        doc = without_none(survey_id=ref(survey_id, "survey_id"), channel=channel, audience=audience, name=name,
                           send_on=iso(send_on), allow_multiple=allow_multiple, by=ref(by, "by"))
        return Campaign.from_json(call_json(lib.snowball_survey_campaign_create, self._h, dumps(doc)))

    def campaign(self, campaign_id: Any) -> Campaign:
        return Campaign.from_json(call_json(lib.snowball_survey_campaign_get, self._h, ref(campaign_id, "campaign_id")))

    def campaigns(self, survey_id: Any) -> List[Campaign]:
        data = call_json(lib.snowball_survey_campaign_list, self._h, ref(survey_id, "survey_id"))
        return [Campaign.from_json(c) for c in data]

    @staticmethod
    def _response(survey_id: Any, customer_id: Any, answers: Mapping[str, Any], channel: Optional[str] = None,
                  campaign: Any = None, ticket: Any = None, deal: Any = None, event: Optional[str] = None,
                  date: Optional[_dt.date] = None, by: Any = None) -> Dict[str, Any]:
        return without_none(survey_id=ref(survey_id, "survey_id"), customer_id=ref(customer_id, "customer_id"),
                            answers=_answers_json(answers), channel=channel, campaign_id=ref(campaign, "campaign"),
                            ticket_id=ref(ticket, "ticket"), deal_id=ref(deal, "deal"), event=event, date=iso(date),
                            by=ref(by, "by"))

    def respond(self, survey_id: Any, customer_id: Any, answers: Mapping[str, Any], channel: Optional[str] = None, *,
                campaign: Any = None, ticket: Any = None, deal: Any = None, event: Optional[str] = None,
                date: Optional[_dt.date] = None, by: Any = None) -> Response:
        """Records a response: answers {question key: 1-5 | 0-10 | "option" | ["option", ...] | "text" | None};
        unanswered questions may be left out. channel: "letter", "phone" or "online" (default: the
        campaign's). A bad answer raises InvalidArgument whose ``field`` is "answers.<key>"."""
        doc = self._response(survey_id, customer_id, answers, channel, campaign, ticket, deal, event, date, by)
        return Response.from_json(call_json(lib.snowball_survey_respond, self._h, dumps(doc)))

    def respond_many(self, responses: Iterable[Mapping[str, Any]]) -> List[int]:
        """Many responses (keyword dicts as for respond) in one transaction: all or none. Returns their ids."""
        docs = [self._response(**dict(r)) for r in responses]
        return list(call_json(lib.snowball_survey_respond_many, self._h, dumps(docs)))

    def response(self, response_id: Any) -> Response:
        return Response.from_json(call_json(lib.snowball_survey_response_get, self._h, ref(response_id, "response_id")))

    def responses(self, *, survey: Any = None, customer: Any = None, campaign: Any = None, limit: Optional[int] = None,
                  offset: Optional[int] = None) -> Page[Response]:
        doc = without_none(survey_id=ref(survey, "survey"), customer_id=ref(customer, "customer"),
                           campaign_id=ref(campaign, "campaign"), limit=limit, offset=offset)
        return Page.from_json(call_json(lib.snowball_survey_response_list, self._h, dumps(doc)), Response.from_json)

    def stats(self, survey_id: Any, site: Any = None, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None,
              *, consultant: Any = None, topic: Optional[str] = None, version: Optional[int] = None) -> SurveyStats:
        """Scores of the responses in scope: .responses, .csat, .nps, .nps_ci, .means, .question(key)
        (mean, distribution), .topics, .trend (by month), .channel(name) (response rates)."""
        doc = without_none(site=site_code(site), consultant_id=ref(consultant, "consultant"), topic=topic,
                           version=version, **{"from": iso(start), "to": iso(end)})
        return SurveyStats.from_json(call_json(lib.snowball_survey_stats, self._h, ref(survey_id, "survey_id"), dumps(doc)))
