"""Personal information protection (PIPL): consent (``archive.consents``), the person's rights and
retention (``archive.privacy``), and the audit log (``archive.audit``) — who did what to whose data.

Audit entries name the actor, the action and the customer (by id), never personal values; they are
append-only and hash-chained, and ``archive.audit.verify()`` finds an entry changed or removed by
other means. docs/PRIVACY.md maps the PIPL articles to the calls.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
import ctypes
import json as _json
from typing import Any, Dict, Iterator, List, Optional, Union

from ._native import HANDLE, OUT, TEXT, c_text, call, call_json, declare, lib
from ._support import Record, Service, actor, dumps, iso, ref, site_code, without_none
from .records import Page, Site

_INT_OUT = ctypes.POINTER(ctypes.c_int)

declare({
    "snowball_consent_grant": [OUT, HANDLE, ctypes.c_int64, TEXT],
    "snowball_consent_object": [OUT, HANDLE, ctypes.c_int64, TEXT, TEXT, ctypes.c_int64],
    "snowball_consent_withdraw": [_INT_OUT, HANDLE, ctypes.c_int64, TEXT, ctypes.c_int64],
    "snowball_consent_list": [OUT, HANDLE, ctypes.c_int64],
    "snowball_consent_allows": [_INT_OUT, HANDLE, ctypes.c_int64, TEXT, TEXT],
    "snowball_privacy_erase": [HANDLE, ctypes.c_int64, ctypes.c_int64],
    "snowball_privacy_export": [OUT, HANDLE, ctypes.c_int64, TEXT, ctypes.c_int64],
    "snowball_access_grant": [HANDLE, ctypes.c_int64, ctypes.c_int64, ctypes.c_int64],
    "snowball_access_revoke": [HANDLE, ctypes.c_int64, ctypes.c_int64, ctypes.c_int64],
    "snowball_retention_set": [HANDLE, TEXT, TEXT, ctypes.c_int],
    "snowball_retention_list": [OUT, HANDLE, TEXT],
    "snowball_legal_hold": [OUT, HANDLE, ctypes.c_int64, TEXT, ctypes.c_int64],
    "snowball_legal_release": [HANDLE, ctypes.c_int64, ctypes.c_int64],
    "snowball_legal_holds": [OUT, HANDLE, TEXT],
    "snowball_retention_sweep": [OUT, HANDLE, TEXT, ctypes.c_int],
    "snowball_audit_list": [OUT, HANDLE, TEXT],
    "snowball_audit_export": [OUT, HANDLE, TEXT],
    "snowball_audit_verify": [OUT, HANDLE, TEXT],
})


@dataclass(frozen=True)
class Actor(Record):
    """Who an archive handle acts as (``archive.actor`` gives its ``text``)."""

    kind: str               # "host", "admin", "manager", "consultant"
    consultant_id: int
    site: str
    text: str


@dataclass(frozen=True)
class Consent(Record):
    """One entry of the consent ledger: a consent given, or (``objection``) a channel of a purpose the
    customer objects to; ``withdrawn_at`` is set once withdrawn."""

    id: int
    customer_id: int
    purpose: str            # "service", "marketing", "referral", "research"
    objection: bool
    sensitive: bool         # the separate consent for sensitive information
    guardian: str           # who consented for a minor's data
    scope: str
    notice_version: str
    channel: str
    proof: str
    recorded_by: str        # the actor: "host", "consultant:12", ...
    recorded_at: _dt.datetime
    withdrawn_at: Optional[_dt.datetime]
    withdrawn_by: str

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True)
class RetentionRule(Record):
    site: str
    stage: str
    days: int


@dataclass(frozen=True)
class LegalHold(Record):
    customer_id: int
    reason: str
    held_by: str
    held_at: _dt.datetime


@dataclass(frozen=True)
class SweepReport(Record):
    """What a retention sweep did (or, as a rehearsal, would do), by customer id."""

    on: _dt.date
    rehearsal: bool
    erased: List[int]
    held: List[int]
    owners_kept: List[int]


def _purpose(purpose: str) -> bytes:
    if not isinstance(purpose, str):
        raise TypeError("purpose is a str such as \"marketing\", not %r" % (purpose,))
    return c_text(purpose)


class ConsentsService(Service):
    """archive.consents: the consent ledger and the one check of each purpose."""

    def grant(self, customer: Any, purpose: str, *, sensitive: bool = False, guardian: Optional[str] = None,
              scope: Optional[str] = None, notice_version: Optional[str] = None, channel: Optional[str] = None,
              proof: Optional[str] = None, by: Any = None) -> Consent:
        """Records a consent for ``purpose`` ("marketing", "referral", "research"; "service" only with
        ``sensitive``). ``sensitive=True``: the separate consent for sensitive information (health,
        financial, whereabouts); with ``guardian`` also a minor's data. ``by``: the consultant who
        recorded it."""
        doc = without_none(purpose=purpose, sensitive=True if sensitive else None, guardian=guardian, scope=scope,
                           notice_version=notice_version, channel=channel, proof=proof, by=ref(by, "by"))
        return Consent.from_json(call_json(lib.snowball_consent_grant, self._h, ref(customer, "customer"), dumps(doc)))

    def object(self, customer: Any, channel: Optional[str] = None, *, purpose: str = "service", by: Any = None) -> Consent:
        """Records that the customer objects to a channel ("sms", "phone", "survey", ...; None: every
        channel) of a purpose (default the service relationship)."""
        return Consent.from_json(call_json(lib.snowball_consent_object, self._h, ref(customer, "customer"),
                                           _purpose(purpose), c_text(channel), actor(by)))

    def withdraw(self, customer: Any, purpose: str, *, by: Any = None) -> int:
        """Withdraws every consent of the purpose in force, at once; how many (0: there was none)."""
        count = ctypes.c_int()
        lib.snowball_consent_withdraw(ctypes.byref(count), self._h, ref(customer, "customer"), _purpose(purpose), actor(by))
        return count.value

    def of(self, customer: Any) -> List[Consent]:
        """The customer's ledger, oldest first, withdrawn entries included."""
        return [Consent.from_json(c) for c in call_json(lib.snowball_consent_list, self._h, ref(customer, "customer"))]

    def allows(self, customer: Any, purpose: str, channel: Optional[str] = None) -> bool:
        """The one check every module makes before it acts: service unless objected; the other
        purposes with a consent in force."""
        allowed = ctypes.c_int()
        lib.snowball_consent_allows(ctypes.byref(allowed), self._h, ref(customer, "customer"), _purpose(purpose),
                                    c_text(channel))
        return bool(allowed.value)


