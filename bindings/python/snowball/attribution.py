"""Registration and protection (archive.registrations): 报备, 判客, 保护期 — who a customer belongs to,
settled by rule and kept on record.

    agency = archive.registrations.add_partner("XH", "链家", kind="agency")
    r = archive.registrations.register(site="XH", phone="138****8000", name="刘先生", partner=agency)
    r.id, r.expires                                  # the agency's 30 days by default
    j = archive.registrations.judge(site="XH", phone="13812348000")
    j.owner_consultant_id, j.owner_partner_id, j.reason   # None, agency.id, "registration"

A phone validly registered to (or owned by) someone else raises Conflict naming the owner; its
``record_id`` is the registration. An expired registration or protection puts the customer into the
public pool (公海): ``judge`` says ``reason == "pool"`` with ``owner_consultant_id`` None, and any
consultant of the site may ``claim`` them.
"""

from __future__ import annotations

import datetime as _dt
from ctypes import c_int, c_int64
from dataclasses import dataclass
from typing import Any, List, Optional

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib
from ._support import Record, Service, dumps, iso, ref, site_code, without_none

__all__ = [
    "RegistrationsService", "Partner", "Registration", "Judgement", "Attribution", "PoolEntry", "Dispute",
    "AttributionChange", "AttributionSettings",
]

declare({
    "snowball_partner_add": [OUT, HANDLE, TEXT],
    "snowball_partner_update": [OUT, HANDLE, c_int64, TEXT],
    "snowball_partner_deactivate": [OUT, HANDLE, c_int64],
    "snowball_partner_get": [OUT, HANDLE, c_int64],
    "snowball_partner_list": [OUT, HANDLE, TEXT, c_int],
    "snowball_registration_add": [OUT, HANDLE, TEXT],
    "snowball_registration_get": [OUT, HANDLE, c_int64],
    "snowball_registration_list": [OUT, HANDLE, TEXT],
    "snowball_registration_matching": [OUT, HANDLE, TEXT, TEXT],
    "snowball_registration_judge": [OUT, HANDLE, TEXT],
    "snowball_attribution_get": [OUT, HANDLE, c_int64, TEXT],
    "snowball_attribution_pool": [OUT, HANDLE, TEXT],
    "snowball_attribution_release_expired": [OUT, HANDLE, TEXT, TEXT],
    "snowball_attribution_claim": [OUT, HANDLE, c_int64, c_int64, TEXT],
    "snowball_attribution_reassign": [OUT, HANDLE, c_int64, c_int64, c_int64, TEXT],
    "snowball_attribution_history": [OUT, HANDLE, c_int64],
    "snowball_attribution_settings": [OUT, HANDLE, TEXT],
    "snowball_attribution_update_settings": [OUT, HANDLE, TEXT, TEXT],
    "snowball_dispute_open": [OUT, HANDLE, TEXT],
    "snowball_dispute_decide": [OUT, HANDLE, c_int64, TEXT],
    "snowball_dispute_get": [OUT, HANDLE, c_int64],
    "snowball_dispute_list": [OUT, HANDLE, TEXT, TEXT],
})


@dataclass(frozen=True)
class Partner(Record):
    """A channel partner: kind distributor (分销), agency (中介) or broker (全民经纪人)."""

    id: int
    site: str
    kind: str
    name: str
    company: str
    phone: str
    active: bool
    created_at: _dt.datetime
    updated_at: _dt.datetime


@dataclass(frozen=True)
class Registration(Record):
    """A registration (报备). ``phone`` is the full phone, or the pattern while ``partial``;
    ``expires`` is the protection's last day, renewed by the registrant's effective contacts.
    status: active, confirmed (a visit credited it), void (a dispute set it aside)."""

    id: int
    site: str
    phone: str
    partial: bool
    name: str
    channel: str                            # phone_inquiry, walk_in, distributor, agency, broker
    consultant_id: Optional[int]
    partner_id: Optional[int]
    customer_id: Optional[int]
    status: str
    registered_at: _dt.datetime
    registered_on: _dt.date
    expires: _dt.date
    renewed_on: Optional[_dt.date]
    confirmed_on: Optional[_dt.date]
    note: str
    created_by: str


@dataclass(frozen=True)
class Judgement(Record):
    """Who owns a walk-in now (判客). reason: registration, protected, family, pool, walk_in,
    unregistered; ``explanation`` says it in words. ``owner_consultant_id`` is None in the pool."""

    site: str
    phone: str
    owner_consultant_id: Optional[int]
    owner_consultant: str
    owner_partner_id: Optional[int]
    owner_partner: str
    registration: Optional[Registration]
    customer_id: Optional[int]
    family_of: Optional[int]
    reason: str
    explanation: str
    expires: Optional[_dt.date]
    in_pool: bool


