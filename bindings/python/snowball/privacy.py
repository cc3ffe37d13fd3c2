"""Personal information protection (PIPL): the audit log — who did what to whose data, and when.

Entries name the actor, the action and the customer (by id), never personal values; they are
append-only and hash-chained, and ``archive.audit.verify()`` finds an entry changed or removed by
other means. docs/PRIVACY.md maps the PIPL articles to the calls.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib
from ._support import Record, Service, dumps, iso, ref, without_none
from .records import Page

declare({
    "snowball_audit_list": [OUT, HANDLE, TEXT],
    "snowball_audit_verify": [OUT, HANDLE, TEXT],
})


@dataclass(frozen=True)
class AuditEntry(Record):
    id: int
    at: _dt.datetime
    actor: str              # "host" (the host system), "consultant:12", ...
    action: str             # "customer.erase", ...
    subject_id: Optional[int]
    detail: str
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