class PrivacyService(Service):
    """archive.privacy: the person's rights (erasure, their copy) and retention."""

    def erase(self, customer: Any, *, by: Any = None) -> None:
        """Erases the person everywhere, in one transaction; the file is scrubbed before it returns.
        The site's manager or administrator, or the host."""
        lib.snowball_privacy_erase(self._h, ref(customer, "customer"), actor(by))

    def export(self, customer: Any, *, format: str = "json", by: Any = None) -> Union[Dict[str, Any], str]:  # noqa: A002
        """The person's copy (PIPL Art. 45): a dict of everything about them (format "json"), or a
        readable Chinese HTML page (format "html"). Audited."""
        text = call(lib.snowball_privacy_export, self._h, ref(customer, "customer"), c_text(format), actor(by))
        return _json.loads(text) if format == "json" else text

    def grant_access(self, customer: Any, consultant: Any, *, by: Any = None) -> None:
        """Lets a consultant of the customer's site see a customer who is not theirs."""
        lib.snowball_access_grant(self._h, ref(customer, "customer"), ref(consultant, "consultant"), actor(by))

    def revoke_access(self, customer: Any, consultant: Any, *, by: Any = None) -> None:
        lib.snowball_access_revoke(self._h, ref(customer, "customer"), ref(consultant, "consultant"), actor(by))

    def set_retention(self, site: Union[str, Site], stage: str, days: Optional[int]) -> None:
        """How long the site keeps customers of ``stage`` after their last contact; None removes it."""
        lib.snowball_retention_set(self._h, c_text(site_code(site)), c_text(stage), 0 if days is None else days)

    def retention(self, site: Union[str, Site, None] = None) -> List[RetentionRule]:
        return [RetentionRule.from_json(r)
                for r in call_json(lib.snowball_retention_list, self._h, c_text(site_code(site) if site else None))]

    def hold(self, customer: Any, reason: str, *, by: Any = None) -> LegalHold:
        """A legal hold: the retention sweep keeps the customer until released."""
        return LegalHold.from_json(call_json(lib.snowball_legal_hold, self._h, ref(customer, "customer"), c_text(reason),
                                             actor(by)))

    def release(self, customer: Any, *, by: Any = None) -> None:
        lib.snowball_legal_release(self._h, ref(customer, "customer"), actor(by))

    def holds(self, site: Union[str, Site, None] = None) -> List[LegalHold]:
        return [LegalHold.from_json(h)
                for h in call_json(lib.snowball_legal_holds, self._h, c_text(site_code(site) if site else None))]

    def sweep(self, on: Optional[_dt.date] = None, *, rehearsal: bool = False) -> SweepReport:
        """Erases the customers past their site's period (except held ones and owners with a deal)."""
        return SweepReport.from_json(call_json(lib.snowball_retention_sweep, self._h, c_text(iso(on)),
                                               1 if rehearsal else 0))


