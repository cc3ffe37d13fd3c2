"""Formats in and out of an archive: customers and their family as vCard 4.0, any list or report
as CSV for Excel, the whole archive as JSON lines (backup, moving to another machine).

    vcf = archive.formats.export_vcard(site="XH")                    # for phones and address books
    report = archive.formats.import_vcard(vcf, site="BJ")            # .filed, .matched, .skipped
    archive.formats.export_archive("backup.jsonl")
    snowball.to_csv(archive.formats.customer_table(site="XH"), path="customers.csv")   # Excel
    snowball.to_csv([{"name": "张伟", "phone": "138..."}], headers={"name": "姓名"}, encoding="gb18030")
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime as _dt
import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from ._native import c_text, call, call_json, lib
from ._support import Record, Service, dumps, iso, ref, site_code, without_none

__all__ = ["FormatsService", "Column", "Table", "VcardOutcome", "VcardImportReport", "ArchiveImportReport", "to_csv"]

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Column(Record):
    """A column of a table: its key (the English header) and its Chinese header."""

    key: str
    zh: str = ""


@dataclass(frozen=True)
class Table(Record):
    """A list or a report as rows of text under columns, for :func:`to_csv`."""

    columns: List[Column]
    rows: List[List[str]]


@dataclass(frozen=True)
class VcardOutcome(Record):
    """What became of one card: ``action`` "filed", "matched", "family" or "skipped" (then
    ``error_line``, ``field`` and ``reason`` say why)."""

    line: int
    action: str
    uid: str
    customer_id: Optional[int]
    family_member_id: Optional[int]
    error_line: int
    field: str
    reason: str


@dataclass(frozen=True)
class VcardImportReport(Record):
    cards: int
    filed: int
    matched: int
    family: int
    skipped: int
    outcomes: List[VcardOutcome]
    dry_run: bool

    @property
    def skipped_cards(self) -> List[VcardOutcome]:
        return [o for o in self.outcomes if o.action == "skipped"]


@dataclass(frozen=True)
class ArchiveImportReport(Record):
    schema_version: int
    rows: int
    tables: Dict[str, int]


def _bytes_of(data: Union[str, bytes]) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


class FormatsService(Service):
    """archive.formats: vCards, the lists and reports as tables, the archive as JSON lines."""

    def export_vcard(self, site: Any = None, *, customers: Optional[Iterable[Any]] = None, family: bool = True,
                     path: Optional[PathLike] = None) -> str:
        """The customers (of ``site``, or those given) as vCard 4.0 text, each family member a card of
        its own; with ``path``, also written to that file (UTF-8, CRLF lines as they are)."""
        ids = None if customers is None else [ref(c, "customer") for c in customers]
        doc = without_none(site=site_code(site), customer_ids=ids, family=family)
        vcf = call(lib.snowball_vcard_export, self._h, dumps(doc))
        if path is not None:
            with open(os.fspath(path), "w", encoding="utf-8", newline="") as f:
                f.write(vcf)
        return vcf

    def import_vcard(self, vcf: Union[str, bytes, PathLike], site: Any, *, channel: Optional[str] = None,
                     consultant: Any = None, dry_run: bool = False) -> VcardImportReport:
        """Files the cards (a text, bytes, or a path to a .vcf file) at ``site`` in one transaction:
        new customers filed, those whose phone the site has matched, family members joined to the
        customer their card is RELATED to, bad cards skipped with their line."""
        if isinstance(vcf, os.PathLike) or (isinstance(vcf, str) and "BEGIN:" not in vcf.upper() and os.path.exists(vcf)):
            with open(os.fspath(vcf), "rb") as f:
                vcf = f.read()
        data = _bytes_of(vcf)
        doc = without_none(site=site_code(site), channel=channel, consultant_id=ref(consultant, "consultant"),
                           dry_run=dry_run or None)
        return VcardImportReport.from_json(call_json(lib.snowball_vcard_import, self._h, data, len(data), dumps(doc)))

    def export_archive(self, path: Optional[PathLike] = None) -> Optional[str]:
        """The whole archive as JSON lines: written to ``path``, or returned as text when no path is
        given. Host handles only."""
        if path is None:
            return call(lib.snowball_archive_export, self._h)
        lib.snowball_archive_export_file(self._h, c_text(os.fspath(path)))
        return None

    def import_archive(self, path: Optional[PathLike] = None, *, text: Union[str, bytes, None] = None) -> ArchiveImportReport:
        """Loads an export (a file, or ``text``) into this archive, which must be empty and of the
        export's schema version. Open the archive again afterwards."""
        if (path is None) == (text is None):
            raise TypeError("give path or text")
        if path is not None:
            return ArchiveImportReport.from_json(call_json(lib.snowball_archive_import_file, self._h, c_text(os.fspath(path))))
        data = _bytes_of(text)  # type: ignore[arg-type]
        return ArchiveImportReport.from_json(call_json(lib.snowball_archive_import, self._h, data, len(data)))

    def customer_table(self, *, site: Any = None, channel: Optional[str] = None, stage: Optional[str] = None,
                       tier: Optional[str] = None, consultant: Any = None,
                       first_contact_from: Optional[_dt.date] = None, first_contact_to: Optional[_dt.date] = None,
                       name_prefix: Optional[str] = None) -> Table:
        """Every customer the filters match (as customers.list()) as a table."""
        doc = without_none(site=site_code(site), channel=channel, stage=stage, tier=tier,
                           consultant_id=ref(consultant, "consultant"), first_contact_from=iso(first_contact_from),
                           first_contact_to=iso(first_contact_to), name_prefix=name_prefix)
        return Table.from_json(call_json(lib.snowball_customer_table, self._h, dumps(doc)))

    def survey_table(self, survey_id: Any, site: Any = None, start: Optional[_dt.date] = None,
                     end: Optional[_dt.date] = None, *, consultant: Any = None, topic: Optional[str] = None,
                     version: Optional[int] = None) -> Table:
        """A survey's statistics (as surveys.stats()) as a table: a row per question, topic, month and channel."""
        doc = without_none(site=site_code(site), consultant_id=ref(consultant, "consultant"), topic=topic,
                           version=version, **{"from": iso(start), "to": iso(end)})
        return Table.from_json(call_json(lib.snowball_survey_stats_table, self._h, ref(survey_id, "survey_id"), dumps(doc)))

    def care_report_table(self, site: Any, start: _dt.date, end: _dt.date, *, period: Optional[str] = None,
                          consultant: Any = None, as_of: Optional[_dt.date] = None) -> Table:
        """The managers' care report (as reports.care()) as a table."""
        query = without_none(site=site_code(site), start=iso(start), end=iso(end), period=period,
                             consultant_id=ref(consultant, "consultant"), as_of=iso(as_of))
        return Table.from_json(call_json(lib.snowball_report_care_table, self._h, dumps(query)))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _as_table(rows: Any, columns: Optional[Sequence[str]], headers: Optional[Mapping[str, str]]) -> Table:
    if isinstance(rows, Table):
        return rows
    rows = list(rows)
    dicts = []
    for r in rows:
        if dataclasses.is_dataclass(r) and not isinstance(r, type):
            dicts.append({f.name: getattr(r, f.name) for f in dataclasses.fields(r)})
        elif isinstance(r, Mapping):
            dicts.append(dict(r))
        else:
            dicts.append(None)
    if all(d is not None for d in dicts):
        keys = list(columns) if columns is not None else []
        if columns is None:
            for d in dicts:
                for k in d:
                    if k not in keys:
                        keys.append(k)
        cells = [[_cell(d.get(k)) for k in keys] for d in dicts]  # type: ignore[union-attr]
    else:
        if columns is None:
            raise TypeError("rows of sequences need columns=[...]")
        keys = list(columns)
        cells = [[_cell(v) for v in r] for r in rows]
    headers = headers or {}
    return Table([Column(k, headers.get(k, "")) for k in keys], cells)


