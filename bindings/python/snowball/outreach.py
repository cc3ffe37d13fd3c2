"""Outreach (archive.outreach): news items, message templates and deliveries through the host's own
sender — one item reaches one person on one channel once, however often it is sent.

    def sms(customer_id, channel, text):          # the host's SMS gateway
        return gateway.send(phone_of(customer_id), text)   # a message id, or raise

    r = archive.outreach.send("{salutation}您好，{festival}快乐！", customers=[c1, c2],
                              channel="sms", key="mid-autumn-2026", festival="中秋节", sender=sms)
    r.sent, r.skipped                              # a second send with the same key sends nothing
    archive.outreach.stats("mid-autumn-2026").total.delivered
"""

from __future__ import annotations

import ctypes
import datetime as _dt
import json
from ctypes import c_char_p, c_int, c_int64, c_size_t, c_void_p
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Optional

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib
from ._support import Record, Service, dumps, iso, ref, site_code, without_none

__all__ = [
    "OutreachService", "NewsItem", "MessageTemplate", "SmsLength", "Recipients", "Delivery", "OutgoingMessage",
    "SendResult", "DeliveryCounts", "ItemStats", "OutreachSettings", "SENDER",
]

# The C sender: (user, message_json, id_out, id_capacity, error_out, error_capacity) -> 0 | error.
SENDER = ctypes.CFUNCTYPE(c_int, c_void_p, c_char_p, c_void_p, c_size_t, c_void_p, c_size_t)

declare({
    "snowball_outreach_register_sender": [HANDLE, TEXT, SENDER, c_void_p],
    "snowball_outreach_send": [OUT, HANDLE, TEXT, SENDER, c_void_p],
    "snowball_outreach_retry": [OUT, HANDLE, TEXT, SENDER, c_void_p, TEXT],
    "snowball_outreach_send_greetings": [OUT, HANDLE, TEXT, SENDER, c_void_p],
    "snowball_outreach_receipt": [OUT, HANDLE, TEXT],
    "snowball_outreach_delivery": [OUT, HANDLE, c_int64],
    "snowball_outreach_deliveries": [OUT, HANDLE, TEXT, TEXT],
    "snowball_outreach_failures": [OUT, HANDLE, TEXT],
    "snowball_outreach_stats": [OUT, HANDLE, TEXT],
    "snowball_outreach_items": [OUT, HANDLE, TEXT, TEXT, TEXT],
    "snowball_outreach_received": [OUT, HANDLE, TEXT],
    "snowball_outreach_settings": [OUT, HANDLE, TEXT],
    "snowball_outreach_update_settings": [OUT, HANDLE, TEXT, TEXT],
    "snowball_news_add": [OUT, HANDLE, TEXT],
    "snowball_news_get": [OUT, HANDLE, c_int64],
    "snowball_news_list": [OUT, HANDLE, TEXT, TEXT, TEXT],
    "snowball_message_template_add": [OUT, HANDLE, TEXT],
    "snowball_message_template_update": [OUT, HANDLE, c_int64, TEXT, TEXT],
    "snowball_message_template_get": [OUT, HANDLE, c_int64],
    "snowball_message_template_list": [OUT, HANDLE, TEXT],
    "snowball_message_template_render": [OUT, HANDLE, TEXT, c_int64, TEXT],
    "snowball_message_template_check": [OUT, TEXT],
    "snowball_sms_length": [OUT, TEXT],
})


@dataclass(frozen=True)
class NewsItem(Record):
    """A news item (资讯): project progress, delivery dates, company news, a policy change. Images and
    files are references (a URL or a path); the library stores no bytes."""

    id: int
    site: str
    kind: str                               # progress, delivery, company, policy, other
    title: str
    body: str
    date: _dt.date
    attachments: List[str]
    by: Optional[int]
    created_at: _dt.datetime


@dataclass(frozen=True)
class MessageTemplate(Record):
    id: int
    site: str                               # "": every site
    key: str
    purpose: str                            # news, festival, birthday, invitation, reminder, cancellation, other
    channel: str                            # sms, wechat, letter, email
    subject: str
    text: str
    language: str
    placeholders: List[str]
    created_at: _dt.datetime
    updated_at: _dt.datetime


