"""Duplicates and merge, on archive.customers: one person filed twice, found and made one record.

    for c in archive.customers.duplicates(site="XH", min_score=0.8):
        c.ids, c.score, [r.key for r in c.reasons]       # [12, 57], 0.98, ["name_phone_tail", "name_birthday"]
    m = archive.customers.merge(12, 57, by=wang)         # 57's visits, deals, contacts, ... are 12's now
    archive.customers.by_archive_no(m.merged_archive_no).id          # 12, .redirected_from says so
    archive.customers.undo_merge(m.id, by=wang)          # while nothing new was written to 12

The score is between 0 and 1 (docs/DATA_MODEL.md, "Merging").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional

from ctypes import c_int64

from ._native import HANDLE, OUT, TEXT, call_json, declare, lib
from ._support import Record, dumps, ref, site_code, without_none
from .records import Page

__all__ = ["DuplicateReason", "DuplicateCandidate", "MergeRecord", "MergeMethods"]

declare({
    "snowball_customer_duplicates": [OUT, HANDLE, TEXT],
    "snowball_customer_merge": [OUT, HANDLE, c_int64, c_int64, c_int64, TEXT],
    "snowball_customer_undo_merge": [OUT, HANDLE, c_int64, c_int64],
    "snowball_customer_merge_get": [OUT, HANDLE, c_int64],
    "snowball_customer_merge_list": [OUT, HANDLE, TEXT],
})


@dataclass(frozen=True)
class DuplicateReason(Record):
    key: str      # "family_phone", "name_phone_tail", "name_birthday"
    text: str


@dataclass(frozen=True)
class DuplicateCandidate(Record):
    ids: List[int]              # the older record first
    archive_nos: List[str]
    score: float                # 0..1
    reasons: List[DuplicateReason]


@dataclass(frozen=True)
class MergeRecord(Record):
    id: int
    site: str
    keep: int
    merged: int
    merged_archive_no: str
    by: Optional[int]
    actor: str
    at: str
    newest_wins: bool
    counts: Dict[str, int]      # rows touched per table
    notes: List[str]
    undone_at: Optional[str]
    undone_by: Optional[int]
    undoable: bool


class MergeMethods:
    """The duplicate and merge calls of archive.customers."""

    _h: object

    def duplicates(self, *, site, min_score: Optional[float] = None,
                   limit: Optional[int] = None) -> List[DuplicateCandidate]:
        """Records at ``site`` that may be one person, best first (score 0..1)."""
        doc = without_none(site=site_code(site), min_score=min_score, limit=limit)
        return [DuplicateCandidate.from_json(c) for c in call_json(lib.snowball_customer_duplicates, self._h, dumps(doc))]

    def merge(self, keep, merge, *, by=None, newest_wins: bool = False) -> MergeRecord:
        """Merges record ``merge`` into ``keep``: everything of both under ``keep``; the merged
        archive number redirects to it. ``newest_wins``: of two profile values the newer stays
        (default: the kept record's)."""
        options = dumps({"newest_wins": True}) if newest_wins else None
        return MergeRecord.from_json(call_json(lib.snowball_customer_merge, self._h, ref(keep, "keep"),
                                               ref(merge, "merge"), ref(by, "by") or 0, options))

    def undo_merge(self, merge_id, *, by=None) -> MergeRecord:
        """Both records as they were; refused (InvalidState) once the survivor was written to."""
        return MergeRecord.from_json(call_json(lib.snowball_customer_undo_merge, self._h, ref(merge_id, "merge_id"),
                                               ref(by, "by") or 0))

    def merge_record(self, merge_id) -> MergeRecord:
        return MergeRecord.from_json(call_json(lib.snowball_customer_merge_get, self._h, ref(merge_id, "merge_id")))

    def merges(self, *, site=None, customer=None, limit: Optional[int] = None,
               offset: Optional[int] = None) -> Page[MergeRecord]:
        """The merges recorded, newest first: of a site, or that a customer took part in."""
        doc = without_none(site=site_code(site), customer_id=ref(customer, "customer"), limit=limit, offset=offset)
        return Page.from_json(call_json(lib.snowball_customer_merge_list, self._h, dumps(doc)), MergeRecord.from_json)