def to_csv(rows: Any, *, columns: Optional[Sequence[str]] = None, headers: Optional[Mapping[str, str]] = None,
           encoding: str = "utf-8-sig", english_headers: bool = False, header: bool = True,
           path: Optional[PathLike] = None) -> bytes:
    """Rows as CSV bytes Excel opens as they are (RFC 4180, CRLF lines).

    ``rows``: a :class:`Table` (archive.formats.customer_table(), ...), or dicts or dataclasses (their
    keys or fields are the columns, in order, unless ``columns`` picks them), or sequences with
    ``columns``. ``headers`` gives the Chinese header of a column key (the key when none);
    ``english_headers`` writes the keys. ``encoding``: "utf-8-sig" (UTF-8 with a byte-order mark,
    the default), "utf-8" or "gb18030". With ``path``, also written to that file."""
    table = _as_table(rows, columns, headers)
    options = {"encoding": encoding, "english_headers": english_headers, "header": header}
    out, size = ctypes.c_void_p(), ctypes.c_size_t()
    try:
        lib.snowball_to_csv(ctypes.byref(out), ctypes.byref(size), dumps(table.to_json()), dumps(options))
        data = ctypes.string_at(out.value, size.value) if out.value else b""
    finally:
        lib.snowball_string_free(out)
    if path is not None:
        with open(os.fspath(path), "wb") as f:
            f.write(data)
    return data