@dataclass(frozen=True)
class Attribution(Record):
    """Who owns a customer on file now; source: registration, claim, dispute, reassign, filing, pool."""

    customer_id: int
    site: str
    consultant_id: Optional[int]
    partner_id: Optional[int]
    registration_id: Optional[int]
    source: str
    since: _dt.date
    expires: Optional[_dt.date]
    in_pool: bool


@dataclass(frozen=True)
class PoolEntry(Record):
    customer_id: int
    site: str
    archive_no: str
    since: _dt.date
    previous_consultant_id: Optional[int]
    registration_id: Optional[int]


@dataclass(frozen=True)
class Dispute(Record):
    id: int
    site: str
    customer_id: int
    claimant_consultant_id: Optional[int]
    claimant_partner_id: Optional[int]
    registration_id: Optional[int]
    note: str
    status: str                             # open, decided
    winner_consultant_id: Optional[int]
    winner_partner_id: Optional[int]
    decided_by: Optional[int]
    decision_note: str
    created_at: _dt.datetime
    created_by: str
    decided_at: str                         # "" while open


@dataclass(frozen=True)
class AttributionChange(Record):
    """One change of a customer's owner. reason: registration, judge, pool, claim, dispute, reassign."""

    id: int
    customer_id: int
    site: str
    reason: str
    consultant_id: Optional[int]
    partner_id: Optional[int]
    previous_consultant_id: Optional[int]
    previous_partner_id: Optional[int]
    registration_id: Optional[int]
    dispute_id: Optional[int]
    note: str
    at: _dt.datetime
    by: str


@dataclass(frozen=True)
class AttributionSettings(Record):
    site: str
    phone_inquiry_days: int
    walk_in_days: int
    distributor_days: int
    agency_days: int
    broker_days: int
    claim_days: int
    family_follows: bool


def _moment(at: Any) -> Optional[str]:
    if at is None or isinstance(at, str):
        return at
    if isinstance(at, _dt.datetime):
        return at.strftime("%Y-%m-%dT%H:%M:%S") if at.tzinfo is None else at.isoformat()
    if isinstance(at, _dt.date):
        return at.isoformat() + "T12:00"
    raise TypeError("at must be a date, a datetime or an ISO text, not %r" % (at,))