@dataclass(frozen=True)
class AuditEntry(Record):
    id: int
    at: _dt.datetime
    actor: str              # "host" (the host system), "consultant:12", ...
    action: str             # "customer.erase", ...
    subject_id: Optional[int]
    detail: str
    prev_hash: str          # the previous entry's hash (the first's: 64 zeros)
    hash: str


@dataclass(frozen=True)
class AuditVerification(Record):
    """The chain checked from its first entry to its last: ``ok``; ``first_bad`` (None when intact)
    and ``problem`` say where and what; keep ``head`` outside the archive and pass it to a later
    verify() to find entries removed from the end."""

    ok: bool
    entries: int
    first_bad: Optional[int]
    problem: str
    head: str


class AuditService(Service):
    """archive.audit: the audit log."""

    def entries(self, *, subject: Any = None, actor: Optional[str] = None, action: Optional[str] = None,
                from_: Optional[_dt.date] = None, to: Optional[_dt.date] = None, limit: Optional[int] = None,
                offset: Optional[int] = None) -> Page:
        """Entries oldest first, of one customer (``subject``), actor, action or period (UTC days)."""
        query = without_none(subject_id=ref(subject, "subject"), actor=actor, action=action, **{"from": iso(from_)},
                             to=iso(to), limit=limit, offset=offset)
        return Page.from_json(call_json(lib.snowball_audit_list, self._h, dumps(query)), AuditEntry.from_json)

    def export(self, *, subject: Any = None, actor: Optional[str] = None, action: Optional[str] = None,
               from_: Optional[_dt.date] = None, to: Optional[_dt.date] = None) -> str:
        """Every matching entry, oldest first, as JSON lines (one entry per line, with its
        ``prev_hash`` and ``hash``): what an auditor keeps and checks outside the archive."""
        query = without_none(subject_id=ref(subject, "subject"), actor=actor, action=action, **{"from": iso(from_)},
                             to=iso(to))
        return call(lib.snowball_audit_export, self._h, dumps(query))

    def __iter__(self) -> Iterator[AuditEntry]:
        offset = 0
        while True:
            page = self.entries(limit=1000, offset=offset)
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    def verify(self, expected_head: Optional[str] = None) -> AuditVerification:
        return AuditVerification.from_json(call_json(lib.snowball_audit_verify, self._h, c_text(expected_head)))
