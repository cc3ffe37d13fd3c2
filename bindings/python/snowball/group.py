"""The group view: a site's changes captured for the group (archive.group), and the group's
PostgreSQL database they are applied to (GroupView). docs/GROUP.md tells the whole story.

At a site (the host system only)::

    archive.group.enable("SH-PUDONG")            # capture from the next write on
    bundle = archive.group.outbox(after=mark)    # bytes: carry them to the group by any transport
    archive.group.acknowledge(report.high_water) # once the group has them
    first = archive.group.snapshot()             # a new site's, or one whose outbox was lost

At the group::

    with GroupView("host=10.0.0.5 dbname=group user=snowball") as view:
        report = view.ingest(bundle)             # exactly once, with the site's high-water mark
        view.reconcile(site_checksums).same
"""

from __future__ import annotations

import ctypes
import os
from ctypes import POINTER, byref, c_int64, c_size_t, c_void_p
from dataclasses import dataclass
from typing import Any, List, Optional, Union

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib
from ._support import NativeHandle, Record, Service, dumps
from .errors import InvalidState, NotFound

__all__ = ["GroupStatus", "GroupTableSum", "GroupChecksums", "GroupIngestReport", "GroupTableDrift",
           "GroupReconcileReport", "GroupService", "GroupView"]

declare({
    "snowball_group_status": [OUT, HANDLE],
    "snowball_group_enable": [OUT, HANDLE, TEXT],
    "snowball_group_disable": [OUT, HANDLE],
    "snowball_group_outbox": [OUT, POINTER(c_size_t), HANDLE, c_int64, c_int64],
    "snowball_group_acknowledge": [POINTER(c_int64), HANDLE, c_int64],
    "snowball_group_snapshot": [OUT, POINTER(c_size_t), HANDLE],
    "snowball_group_checksums": [OUT, HANDLE],
    "snowball_group_view_connect": [POINTER(c_void_p), TEXT],
    "snowball_group_view_ingest": [OUT, c_void_p, c_void_p, c_size_t],
    "snowball_group_view_ingest_file": [OUT, c_void_p, TEXT],
    "snowball_group_view_high_water": [POINTER(c_int64), c_void_p, TEXT],
    "snowball_group_view_reconcile": [OUT, c_void_p, TEXT],
    "snowball_group_view_sites": [OUT, c_void_p],
})
lib.snowball_group_view_free.argtypes = [c_void_p]
lib.snowball_group_view_free.restype = None

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class GroupStatus(Record):
    enabled: bool
    site: str               # the code the group knows this archive by ("" before enable)
    enabled_at: str
    last_seq: int           # the last outbox entry recorded
    acknowledged: int       # entries up to this one were pruned
    pending: int            # entries waiting in the outbox
    pending_bytes: int
    schema_version: int


@dataclass(frozen=True)
class GroupTableSum(Record):
    table: str
    columns: List[str]
    rows: int
    checksum: int


@dataclass(frozen=True)
class GroupChecksums(Record):
    site: str
    high_water: int         # the archive as of this outbox entry
    tables: List[GroupTableSum]


@dataclass(frozen=True)
class GroupIngestReport(Record):
    site: str
    kind: str               # "changes" or "snapshot"
    entries_applied: int
    entries_skipped: int    # the group had them already (a replay)
    rows_written: int
    rows_updated: int
    rows_deleted: int
    high_water: int         # acknowledge the site's outbox up to this
    schema_version: int


@dataclass(frozen=True)
class GroupTableDrift(Record):
    table: str
    site_rows: int
    group_rows: int
    same: bool


@dataclass(frozen=True)
class GroupReconcileReport(Record):
    site: str
    same: bool              # caught up, and every table the same
    caught_up: bool
    site_high_water: int
    group_high_water: int   # -1: the group does not know the site
    tables: List[GroupTableDrift]

    def drifted(self) -> List[GroupTableDrift]:
        """The tables that differ."""
        return [t for t in self.tables if not t.same]


def _bytes_out(fn: Any, *args: Any) -> bytes:
    out, size = c_void_p(), c_size_t()
    try:
        fn(byref(out), byref(size), *args)
        return ctypes.string_at(out.value, size.value) if out.value else b""
    finally:
        lib.snowball_string_free(out)


class GroupService(Service):
    """archive.group: change capture at a site."""

    def status(self) -> GroupStatus:
        return GroupStatus.from_json(call_json(lib.snowball_group_status, self._h))

    def enable(self, site: str) -> GroupStatus:
        """Switches capture on; the group knows the archive as ``site`` (letters, digits, '-', '_')."""
        return GroupStatus.from_json(call_json(lib.snowball_group_enable, self._h, c_text(site)))

    def disable(self) -> GroupStatus:
        return GroupStatus.from_json(call_json(lib.snowball_group_disable, self._h))

    def outbox(self, after: int = 0, max_entries: int = 10000) -> bytes:
        """The outbox entries after ``after`` (the group's high-water mark) as one bundle."""
        return _bytes_out(lib.snowball_group_outbox, self._h, after, max_entries)

    def acknowledge(self, up_to: int) -> int:
        """Prunes the entries up to ``up_to``; returns how many went."""
        removed = c_int64()
        lib.snowball_group_acknowledge(byref(removed), self._h, up_to)
        return removed.value

    def snapshot(self) -> bytes:
        """The whole archive as one bundle."""
        return _bytes_out(lib.snowball_group_snapshot, self._h)

    def checksums(self) -> GroupChecksums:
        """The site's fingerprint for GroupView.reconcile."""
        return GroupChecksums.from_json(call_json(lib.snowball_group_checksums, self._h))


class GroupView(NativeHandle):
    """The group's PostgreSQL database (one connection; close() or use ``with``)."""

    def __init__(self, conninfo: str):
        handle = c_void_p()
        lib.snowball_group_view_connect(byref(handle), c_text(conninfo))
        self._handle: Optional[int] = handle.value

    def _free(self, handle: int) -> None:
        lib.snowball_group_view_free(handle)

    @property
    def _h(self) -> int:
        if not self._handle:
            raise InvalidState("the group view is closed")
        return self._handle

    def ingest(self, bundle: Union[bytes, bytearray, memoryview]) -> GroupIngestReport:
        """Applies one bundle (outbox or snapshot) exactly once."""
        data = bytes(bundle)
        return GroupIngestReport.from_json(call_json(lib.snowball_group_view_ingest, self._h, data, len(data)))

    def ingest_file(self, path: PathLike) -> GroupIngestReport:
        return GroupIngestReport.from_json(call_json(lib.snowball_group_view_ingest_file, self._h,
                                                     c_text(os.fspath(path))))

    def high_water(self, site: str) -> Optional[int]:
        """The site's high-water mark, or None when the group does not know the site."""
        out = c_int64()
        try:
            lib.snowball_group_view_high_water(byref(out), self._h, c_text(site))
        except NotFound as exc:
            if exc.field == "site":
                return None
            raise
        return out.value

    def reconcile(self, checksums: GroupChecksums) -> GroupReconcileReport:
        """Compares a site's fingerprint (archive.group.checksums()) with the group's rows."""
        return GroupReconcileReport.from_json(call_json(lib.snowball_group_view_reconcile, self._h,
                                                        dumps(checksums.to_json())))

    def sites(self) -> List[str]:
        return call_json(lib.snowball_group_view_sites, self._h)
