"""Site tours and owner events (archive.events): 工地开放日 tours of the construction site, owner
events (业主联谊, 酒会, 圣诞舞会, 业主节), product launches — invited by audience, answered with a
waitlist, reminded the day before, checked in at the door; a guest an attendee brings is filed as a
prospect referred by them (method event_guest).

    tour = archive.events.create(site="XH", kind="site_tour", title="工地开放日",
                                 start=datetime(2026, 12, 12, 9, 30), capacity=30, host=wang)
    archive.events.invite(tour.id, owners_of="XH", channel="sms", sender=gateway)
    archive.events.rsvp(tour.id, zhang, answer="yes", party=2)
    archive.events.check_in(tour.id, customer=zhang)
    guest = archive.events.check_in(tour.id, guest_of=zhang, name="刘洋", phone="13500135000")
    archive.events.outcome(tour.id).new_prospects
"""

from __future__ import annotations

import ctypes
import datetime as _dt
from ctypes import c_int, c_int64
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Optional

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib
from ._support import UNSET, Record, Service, actor, dumps, iso, ref, site_code, without_none
from .contacts import _moment
from .outreach import SENDER, SendResult, _thunk

__all__ = ["EventsService", "EventKind", "Event", "Invitation", "InviteResult", "RsvpResult", "CheckInResult",
           "EventOutcome"]

declare({
    "snowball_event_kinds": [OUT, HANDLE, TEXT],
    "snowball_event_add_kind": [OUT, HANDLE, TEXT, TEXT],
    "snowball_event_create": [OUT, HANDLE, TEXT],
    "snowball_event_create_series": [OUT, HANDLE, TEXT],
    "snowball_event_get": [OUT, HANDLE, c_int64],
    "snowball_event_list": [OUT, HANDLE, TEXT],
    "snowball_event_series": [OUT, HANDLE, c_int64],
    "snowball_event_update": [OUT, HANDLE, c_int64, TEXT],
    "snowball_event_cancel": [OUT, HANDLE, c_int64, TEXT, TEXT, c_int64, SENDER, ctypes.c_void_p],
    "snowball_event_invite": [OUT, HANDLE, c_int64, TEXT, SENDER, ctypes.c_void_p],
    "snowball_event_rsvp": [OUT, HANDLE, c_int64, c_int64, TEXT, c_int],
    "snowball_event_invitations": [OUT, HANDLE, c_int64],
    "snowball_event_remind": [OUT, HANDLE, c_int64, TEXT, TEXT, TEXT, SENDER, ctypes.c_void_p],
    "snowball_event_check_in": [OUT, HANDLE, c_int64, TEXT],
    "snowball_event_close": [ctypes.POINTER(c_int64), HANDLE, c_int64],
    "snowball_event_link_campaign": [HANDLE, c_int64, c_int64],
    "snowball_event_outcome": [OUT, HANDLE, c_int64],
})


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class EventKind(Record):
    """A kind of event: built in (site_tour 工地开放日, owner_party 业主联谊, cocktail 酒会, christmas_ball
    圣诞舞会, owner_festival 业主节, product_launch 产品发布会) or a site's own."""

    key: str
    label: str
    at_construction_site: bool              # attending is a visit to the construction site
    builtin: bool


@dataclass(frozen=True)
class Event(Record):
    """An event: a tour, an owner event, a launch; one occurrence of a series when ``series_id`` is set
    (``changed``: changed apart from its series)."""

    id: int
    site: str
    series_id: Optional[int]
    kind: str
    title: str
    start: _dt.datetime                     # UTC
    date: _dt.date                          # the day in China
    time: str                               # "HH:MM" China time
    duration_minutes: int
    place: str
    capacity: Optional[int]                 # people; None: no limit
    host: Optional[int]                     # the host consultant
    description: str
    status: str                             # "scheduled" or "cancelled"
    cancel_reason: str
    changed: bool
    invited: int
    confirmed_people: int                   # yes answers with their party
    waitlisted: int
    created_at: _dt.datetime