@dataclass(frozen=True)
class SmsLength(Record):
    """How many SMS a text takes: 70 Chinese characters in one, 67 a segment beyond (160/153 for
    plain ASCII)."""

    characters: int
    segments: int
    unicode: bool


@dataclass(frozen=True)
class Recipients(Record):
    """One part of an audience: scope customers (customer_ids), site_owners, site_vips,
    site_customers (site), consultant_customers (consultant_id), intent_grade (site, grade: the
    prospects of that grade), event_attendees (event_id), referral_circle (customer_id)."""

    scope: str
    site: str = ""
    consultant_id: Optional[int] = None
    grade: str = ""
    event_id: Optional[int] = None
    customer_id: Optional[int] = None
    customer_ids: List[int] = ()  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "customer_ids", list(self.customer_ids))


@dataclass(frozen=True)
class Delivery(Record):
    """One item to one customer on one channel. status: queued (waiting: quiet hours), sending
    (handed over, no answer yet), sent, delivered, read, failed, skipped (``reason`` says why)."""

    id: int
    key: str
    customer_id: int
    site: str
    channel: str
    status: str
    reason: str
    text: str
    subject: str
    segments: int
    message_id: str
    attempts: int
    error: str
    queued_at: str                          # UTC, ISO 8601 ("" when not yet)
    sent_at: str
    delivered_at: str
    read_at: str
    contact_id: Optional[int]               # the contact-log entry of the delivery
    news_id: Optional[int]
    event_id: Optional[int]
    care_task_id: Optional[int]


@dataclass(frozen=True)
class OutgoingMessage(Record):
    """What a sender is handed (the C form; a Python sender receives customer_id, channel, text)."""

    delivery_id: int
    key: str
    customer_id: int
    channel: str
    to: str
    subject: str
    text: str
    segments: int


@dataclass(frozen=True)
class SendResult(Record):
    """What a send did: ``sent`` (handed over and accepted now), ``failed``, ``held`` (quiet hours),
    ``timed_out`` (no answer within the site's timeout), ``skipped`` (everything else, with
    ``reasons``: already_sent, do_not_contact, no_address, too_long, weekly_cap, attempts, ...)."""

    key: str
    recipients: int
    sent: int
    failed: int
    held: int
    skipped: int
    timed_out: int
    reasons: Dict[str, int]
    deliveries: List[Delivery]


@dataclass(frozen=True)
class DeliveryCounts(Record):
    channel: str
    recipients: int
    queued: int
    sending: int
    sent: int                               # taken by the sender (sent, delivered, read)
    delivered: int                          # delivered and read
    read: int
    failed: int
    skipped: int


@dataclass(frozen=True)
class ItemStats(Record):
    key: str
    news_id: Optional[int]
    event_id: Optional[int]
    created_at: _dt.datetime
    channels: List[DeliveryCounts]
    total: DeliveryCounts


@dataclass(frozen=True)
class OutreachSettings(Record):
    site: str
    weekly_cap: Optional[int]               # deliveries a customer gets in 7 days; None: no cap
    max_attempts: int
    timeout_ms: int
    max_sms_segments: int


def _write(buffer: int, capacity: int, data: bytes) -> None:
    # At most capacity - 1 bytes, never a UTF-8 character cut in two.
    data = data[:max(0, capacity - 1)].decode("utf-8", "ignore").encode("utf-8")
    ctypes.memmove(buffer, data + b"\0", len(data) + 1)


# A sender may still be running when its send has returned (it timed out); its C thunk must outlive
# it, so a thunk handed to the library is kept until a send that used it ends with no sender call
# left unanswered (_released).
_THUNKS: List[Any] = []


def _released(thunk: Any, result: "SendResult") -> "SendResult":
    if result.timed_out == 0 and thunk in _THUNKS:
        _THUNKS.remove(thunk)
    return result


