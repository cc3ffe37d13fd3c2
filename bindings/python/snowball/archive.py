"""The archive and its services: sites, consultants, customers, lead imports."""

from __future__ import annotations

import ctypes
import datetime as _dt
import json
import os
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

from . import _native
from ._native import c_text, call, call_json, handle_or_raise, lib
from .errors import Cancelled, NotFound
from .records import (
    ArchiveInfo,
    ClosedDeal,
    Consultant,
    Customer,
    Deal,
    ImportProgress,
    ImportReport,
    Page,
    Phone,
    Site,
    Visit,
    iso,
)

PathLike = Union[str, "os.PathLike[str]"]
ConsultantRef = Union[int, Consultant, None]


def _dumps(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _without_none(**values: Any) -> Dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _consultant_id(consultant: ConsultantRef) -> Optional[int]:
    if consultant is None:
        return None
    if isinstance(consultant, Consultant):
        return consultant.id
    return _id(consultant, "consultant")


def _site_code(site: Union[str, Site, None]) -> Optional[str]:
    return site.code if isinstance(site, Site) else site


def _id(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an integer id, not %r" % (what, value))
    return value


def _customer_id(customer: Union[int, Customer]) -> int:
    return customer.id if isinstance(customer, Customer) else _id(customer, "customer")


def _phones(phones: Optional[Iterable[Any]]) -> Optional[List[Dict[str, str]]]:
    """Phones as Phone objects, (kind, number) pairs, {"kind", "number"} dicts or bare numbers."""
    if phones is None:
        return None
    out = []
    for p in phones:
        if isinstance(p, Phone):
            out.append({"kind": p.kind, "number": p.number})
        elif isinstance(p, str):
            out.append({"kind": "other", "number": p})
        elif isinstance(p, Mapping):
            out.append(dict(p))
        else:
            kind, number = p
            out.append({"kind": kind, "number": number})
    return out


class _Service:
    def __init__(self, archive: "Archive"):
        self._archive = archive  # keeps the archive (and its handle) alive

    @property
    def _h(self) -> int:
        return handle_or_raise(self._archive._handle)


class Sites(_Service):
    """Sales sites (案场). Each has a code that every archive number carries."""

    def add(self, code: str, name: str, number_format: Optional[str] = None) -> Site:
        doc = _without_none(code=code, name=name, number_format=number_format)
        return Site.from_json(call_json(lib.snowball_site_add, self._h, _dumps(doc)))

    def get(self, code: str) -> Site:
        return Site.from_json(call_json(lib.snowball_site_get, self._h, c_text(code)))

    def find(self, code: str) -> Optional[Site]:
        try:
            return self.get(code)
        except NotFound:
            return None

    def list(self) -> List[Site]:
        return [Site.from_json(s) for s in call_json(lib.snowball_site_list, self._h)]

    def __iter__(self) -> Iterator[Site]:
        return iter(self.list())

    def update(self, code: str, *, name: Optional[str] = None, number_format: Optional[str] = None) -> Site:
        doc = _without_none(name=name, number_format=number_format)
        return Site.from_json(call_json(lib.snowball_site_update, self._h, c_text(code), _dumps(doc)))


class Consultants(_Service):
    """Sales consultants (置业顾问), each working at one site."""

    def add(self, *, site: Union[str, Site], name: str, phone: Optional[str] = None) -> Consultant:
        doc = _without_none(site=_site_code(site), name=name, phone=phone)
        return Consultant.from_json(call_json(lib.snowball_consultant_add, self._h, _dumps(doc)))

    def get(self, consultant_id: int) -> Consultant:
        return Consultant.from_json(call_json(lib.snowball_consultant_get, self._h, _id(consultant_id, "consultant_id")))

    def list(self, site: Union[str, Site, None] = None, *, include_inactive: bool = False) -> List[Consultant]:
        data = call_json(lib.snowball_consultant_list, self._h, c_text(_site_code(site)), int(include_inactive))
        return [Consultant.from_json(c) for c in data]

    def update(self, consultant: ConsultantRef, *, name: Optional[str] = None, phone: Optional[str] = None,
               active: Optional[bool] = None) -> Consultant:
        doc = _without_none(name=name, phone=phone, active=active)
        data = call_json(lib.snowball_consultant_update, self._h, _consultant_id(consultant), _dumps(doc))
        return Consultant.from_json(data)


_UNSET: Any = object()


class Customers(_Service):
    """The customer archive: filing, lookup, visits, deals and the closed-deal archive."""

    @staticmethod
    def _new(site: Union[str, Site], channel: str, name: str, mobile: Optional[str] = None,
             consultant: ConsultantRef = None, tier: str = "ordinary", gender: str = "unknown",
             phones: Optional[Iterable[Any]] = None, first_contact: Optional[_dt.date] = None,
             note: Optional[str] = None, filed_on: Optional[_dt.date] = None) -> Dict[str, Any]:
        return _without_none(site=_site_code(site), channel=channel, name=name, mobile=mobile,
                             consultant_id=_consultant_id(consultant), tier=tier, gender=gender,
                             phones=_phones(phones), first_contact=iso(first_contact), note=note,
                             filed_on=iso(filed_on))

    def add(self, *, site: Union[str, Site], channel: str, name: str, mobile: Optional[str] = None,
            consultant: ConsultantRef = None, tier: str = "ordinary", gender: str = "unknown",
            phones: Optional[Iterable[Any]] = None, first_contact: Optional[_dt.date] = None,
            note: Optional[str] = None, filed_on: Optional[_dt.date] = None) -> Customer:
        """Files a customer and gives it its archive number.

        channel: "call" (来电), "visit" (来访) or "lead" (客资). A phone already on file at the
        site raises Conflict, whose ``record_id`` is the customer who has it.
        """
        doc = self._new(site, channel, name, mobile, consultant, tier, gender, phones, first_contact, note, filed_on)
        return Customer.from_json(call_json(lib.snowball_customer_add, self._h, _dumps(doc)))

    def add_many(self, customers: Iterable[Mapping[str, Any]]) -> List[Customer]:
        """Files many customers (keyword dicts as for add) in one transaction: all or none."""
        docs = [self._new(**dict(c)) for c in customers]
        return [Customer.from_json(c) for c in call_json(lib.snowball_customer_add_many, self._h, _dumps(docs))]

    def get(self, customer_id: int) -> Customer:
        return Customer.from_json(call_json(lib.snowball_customer_get, self._h, _id(customer_id, "customer_id")))

    def find(self, customer_id: int) -> Optional[Customer]:
        try:
            return self.get(customer_id)
        except NotFound:
            return None

    def update(self, customer: Union[int, Customer], *, name: Optional[str] = None, gender: Optional[str] = None,
               mobile: Optional[str] = None, phones: Optional[Iterable[Any]] = None,
               consultant: ConsultantRef = _UNSET, tier: Optional[str] = None,
               first_contact: Optional[_dt.date] = None, note: Optional[str] = None) -> Customer:
        """Changes the given fields only. ``mobile=""`` clears the mobile, ``consultant=None`` unassigns."""
        doc = _without_none(name=name, gender=gender, mobile=mobile, phones=_phones(phones), tier=tier,
                            first_contact=iso(first_contact), note=note)
        if consultant is not _UNSET:
            doc["consultant_id"] = _consultant_id(consultant)
        data = call_json(lib.snowball_customer_update, self._h, _customer_id(customer), _dumps(doc))
        return Customer.from_json(data)

    def remove(self, customer: Union[int, Customer]) -> None:
        """Removes a customer; the archive number stays retired and is never issued again."""
        lib.snowball_customer_remove(self._h, _customer_id(customer))

    def by_archive_no(self, archive_no: str) -> Optional[Customer]:
        try:
            return Customer.from_json(call_json(lib.snowball_customer_by_archive_no, self._h, c_text(archive_no)))
        except NotFound:
            return None

    def by_phone(self, phone: str, site: Union[str, Site, None] = None) -> Optional[Customer]:
        """Who is calling? Without a site, a phone on file at several sites raises Conflict."""
        try:
            data = call_json(lib.snowball_customer_by_phone, self._h, c_text(phone), c_text(_site_code(site)))
        except NotFound as exc:
            if exc.field:  # an unknown site: a mistake to report, not a caller to file
                raise
            return None
        return Customer.from_json(data)

    def find_by_phone(self, phone: str) -> List[Customer]:
        return [Customer.from_json(c) for c in call_json(lib.snowball_customer_find_by_phone, self._h, c_text(phone))]

    def find_by_name(self, prefix: str, site: Union[str, Site, None] = None, limit: int = 20) -> List[Customer]:
        data = call_json(lib.snowball_customer_find_by_name, self._h, c_text(prefix), c_text(_site_code(site)), limit)
        return [Customer.from_json(c) for c in data]

    def list(self, *, site: Union[str, Site, None] = None, channel: Optional[str] = None,
             stage: Optional[str] = None, tier: Optional[str] = None, consultant: ConsultantRef = None,
             first_contact_from: Optional[_dt.date] = None, first_contact_to: Optional[_dt.date] = None,
             name_prefix: Optional[str] = None, limit: int = 50, offset: int = 0) -> Page[Customer]:
        doc = _without_none(site=_site_code(site), channel=channel, stage=stage, tier=tier,
                            consultant_id=_consultant_id(consultant), first_contact_from=iso(first_contact_from),
                            first_contact_to=iso(first_contact_to), name_prefix=name_prefix, limit=limit,
                            offset=offset)
        data = call_json(lib.snowball_customer_list, self._h, _dumps(doc))
        return Page([Customer.from_json(c) for c in data["items"]], data["total"])

    def iter(self, *, page_size: int = 500, **filters: Any) -> Iterator[Customer]:
        """Every customer matching the filters of list(), page by page."""
        offset = 0
        while True:
            page = self.list(limit=page_size, offset=offset, **filters)
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    def reassign(self, from_consultant: ConsultantRef, to_consultant: ConsultantRef) -> int:
        """Moves every customer of one consultant to another (a consultant leaving); returns how many."""
        moved = ctypes.c_int64()
        lib.snowball_customer_reassign(ctypes.byref(moved), self._h, _consultant_id(from_consultant),
                                       _consultant_id(to_consultant))
        return moved.value

    def record_visit(self, customer: Union[int, Customer], date: Optional[_dt.date] = None, *,
                     consultant: ConsultantRef = None, note: Optional[str] = None) -> Visit:
        doc = _without_none(date=iso(date), consultant_id=_consultant_id(consultant), note=note)
        return Visit.from_json(call_json(lib.snowball_visit_record, self._h, _customer_id(customer), _dumps(doc)))

    def visits(self, customer: Union[int, Customer]) -> List[Visit]:
        return [Visit.from_json(v) for v in call_json(lib.snowball_visit_list, self._h, _customer_id(customer))]

    def record_deal(self, customer: Union[int, Customer], *, unit: str, area: float, price: float,
                    date: Optional[_dt.date] = None, layout: Optional[str] = None, bought_for: Optional[str] = None,
                    consultant: ConsultantRef = None) -> Deal:
        """A closed deal: the customer becomes an owner. area in m², price in yuan."""
        doc = _without_none(unit=unit, area=area, price=price, date=iso(date), layout=layout, bought_for=bought_for,
                            consultant_id=_consultant_id(consultant))
        return Deal.from_json(call_json(lib.snowball_deal_record, self._h, _customer_id(customer), _dumps(doc)))

    def cancel_deal(self, deal: Union[int, Deal], reason: str) -> Deal:
        deal_id = deal.id if isinstance(deal, Deal) else _id(deal, "deal")
        return Deal.from_json(call_json(lib.snowball_deal_cancel, self._h, deal_id, c_text(reason)))

    def get_deal(self, deal_id: int) -> Deal:
        return Deal.from_json(call_json(lib.snowball_deal_get, self._h, _id(deal_id, "deal_id")))

    def deals(self, customer: Union[int, Customer]) -> List[Deal]:
        return [Deal.from_json(d) for d in call_json(lib.snowball_deal_list, self._h, _customer_id(customer))]

    def closed_deals(self, *, site: Union[str, Site, None] = None, consultant: ConsultantRef = None,
                     start: Optional[_dt.date] = None, end: Optional[_dt.date] = None,
                     include_cancelled: bool = False, limit: int = 50, offset: int = 0) -> Page[ClosedDeal]:
        """The closed-deal archive: owners and their deals, newest first."""
        doc = _without_none(site=_site_code(site), consultant_id=_consultant_id(consultant), to=iso(end),
                            include_cancelled=include_cancelled, limit=limit, offset=offset)
        if start is not None:
            doc["from"] = iso(start)
        data = call_json(lib.snowball_deal_archive, self._h, _dumps(doc))
        items = [ClosedDeal(Deal.from_json(e["deal"]), Customer.from_json(e["customer"])) for e in data["items"]]
        return Page(items, data["total"])


class Leads(_Service):
    """Lead lists (客资) imported from CSV files as Excel writes them."""

    def import_csv(self, source: Union[PathLike, bytes], *, site: Union[str, Site],
                   mapping: Optional[Mapping[str, str]] = None, channel: str = "lead", encoding: str = "auto",
                   delimiter: Optional[str] = None, consultant: ConsultantRef = None, dry_run: bool = False,
                   all_or_nothing: bool = False,
                   progress: Optional[Callable[[ImportProgress], Optional[bool]]] = None,
                   progress_every: int = 1000) -> ImportReport:
        """Files every valid row in one transaction; the report lists the rejected rows.

        source: a file path, or the file's bytes. mapping: CSV header → field (name, mobile,
        phone, home_phone, office_phone, other_phone, gender, tier, first_contact, note,
        consultant, channel, ignore); without it common headers (姓名, 手机, ...) are recognised.
        progress: called with an ImportProgress; return False to cancel (raises Cancelled,
        nothing is imported). An exception raised by it cancels too and is re-raised here.
        """
        options = _without_none(site=_site_code(site), mapping=dict(mapping) if mapping else None, channel=channel,
                                encoding=encoding, delimiter=delimiter, consultant_id=_consultant_id(consultant),
                                dry_run=dry_run, all_or_nothing=all_or_nothing, progress_every=progress_every)
        raised: List[BaseException] = []

        def bridge(p, _payload):
            try:
                q = p.contents
                keep_going = progress(ImportProgress(q.rows_done, q.rows_total, q.imported, q.rejected))
                return 1 if keep_going is False else 0
            except BaseException as exc:  # never let an exception unwind through C
                raised.append(exc)
                return 1

        callback = _native.PROGRESS_CB(bridge) if progress else _native.PROGRESS_CB()
        try:
            if isinstance(source, (bytes, bytearray, memoryview)):
                data = bytes(source)
                text = call(lib.snowball_lead_import_data, self._h, data, len(data), _dumps(options), callback, None)
            else:
                text = call(lib.snowball_lead_import_file, self._h, c_text(os.fspath(source)), _dumps(options),
                            callback, None)
        except Cancelled:
            if raised:
                raise raised[0]
            raise
        return ImportReport.from_json(json.loads(text))


class Archive:
    """An open archive file. Use it as a context manager, or call close()."""

    def __init__(self, path: PathLike, *, create: bool = True, read_only: bool = False,
                 busy_timeout_ms: int = 10000, synchronous: str = "full"):
        self._handle: Optional[int] = None
        options = {"create": create, "read_only": read_only, "busy_timeout_ms": busy_timeout_ms,
                   "synchronous": synchronous}
        handle = ctypes.c_void_p()
        lib.snowball_archive_open(ctypes.byref(handle), c_text(os.fspath(path)), _dumps(options))
        self._handle = handle.value
        self.path = os.fspath(path)
        self.sites = Sites(self)
        self.consultants = Consultants(self)
        self.customers = Customers(self)
        self.leads = Leads(self)

    def info(self) -> ArchiveInfo:
        return ArchiveInfo.from_json(call_json(lib.snowball_archive_info, handle_or_raise(self._handle)))

    @property
    def closed(self) -> bool:
        return self._handle is None

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle:
            lib.snowball_archive_free(handle)

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        # At interpreter shutdown the module globals may already be gone.
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        return "<snowball.Archive %r%s>" % (self.path, " closed" if self.closed else "")