@dataclass(frozen=True)
class Invitation(Record):
    """A customer's place at an event: invited, answered, waitlisted, come or not; a walk-in or a guest
    brought by an attendee (``guest_of``) too."""

    event_id: int
    customer_id: int
    answer: str                             # "none", "yes", "no", "maybe"
    party: int                              # people coming, the customer included
    waitlisted: bool
    waitlist_position: int                  # 1 first; 0 when not waitlisted
    attendance: str                         # "unknown", "attended", "no_show"
    guest_of: Optional[int]
    walk_in: bool
    invited_at: Optional[_dt.datetime]
    answered_at: Optional[_dt.datetime]
    reminded_at: Optional[_dt.datetime]
    checked_in_at: Optional[_dt.datetime]


@dataclass(frozen=True)
class InviteResult(Record):
    """An invitation round: the new invitations, those invited before, those skipped (do-not-contact,
    another site) and, when sent on a channel, the send's result."""

    invited: int
    already: int
    skipped: int
    skipped_ids: List[int]
    sent: SendResult


@dataclass(frozen=True)
class RsvpResult(Record):
    """An answer recorded, and who moved up from the waitlist because of it."""

    invitation: Invitation
    promoted: List[int]


@dataclass(frozen=True)
class CheckInResult(Record):
    """Who was checked in: ``customer_id`` (also ``.id``); ``new_prospect`` when a guest was filed now;
    the event_guest referral recorded, or in ``referral_note`` why none was."""

    customer_id: int
    new_prospect: bool
    referral_id: Optional[int]
    referral_note: str
    invitation: Invitation

    @property
    def id(self) -> int:
        """The customer's id, so that the result goes wherever a customer is taken."""
        return self.customer_id

    @property
    def customer(self) -> Any:
        """The customer checked in, as filed (a guest: the new prospect)."""
        return self.__dict__.get("_customer")

    def __getattr__(self, name: str) -> Any:
        # The result stands for the customer checked in: .name, .archive_no, .stage, .channel, ...
        customer = self.__dict__.get("_customer")
        if customer is None or name.startswith("_"):
            raise AttributeError(name)
        return getattr(customer, name)


@dataclass(frozen=True)
class EventOutcome(Record):
    """What an event brought."""

    event_id: int
    invited: int                            # invitations (walk-ins not counted)
    answered_yes: int
    attended: int                           # customers checked in, guests and walk-ins included
    no_show: int
    guests: int                             # brought by an attendee
    new_prospects: int                      # filed at the event
    attendance_rate: Optional[float]        # attended invited ÷ invited
    deals_90d_attendees: int                # closed within 90 days of the event, by attendees
    deals_90d_guests: int                   # by guests
    survey_responses: int                   # of the campaigns linked to the event
    csat: Optional[float]                   # % of 1-5 ratings 4 or 5
    average_rating: Optional[float]


# ---------------------------------------------------------------------------------------------
# Arguments


def _event(site: Any, kind: Optional[str], title: str, start: Any, capacity: Optional[int], host: Any,
           duration_minutes: Optional[int], place: Optional[str], description: Optional[str]) -> Dict[str, Any]:
    return without_none(site=site_code(site), kind=kind, title=title, start=_moment(start), capacity=capacity,
                        host=ref(host, "host"), duration_minutes=duration_minutes, place=place, description=description)


def _ids(values: Iterable[Any], what: str) -> List[int]:
    if isinstance(values, (int, Record)):
        values = [values]
    return [ref(v, what) for v in values]


def _audience(customers: Any, owners_of: Any, vips_of: Any, customers_of: Any, consultant: Any, grade: Optional[str],
              site: Any, attendees_of: Any, circle_of: Any) -> List[Dict[str, Any]]:
    """The audience as the library takes it: the union of every part given."""
    parts: List[Dict[str, Any]] = []
    if customers is not None:
        parts.append({"scope": "customers", "customer_ids": _ids(customers, "customers")})
    if owners_of is not None:
        parts.append({"scope": "site_owners", "site": site_code(owners_of)})
    if vips_of is not None:
        parts.append({"scope": "site_vips", "site": site_code(vips_of)})
    if customers_of is not None:
        parts.append({"scope": "site_customers", "site": site_code(customers_of)})
    if consultant is not None:
        parts.append({"scope": "consultant_customers", "consultant_id": ref(consultant, "consultant")})
    if grade is not None:
        parts.append(without_none(scope="intent_grade", grade=grade, site=site_code(site)))
    if attendees_of is not None:
        parts.append({"scope": "event_attendees", "event_id": ref(attendees_of, "attendees_of")})
    if circle_of is not None:
        parts.append({"scope": "referral_circle", "customer_id": ref(circle_of, "circle_of")})
    if not parts:
        raise TypeError("invite: give customers= or an audience (owners_of=, vips_of=, customers_of=, consultant=, "
                        "grade= with site=, attendees_of=, circle_of=)")
    return parts