def _thunk(sender: Optional[Callable[..., Any]]) -> Any:
    """A Python sender as the C API's: sender(customer_id, channel, text) returns the message id
    (anything, turned into text; None for none) or raises."""
    if sender is None:
        return SENDER()
    if not callable(sender):
        raise TypeError("sender must be callable as sender(customer_id, channel, text), not %r" % (sender,))

    def call(_user: Any, message: bytes, id_out: int, id_capacity: int, error_out: int, error_capacity: int) -> int:
        try:
            m = json.loads(message.decode("utf-8"))
            result = sender(m["customer_id"], m["channel"], m["text"])
            _write(id_out, id_capacity, b"" if result is None else str(result).encode("utf-8"))
            return 0
        except BaseException as exc:  # noqa: B036 - whatever the sender raises is its failure
            what = str(exc) or type(exc).__name__
            _write(error_out, error_capacity, what.encode("utf-8"))
            return 1

    thunk = SENDER(call)
    _THUNKS.append(thunk)
    return thunk


def _audience(customers: Optional[Iterable[Any]], owners_of: Any, vips_of: Any, site_customers_of: Any,
              consultant: Any, grade: Optional[str], site: Any, attendees_of: Any, circle_of: Any,
              audience: Optional[Iterable[Any]]) -> List[Dict[str, Any]]:
    parts: List[Dict[str, Any]] = []
    if customers is not None:
        parts.append({"scope": "customers", "customer_ids": [ref(c, "customers") for c in customers]})
    if owners_of is not None:
        parts.append({"scope": "site_owners", "site": site_code(owners_of)})
    if vips_of is not None:
        parts.append({"scope": "site_vips", "site": site_code(vips_of)})
    if site_customers_of is not None:
        parts.append({"scope": "site_customers", "site": site_code(site_customers_of)})
    if consultant is not None:
        parts.append({"scope": "consultant_customers", "consultant_id": ref(consultant, "consultant")})
    if grade is not None:
        parts.append({"scope": "intent_grade", "site": site_code(site), "grade": grade})
    if attendees_of is not None:
        parts.append({"scope": "event_attendees", "event_id": ref(attendees_of, "attendees_of")})
    if circle_of is not None:
        parts.append({"scope": "referral_circle", "customer_id": ref(circle_of, "circle_of")})
    for part in audience or ():
        parts.append(part.to_json() if isinstance(part, Recipients) else dict(part))
    return parts


def _moment(at: Any) -> Optional[str]:
    """A moment: a datetime (naive: China time) or ISO text."""
    if at is None or isinstance(at, str):
        return at
    if isinstance(at, _dt.datetime):
        if at.tzinfo is not None:
            return at.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return at.strftime("%Y-%m-%dT%H:%M:%S")
    raise TypeError("at must be a datetime or an ISO text, not %r" % (at,))


