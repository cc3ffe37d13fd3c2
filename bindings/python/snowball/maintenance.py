"""Maintenance, on archive.maintenance: is the file whole, and a copy of it taken while in use.

    report = archive.maintenance.verify()
    report.ok, [(c.name, c.ok, c.problems) for c in report.checks]
    archive.maintenance.backup("/backups/sales-office-2026-12-04.db")   # safe while others write

The host system only (another actor: Forbidden).
"""

from __future__ import annotations

import os
from ctypes import c_int
from dataclasses import dataclass
from typing import List, Union

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib
from ._support import Record, Service

__all__ = ["MaintenanceCheck", "VerifyReport", "BackupReport", "MaintenanceService"]

declare({
    "snowball_maintenance_verify": [OUT, HANDLE],
    "snowball_maintenance_backup": [OUT, HANDLE, TEXT, c_int],
})


@dataclass(frozen=True)
class MaintenanceCheck(Record):
    name: str               # "integrity", "foreign_keys", "number_sequences", "audit_chain"
    ok: bool
    examined: int           # pages, tables, archive numbers or audit entries gone through
    problems: List[str]     # what is wrong (no personal data), empty when ok


@dataclass(frozen=True)
class VerifyReport(Record):
    ok: bool                # every check passed
    path: str
    checks: List[MaintenanceCheck]

    def check(self, name: str) -> MaintenanceCheck:
        """The check called ``name``."""
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)


@dataclass(frozen=True)
class BackupReport(Record):
    path: str
    pages: int
    bytes: int
    schema_version: int


class MaintenanceService(Service):
    """archive.maintenance: verify the file, back it up."""

    def verify(self) -> VerifyReport:
        """SQLite's integrity and foreign-key checks, the archive-number sequences without gaps and
        the audit chain, in one read snapshot. A failed check is in the report (``ok`` False), not raised."""
        return VerifyReport.from_json(call_json(lib.snowball_maintenance_verify, self._h))

    def backup(self, destination: Union[str, "os.PathLike[str]"], *, replace: bool = False) -> BackupReport:
        """Copies the archive to ``destination`` with SQLite's online backup API (through
        ``destination + ".partial"``, checked, then renamed). An existing file raises Conflict unless
        ``replace``."""
        return BackupReport.from_json(call_json(lib.snowball_maintenance_backup, self._h,
                                                c_text(os.fspath(destination)), 1 if replace else 0))