# ---------------------------------------------------------------------------------------------
# The service


class EventsService(Service):
    """archive.events: site tours and owner events."""

    def kinds(self, site: Any) -> List[EventKind]:
        return [EventKind.from_json(k) for k in call_json(lib.snowball_event_kinds, self._h, c_text(site_code(site)))]

    def add_kind(self, site: Any, key: str, label: str, at_construction_site: bool = False) -> List[EventKind]:
        """A kind of the site's own; a key in use raises Conflict. The site's kinds."""
        doc = {"key": key, "label": label, "at_construction_site": at_construction_site}
        data = call_json(lib.snowball_event_add_kind, self._h, c_text(site_code(site)), dumps(doc))
        return [EventKind.from_json(k) for k in data]

    def create(self, *, site: Any, kind: Optional[str] = None, title: str, start: Any, capacity: Optional[int] = None,
               host: Any = None, duration_minutes: Optional[int] = None, place: Optional[str] = None,
               description: Optional[str] = None) -> Event:
        """An event. start: a datetime (naive: China time; aware: converted) or ISO text
        ("2026-12-12T09:30"); kind: site_tour (default) or another of the site's kinds; capacity: people
        (None: no limit); host: a consultant of the site."""
        doc = _event(site, kind, title, start, capacity, host, duration_minutes, place, description)
        return Event.from_json(call_json(lib.snowball_event_create, self._h, dumps(doc)))

    def create_series(self, *, site: Any, kind: Optional[str] = None, title: str, start: Any,
                      every_weeks: Optional[int] = None, until: Optional[_dt.date] = None, count: Optional[int] = None,
                      capacity: Optional[int] = None, host: Any = None, duration_minutes: Optional[int] = None,
                      place: Optional[str] = None, description: Optional[str] = None) -> List[Event]:
        """A recurring event (e.g. a tour every second Saturday): occurrences from ``start`` every
        ``every_weeks`` weeks (2) until a day or for ``count`` occurrences, each changeable on its own."""
        first = _event(site, kind, title, start, capacity, host, duration_minutes, place, description)
        doc = without_none(first=first, every_weeks=every_weeks, until=iso(until), count=count)
        return [Event.from_json(e) for e in call_json(lib.snowball_event_create_series, self._h, dumps(doc))]

    def series(self, series_id: Any) -> List[Event]:
        return [Event.from_json(e) for e in call_json(lib.snowball_event_series, self._h, ref(series_id, "series_id"))]

    def get(self, event: Any) -> Event:
        return Event.from_json(call_json(lib.snowball_event_get, self._h, ref(event, "event")))

    def list(self, site: Any, *, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None,
             kind: Optional[str] = None, include_cancelled: bool = False) -> List[Event]:
        """The site's events from ``start`` to ``end`` (days, inclusive), by start."""
        doc = without_none(site=site_code(site), kind=kind, include_cancelled=include_cancelled)
        doc.update(without_none(**{"from": iso(start), "to": iso(end)}))
        return [Event.from_json(e) for e in call_json(lib.snowball_event_list, self._h, dumps(doc))]

    def update(self, event: Any, *, title: Optional[str] = None, start: Any = None,
               duration_minutes: Optional[int] = None, place: Optional[str] = None, capacity: Any = UNSET,
               host: Any = UNSET, description: Optional[str] = None) -> Event:
        """Changes what is given (``capacity=None``: no limit; ``host=None``: none). An occurrence of a
        series is marked ``changed``; a larger capacity moves the waitlist up."""
        doc = without_none(title=title, start=_moment(start), duration_minutes=duration_minutes, place=place,
                           description=description)
        if capacity is not UNSET:
            doc["capacity"] = capacity
        if host is not UNSET:
            doc["host"] = ref(host, "host")
        return Event.from_json(call_json(lib.snowball_event_update, self._h, ref(event, "event"), dumps(doc)))

    def cancel(self, event: Any, reason: str, *, channel: Optional[str] = None, sender: Optional[Callable] = None,
               by: Any = None) -> Event:
        """Cancels the event; with ``channel`` ("sms", "wechat", "letter", "email") everyone invited who
        did not say no is told (``sender``: the sender for this call, else the one registered)."""
        return Event.from_json(call_json(lib.snowball_event_cancel, self._h, ref(event, "event"), c_text(reason),
                                         c_text(channel), actor(by), _thunk(sender), None))

    def invite(self, event_id: Any, customers: Any = None, *, owners_of: Any = None, vips_of: Any = None,
               customers_of: Any = None, consultant: Any = None, grade: Optional[str] = None, site: Any = None,
               attendees_of: Any = None, circle_of: Any = None, channel: Optional[str] = None,
               text: Optional[str] = None, sender: Optional[Callable] = None, at: Any = None,
               by: Any = None) -> InviteResult:
        """Invites a hand-picked list (``customers=[ids]``) and/or an audience: the owners or the VIPs
        of a site, a site's customers, a consultant's customers, the prospects of an intent grade at a
        site, the attendees of an earlier event, a customer's referral circle. Customers who object to
        service contacts (on the channel) and customers of other sites are skipped and listed. Without
        ``channel`` each invitation is a contact of channel "event"; with one it is sent (``text``:
        the message, default the site's invitation template; ``sender``: for this call)."""
        doc = without_none(audience=_audience(customers, owners_of, vips_of, customers_of, consultant, grade, site,
                                              attendees_of, circle_of),
                           channel=channel, text=text, at=_moment(at), by=ref(by, "by"))
        return InviteResult.from_json(call_json(lib.snowball_event_invite, self._h, ref(event_id, "event_id"), dumps(doc),
                                                _thunk(sender), None))

    def rsvp(self, event_id: Any, customer_id: Any, answer: str = "yes", party: int = 1) -> RsvpResult:
        """An invited customer's answer: "yes", "no" or "maybe", with the people coming (party, the
        customer included). A yes beyond the capacity is waitlisted; ``.promoted`` lists who moved up
        because of this answer."""
        data = call_json(lib.snowball_event_rsvp, self._h, ref(event_id, "event_id"), ref(customer_id, "customer_id"),
                         c_text(answer), party)
        return RsvpResult.from_json(data)

    def invitations(self, event_id: Any) -> List[Invitation]:
        return [Invitation.from_json(i) for i in call_json(lib.snowball_event_invitations, self._h,
                                                           ref(event_id, "event_id"))]

    def remind(self, event_id: Any, *, channel: str = "sms", text: Optional[str] = None,
               sender: Optional[Callable] = None, at: Any = None) -> SendResult:
        """The day-before reminder to those who said yes (with a place) or maybe."""
        return SendResult.from_json(call_json(lib.snowball_event_remind, self._h, ref(event_id, "event_id"),
                                              c_text(channel), c_text(text), c_text(_moment(at)), _thunk(sender), None))

    def check_in(self, event_id: Any, customer: Any = None, guest_of: Any = None, name: Optional[str] = None,
                 phone: Optional[str] = None, *, gender: Optional[str] = None, at: Any = None,
                 by: Any = None) -> CheckInResult:
        """A check-in at the door: an invited customer, one walking in, or a guest (``name``, ``phone``)
        brought by ``guest_of`` — filed as a prospect referred by them (method event_guest) when the
        phone is not on file at the site; the attendee is checked in with them."""
        doc = without_none(customer_id=ref(customer, "customer"), guest_of=ref(guest_of, "guest_of"), name=name,
                           phone=phone, gender=gender, at=_moment(at), by=ref(by, "by"))
        result = CheckInResult.from_json(call_json(lib.snowball_event_check_in, self._h, ref(event_id, "event_id"),
                                                   dumps(doc)))
        object.__setattr__(result, "_customer", self._archive.customers.get(result.customer_id))
        return result

    def close(self, event_id: Any) -> int:
        """After the event: every yes that did not check in is a no-show. How many."""
        count = c_int64()
        lib.snowball_event_close(ctypes.byref(count), self._h, ref(event_id, "event_id"))
        return count.value

    def link_campaign(self, event_id: Any, campaign: Any) -> None:
        """A post-event survey campaign: its responses count in the event's outcome."""
        lib.snowball_event_link_campaign(self._h, ref(event_id, "event_id"), ref(campaign, "campaign"))

    def outcome(self, event_id: Any) -> EventOutcome:
        return EventOutcome.from_json(call_json(lib.snowball_event_outcome, self._h, ref(event_id, "event_id")))