class OutreachService(Service):
    """archive.outreach: news, message templates, and sends to audiences through the host's sender."""

    def __init__(self, archive: Any):
        super().__init__(archive)
        self._registered: Dict[str, Any] = {}

    # Sends -------------------------------------------------------------------------------------

    def send(self, template: Any, *, key: str, customers: Optional[Iterable[Any]] = None, channel: str = "sms",
             sender: Optional[Callable[..., Any]] = None, owners_of: Any = None, vips_of: Any = None,
             site_customers_of: Any = None, consultant: Any = None, grade: Optional[str] = None, site: Any = None,
             attendees_of: Any = None, circle_of: Any = None, audience: Optional[Iterable[Any]] = None,
             values: Optional[Dict[str, str]] = None, news: Any = None, event: Any = None, subject: Optional[str] = None,
             at: Any = None, by: Any = None, dry_run: bool = False, **placeholders: str) -> SendResult:
        """Sends an item to an audience: ``template`` is a text with placeholders ({salutation},
        {site}, {consultant}, ... from the archive; {festival}, {event}, {date}, {time}, {place},
        {title}, {body}, {link} given as keywords or ``values``) or a stored MessageTemplate (or its
        id). The audience is the union of ``customers`` (ids), ``owners_of`` (a site), ``vips_of``,
        ``site_customers_of``, ``consultant``, ``grade`` (with ``site``), ``attendees_of`` (an
        event), ``circle_of`` (a customer's referral circle) and ``audience`` (Recipients).
        ``sender(customer_id, channel, text)`` returns the message id or raises; without one, the
        channel's registered sender. Sending the same ``key`` again sends nothing already sent."""
        doc: Dict[str, Any] = without_none(
            key=key, channel=channel, subject=subject, news_id=ref(news, "news"), event_id=ref(event, "event"),
            at=_moment(at), by=ref(by, "by"))
        doc["audience"] = _audience(customers, owners_of, vips_of, site_customers_of, consultant, grade, site,
                                    attendees_of, circle_of, audience)
        if isinstance(template, str):
            doc["text"] = template
        else:
            doc["template_id"] = ref(template, "template")
        given = dict(values or {})
        given.update(placeholders)
        if given:
            doc["values"] = {k: str(v) for k, v in given.items()}
        if dry_run:
            doc["dry_run"] = True
        thunk = _thunk(sender)
        return _released(thunk, SendResult.from_json(call_json(lib.snowball_outreach_send, self._h, dumps(doc), thunk, None)))

    def retry(self, key: str, sender: Optional[Callable[..., Any]] = None, at: Any = None) -> SendResult:
        """Tries the item's failed and held deliveries again (up to the site's attempts)."""
        thunk = _thunk(sender)
        return _released(thunk, SendResult.from_json(call_json(lib.snowball_outreach_retry, self._h, c_text(key), thunk, None,
                                                               c_text(_moment(at)))))

    def send_greetings(self, site: Any, date: _dt.date, *, channel: str = "sms", text: Optional[str] = None,
                       template: Any = None, key: Optional[str] = None, sender: Optional[Callable[..., Any]] = None,
                       at: Any = None) -> SendResult:
        """The care agenda's greetings of a day as one batch of messages (a call or an SMS on every
        festival): the open tasks whose actions an SMS can do; each task sent is done."""
        doc = without_none(site=site_code(site), date=iso(date), channel=channel, text=text,
                           template_id=ref(template, "template"), key=key, at=_moment(at))
        thunk = _thunk(sender)
        return _released(thunk, SendResult.from_json(call_json(lib.snowball_outreach_send_greetings, self._h, dumps(doc),
                                                               thunk, None)))

    def register_sender(self, channel: str, sender: Optional[Callable[..., Any]]) -> None:
        """The sender of ``channel`` for every send of this handle that names none (None removes it)."""
        thunk = _thunk(sender)
        lib.snowball_outreach_register_sender(self._h, c_text(channel), thunk, None)
        self._registered[channel] = thunk

    def receipt(self, delivery: Any = None, *, message_id: Optional[str] = None, channel: Optional[str] = None,
                status: str = "delivered", error: Optional[str] = None, at: Any = None) -> Delivery:
        """A delivery receipt from the channel: by the delivery (or its id), or by the sender's
        ``message_id`` and ``channel``. status: delivered, read, failed or sent."""
        doc = without_none(delivery_id=ref(delivery, "delivery"), message_id=message_id, channel=channel, status=status,
                           error=error, at=_moment(at))
        return Delivery.from_json(call_json(lib.snowball_outreach_receipt, self._h, dumps(doc)))

    def delivery(self, delivery_id: Any) -> Delivery:
        return Delivery.from_json(call_json(lib.snowball_outreach_delivery, self._h, ref(delivery_id, "delivery_id")))

    def deliveries(self, key: str, status: Optional[str] = None) -> List[Delivery]:
        return [Delivery.from_json(d) for d in call_json(lib.snowball_outreach_deliveries, self._h, c_text(key),
                                                         c_text(status))]

    def failures(self, key: Optional[str] = None) -> List[Delivery]:
        """Failed deliveries and those whose sender gave no answer ("sending"), oldest first."""
        return [Delivery.from_json(d) for d in call_json(lib.snowball_outreach_failures, self._h, c_text(key))]

    def stats(self, key: str) -> ItemStats:
        """Per channel and in total: recipients, sent, delivered, read, failed, skipped, ..."""
        return ItemStats.from_json(call_json(lib.snowball_outreach_stats, self._h, c_text(key)))

    def items(self, site: Any, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None) -> List[ItemStats]:
        return [ItemStats.from_json(i) for i in call_json(lib.snowball_outreach_items, self._h, c_text(site_code(site)),
                                                          c_text(iso(start)), c_text(iso(end)))]

    def received(self, customer: Any, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None) -> List[Delivery]:
        """What the customer was sent from ``start`` to ``end`` (the last 30 days)."""
        doc = without_none(customer_id=ref(customer, "customer"), **{"from": iso(start), "to": iso(end)})
        return [Delivery.from_json(d) for d in call_json(lib.snowball_outreach_received, self._h, dumps(doc))]

    def settings(self, site: Any) -> OutreachSettings:
        return OutreachSettings.from_json(call_json(lib.snowball_outreach_settings, self._h, c_text(site_code(site))))

    def update_settings(self, site: Any, **changes: Any) -> OutreachSettings:
        """weekly_cap (None: no cap), max_attempts, timeout_ms, max_sms_segments."""
        return OutreachSettings.from_json(call_json(lib.snowball_outreach_update_settings, self._h,
                                                    c_text(site_code(site)), dumps(changes)))

    # News and templates ------------------------------------------------------------------------

    def add_news(self, site: Any, title: str, body: str = "", *, kind: str = "progress",
                 date: Optional[_dt.date] = None, attachments: Iterable[str] = (), by: Any = None) -> NewsItem:
        doc = without_none(site=site_code(site), title=title, body=body, kind=kind, date=iso(date),
                           attachments=list(attachments), by=ref(by, "by"))
        return NewsItem.from_json(call_json(lib.snowball_news_add, self._h, dumps(doc)))

    def news(self, news_id: Any) -> NewsItem:
        return NewsItem.from_json(call_json(lib.snowball_news_get, self._h, ref(news_id, "news_id")))

    def news_list(self, site: Any, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None) -> List[NewsItem]:
        return [NewsItem.from_json(n) for n in call_json(lib.snowball_news_list, self._h, c_text(site_code(site)),
                                                         c_text(iso(start)), c_text(iso(end)))]

    def add_template(self, key: str, text: str, *, site: Any = None, purpose: str = "other", channel: str = "sms",
                     subject: Optional[str] = None, language: Optional[str] = None) -> MessageTemplate:
        doc = without_none(key=key, text=text, site=site_code(site), purpose=purpose, channel=channel, subject=subject,
                           language=language)
        return MessageTemplate.from_json(call_json(lib.snowball_message_template_add, self._h, dumps(doc)))

    def update_template(self, template: Any, text: str, subject: Optional[str] = None) -> MessageTemplate:
        return MessageTemplate.from_json(call_json(lib.snowball_message_template_update, self._h, ref(template, "template"),
                                                   c_text(text), c_text(subject)))

    def template(self, template_id: Any) -> MessageTemplate:
        return MessageTemplate.from_json(call_json(lib.snowball_message_template_get, self._h, ref(template_id, "template_id")))

    def templates(self, site: Any = None) -> List[MessageTemplate]:
        return [MessageTemplate.from_json(t) for t in call_json(lib.snowball_message_template_list, self._h,
                                                                c_text(site_code(site)))]

    def render(self, text: str, customer: Any, **values: str) -> str:
        """``text`` filled for one customer (nothing is recorded)."""
        return call_json(lib.snowball_message_template_render, self._h, c_text(text), ref(customer, "customer"),
                         dumps({k: str(v) for k, v in values.items()}))

    @staticmethod
    def check_template(text: str) -> List[str]:
        """The placeholders ``text`` uses; an unknown one raises InvalidArgument naming it."""
        return call_json(lib.snowball_message_template_check, c_text(text))

    @staticmethod
    def sms_length(text: str) -> SmsLength:
        return SmsLength.from_json(call_json(lib.snowball_sms_length, c_text(text)))