class RegistrationsService(Service):
    """archive.registrations: channel partners, registrations (报备), judging walk-ins (判客), the
    public pool (公海), disputes and the attribution history."""

    # Registrations and judging ---------------------------------------------------------------

    def register(self, site: Any, phone: str, name: Optional[str] = None, *, consultant: Any = None, partner: Any = None,
                 channel: Optional[str] = None, note: Optional[str] = None, at: Any = None) -> Registration:
        """Registers a customer before the visit: a full phone, or a partial mobile as agents send it
        ("138****8000"). The registrant: ``consultant`` and/or ``partner`` (a consultant handle
        registers as itself). Conflict when someone else validly registered or owns the phone."""
        doc = without_none(site=site_code(site), phone=phone, name=name, consultant_id=ref(consultant, "consultant"),
                           partner_id=ref(partner, "partner"), channel=channel, note=note, at=_moment(at))
        return Registration.from_json(call_json(lib.snowball_registration_add, self._h, dumps(doc)))

    def judge(self, site: Any, phone: str, *, consultant: Any = None, name: Optional[str] = None, at: Any = None) -> Judgement:
        """Judges a walk-in: who owns them now. A visit inside a registration's window credits the
        registrant; ``consultant`` (the receiving one) gets a new walk-in nobody owns."""
        doc = without_none(site=site_code(site), phone=phone, consultant_id=ref(consultant, "consultant"), name=name,
                           at=_moment(at))
        return Judgement.from_json(call_json(lib.snowball_registration_judge, self._h, dumps(doc)))

    def get(self, registration_id: Any) -> Registration:
        return Registration.from_json(call_json(lib.snowball_registration_get, self._h, ref(registration_id, "registration_id")))

    def list(self, site: Any, *, consultant: Any = None, partner: Any = None, status: Optional[str] = None,
             valid_only: bool = False, as_of: Optional[_dt.date] = None, limit: Optional[int] = None) -> List[Registration]:
        doc = without_none(site=site_code(site), consultant_id=ref(consultant, "consultant"), partner_id=ref(partner, "partner"),
                           status=status, valid_only=valid_only or None, as_of=iso(as_of), limit=limit)
        return [Registration.from_json(r) for r in call_json(lib.snowball_registration_list, self._h, dumps(doc))]

    def matching(self, site: Any, phone: str) -> List[Registration]:
        """The site's registrations a full phone matches, oldest first."""
        return [Registration.from_json(r) for r in call_json(lib.snowball_registration_matching, self._h,
                                                             c_text(site_code(site)), c_text(phone))]

    # Partners -----------------------------------------------------------------------------------

    def add_partner(self, site: Any, name: str, *, kind: str = "agency", company: Optional[str] = None,
                    phone: Optional[str] = None) -> Partner:
        doc = without_none(site=site_code(site), name=name, kind=kind, company=company, phone=phone)
        return Partner.from_json(call_json(lib.snowball_partner_add, self._h, dumps(doc)))

    def update_partner(self, partner: Any, **changes: Any) -> Partner:
        """kind, name, company, phone, active."""
        return Partner.from_json(call_json(lib.snowball_partner_update, self._h, ref(partner, "partner"), dumps(changes)))

    def deactivate_partner(self, partner: Any) -> Partner:
        return Partner.from_json(call_json(lib.snowball_partner_deactivate, self._h, ref(partner, "partner")))

    def partner(self, partner_id: Any) -> Partner:
        return Partner.from_json(call_json(lib.snowball_partner_get, self._h, ref(partner_id, "partner_id")))

    def partners(self, site: Any, include_inactive: bool = False) -> List[Partner]:
        return [Partner.from_json(p) for p in call_json(lib.snowball_partner_list, self._h, c_text(site_code(site)),
                                                        1 if include_inactive else 0)]

    # Owners, the pool, disputes, history ---------------------------------------------------------

    def attribution(self, customer: Any, as_of: Optional[_dt.date] = None) -> Attribution:
        return Attribution.from_json(call_json(lib.snowball_attribution_get, self._h, ref(customer, "customer"),
                                               c_text(iso(as_of))))

    def pool(self, site: Any) -> List[PoolEntry]:
        return [PoolEntry.from_json(p) for p in call_json(lib.snowball_attribution_pool, self._h, c_text(site_code(site)))]

    def release_expired(self, site: Any, as_of: Optional[_dt.date] = None) -> int:
        """Puts the site's customers whose protection ended into the pool; returns how many."""
        return call_json(lib.snowball_attribution_release_expired, self._h, c_text(site_code(site)),
                         c_text(iso(as_of)))["released"]

    def claim(self, customer: Any, consultant: Any = None, *, at: Any = None) -> Attribution:
        """A consultant (default: the handle's) takes a customer from the pool."""
        return Attribution.from_json(call_json(lib.snowball_attribution_claim, self._h, ref(customer, "customer"),
                                               ref(consultant, "consultant") or 0, c_text(_moment(at))))

    def reassign(self, customer: Any, consultant: Any, *, by: Any, note: Optional[str] = None) -> Attribution:
        """A manager (``by``) gives a customer to a consultant."""
        return Attribution.from_json(call_json(lib.snowball_attribution_reassign, self._h, ref(customer, "customer"),
                                               ref(consultant, "consultant"), ref(by, "by"), c_text(note)))

    def dispute(self, customer: Any, note: str, *, consultant: Any = None, partner: Any = None,
                registration: Any = None) -> Dispute:
        """Records a dispute over a customer: the claimant consultant or partner, and why."""
        doc = without_none(customer_id=ref(customer, "customer"), note=note, consultant_id=ref(consultant, "consultant"),
                           partner_id=ref(partner, "partner"), registration_id=ref(registration, "registration"))
        return Dispute.from_json(call_json(lib.snowball_dispute_open, self._h, dumps(doc)))

    def decide(self, dispute: Any, *, by: Any, consultant: Any = None, partner: Any = None,
               note: Optional[str] = None) -> Dispute:
        """A manager (``by``) decides a dispute: the winner becomes the customer's owner."""
        doc = without_none(by=ref(by, "by"), consultant_id=ref(consultant, "consultant"), partner_id=ref(partner, "partner"),
                           note=note)
        return Dispute.from_json(call_json(lib.snowball_dispute_decide, self._h, ref(dispute, "dispute"), dumps(doc)))

    def get_dispute(self, dispute_id: Any) -> Dispute:
        return Dispute.from_json(call_json(lib.snowball_dispute_get, self._h, ref(dispute_id, "dispute_id")))

    def disputes(self, site: Any, status: Optional[str] = None) -> List[Dispute]:
        return [Dispute.from_json(d) for d in call_json(lib.snowball_dispute_list, self._h, c_text(site_code(site)),
                                                        c_text(status))]

    def history(self, customer: Any) -> List[AttributionChange]:
        """Every change of the customer's owner, oldest first."""
        return [AttributionChange.from_json(h) for h in call_json(lib.snowball_attribution_history, self._h,
                                                                  ref(customer, "customer"))]

    def settings(self, site: Any) -> AttributionSettings:
        return AttributionSettings.from_json(call_json(lib.snowball_attribution_settings, self._h, c_text(site_code(site))))

    def update_settings(self, site: Any, **changes: Any) -> AttributionSettings:
        """phone_inquiry_days, walk_in_days, distributor_days, agency_days, broker_days, claim_days
        (1-365), family_follows."""
        return AttributionSettings.from_json(call_json(lib.snowball_attribution_update_settings, self._h,
                                                       c_text(site_code(site)), dumps(changes)))
