"""The customer archive: filing, lookup, visits, deals, the closed-deal archive, lead imports."""

from __future__ import annotations

import ctypes
import datetime as _dt
import json
import os
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _native
from ._native import c_text, call, call_json, lib, lookup
from ._support import UNSET, Service, dumps, iso, ref, site_code, without_none
from .errors import Cancelled
from .merge import MergeMethods
from .records import (
    ClosedDeal,
    Consultant,
    Customer,
    Deal,
    ImportProgress,
    LostMark,
    ImportReport,
    Page,
    Phone,
    Site,
    Visit,
    birthday_json,
)

PathLike = Union[str, "os.PathLike[str]"]
ConsultantRef = Union[int, Consultant, None]


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


class Customers(MergeMethods, Service):
    """The customer archive: filing, lookup, visits, deals and the closed-deal archive; duplicates
    and merge (snowball.merge)."""

    @staticmethod
    def _new(site: Union[str, Site], channel: str, name: str, mobile: Optional[str] = None,
             consultant: ConsultantRef = None, tier: Optional[str] = None, gender: Optional[str] = None,
             phones: Optional[Iterable[Any]] = None, first_contact: Optional[_dt.date] = None,
             note: Optional[str] = None, filed_on: Optional[_dt.date] = None, birthday: Any = None,
             lunar_birthday: Any = None) -> Dict[str, Any]:
        return without_none(site=site_code(site), channel=channel, name=name, mobile=mobile,
                             consultant_id=ref(consultant, "consultant"), tier=tier, gender=gender,
                             phones=_phones(phones), first_contact=iso(first_contact), note=note,
                             filed_on=iso(filed_on), birthday=birthday_json(birthday, lunar_birthday))

    def add(self, *, site: Union[str, Site], channel: str, name: str, mobile: Optional[str] = None,
            consultant: ConsultantRef = None, tier: Optional[str] = None, gender: Optional[str] = None,
            phones: Optional[Iterable[Any]] = None, first_contact: Optional[_dt.date] = None,
            note: Optional[str] = None, filed_on: Optional[_dt.date] = None, birthday: Any = None,
            lunar_birthday: Any = None) -> Customer:
        """Files a customer and gives it its archive number.

        channel: "call" (来电), "visit" (来访) or "lead" (客资). A phone already on file at the
        site raises Conflict, whose ``record_id`` is the customer who has it. birthday: a
        datetime.date; lunar_birthday: a snowball.calendar.LunarDate or (month, day) and the like.
        """
        doc = self._new(site, channel, name, mobile, consultant, tier, gender, phones, first_contact, note, filed_on,
                        birthday, lunar_birthday)
        return Customer.from_json(call_json(lib.snowball_customer_add, self._h, dumps(doc)))

    def add_many(self, customers: Iterable[Mapping[str, Any]]) -> List[Customer]:
        """Files many customers (keyword dicts as for add) in one transaction: all or none."""
        docs = [self._new(**dict(c)) for c in customers]
        return [Customer.from_json(c) for c in call_json(lib.snowball_customer_add_many, self._h, dumps(docs))]

    def get(self, customer_id: int) -> Customer:
        return Customer.from_json(call_json(lib.snowball_customer_get, self._h, ref(customer_id, "customer_id")))

    def find(self, customer_id: int) -> Optional[Customer]:
        """The customer on file with this id, or None."""
        data = lookup("id", lib.snowball_customer_get, self._h, ref(customer_id, "customer_id"))
        return None if data is None else Customer.from_json(data)

    def update(self, customer: Union[int, Customer], *, name: Optional[str] = None, gender: Optional[str] = None,
               mobile: Optional[str] = None, phones: Optional[Iterable[Any]] = None,
               consultant: ConsultantRef = UNSET, tier: Optional[str] = None,
               first_contact: Optional[_dt.date] = None, note: Optional[str] = None, birthday: Any = UNSET,
               lunar_birthday: Any = None, by: ConsultantRef = None) -> Customer:
        """Changes the given fields only. ``mobile=""`` clears the mobile, ``consultant=None`` unassigns,
        ``birthday=None`` clears the birthday. ``by``: who makes the change (profile history)."""
        doc = without_none(name=name, gender=gender, mobile=mobile, phones=_phones(phones), tier=tier,
                            first_contact=iso(first_contact), note=note, by=ref(by, "consultant"))
        if consultant is not UNSET:
            doc["consultant_id"] = ref(consultant, "consultant")
        if lunar_birthday is not None:
            doc["birthday"] = birthday_json(None, lunar_birthday)
        elif birthday is not UNSET:
            doc["birthday"] = birthday_json(birthday)
        data = call_json(lib.snowball_customer_update, self._h, ref(customer, "customer"), dumps(doc))
        return Customer.from_json(data)

    def remove(self, customer: Union[int, Customer]) -> None:
        """Removes a customer; the archive number stays retired and is never issued again."""
        lib.snowball_customer_remove(self._h, ref(customer, "customer"))

    def by_archive_no(self, archive_no: str) -> Optional[Customer]:
        data = lookup("archive_no", lib.snowball_customer_by_archive_no, self._h, c_text(archive_no))
        return None if data is None else Customer.from_json(data)

    def by_phone(self, phone: str, site: Union[str, Site, None] = None) -> Optional[Customer]:
        """Who is calling? Without a site, a phone on file at several sites raises Conflict; an
        unknown site raises NotFound."""
        data = lookup("phone", lib.snowball_customer_by_phone, self._h, c_text(phone), c_text(site_code(site)))
        return None if data is None else Customer.from_json(data)

    def find_by_phone(self, phone: str) -> List[Customer]:
        return [Customer.from_json(c) for c in call_json(lib.snowball_customer_find_by_phone, self._h, c_text(phone))]

    def find_by_name(self, prefix: str, site: Union[str, Site, None] = None, limit: Optional[int] = None) -> List[Customer]:
        """Customers whose name starts with ``prefix``; ``limit`` at most 1000 (the library's default
        when None)."""
        data = call_json(lib.snowball_customer_find_by_name, self._h, c_text(prefix), c_text(site_code(site)),
                         0 if limit is None else limit)
        return [Customer.from_json(c) for c in data]

    def list(self, *, site: Union[str, Site, None] = None, channel: Optional[str] = None,
             stage: Optional[str] = None, tier: Optional[str] = None, consultant: ConsultantRef = None,
             first_contact_from: Optional[_dt.date] = None, first_contact_to: Optional[_dt.date] = None,
             name_prefix: Optional[str] = None, limit: Optional[int] = None,
             offset: Optional[int] = None) -> Page[Customer]:
        doc = without_none(site=site_code(site), channel=channel, stage=stage, tier=tier,
                            consultant_id=ref(consultant, "consultant"), first_contact_from=iso(first_contact_from),
                            first_contact_to=iso(first_contact_to), name_prefix=name_prefix, limit=limit,
                            offset=offset)
        return Page.from_json(call_json(lib.snowball_customer_list, self._h, dumps(doc)), Customer.from_json)

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
        lib.snowball_customer_reassign(ctypes.byref(moved), self._h, ref(from_consultant, "consultant"),
                                       ref(to_consultant, "consultant"))
        return moved.value

    def record_visit(self, customer: Union[int, Customer], date: Optional[_dt.date] = None, *,
                     consultant: ConsultantRef = None, note: Optional[str] = None,
                     place: Optional[str] = None) -> Visit:
        """A visit of the sales office (place "sales_office", the default) or of the construction site
        ("construction_site"); it is an entry of the contact log too (visit_office, visit_site)."""
        doc = without_none(date=iso(date), consultant_id=ref(consultant, "consultant"), note=note, place=place)
        return Visit.from_json(call_json(lib.snowball_visit_record, self._h, ref(customer, "customer"), dumps(doc)))

    def visits(self, customer: Union[int, Customer]) -> List[Visit]:
        return [Visit.from_json(v) for v in call_json(lib.snowball_visit_list, self._h, ref(customer, "customer"))]

    def record_deal(self, customer: Union[int, Customer], *, unit: str, area: float, price: float,
                    date: Optional[_dt.date] = None, stage: str = "contract", layout: Optional[str] = None,
                    bought_for: Optional[str] = None, consultant: ConsultantRef = None,
                    amount: Optional[float] = None, deposit: Optional[float] = None, by: ConsultantRef = None) -> Deal:
        """A deal recorded at ``stage``: "reservation" (认筹), "subscription" (认购) or "contract" (签约,
        the default). area in m², price in yuan. ``amount`` is the first step's amount (``deposit``
        says the same for a reservation); a contract's is its price. At the site's owner stage
        (default contract) the customer becomes an owner; advance it with ``archive.deals.advance``."""
        if amount is not None and deposit is not None:
            raise TypeError("give amount or deposit, not both")
        doc = without_none(unit=unit, area=area, price=price, date=iso(date), layout=layout, bought_for=bought_for,
                            consultant_id=ref(consultant, "consultant"), stage=stage,
                            amount=deposit if amount is None else amount, by=ref(by, "by"))
        return Deal.from_json(call_json(lib.snowball_deal_record, self._h, ref(customer, "customer"), dumps(doc)))

    def mark_lost(self, customer: Union[int, Customer], reason: str, *, note: Optional[str] = None,
                  competitor: Optional[str] = None, date: Optional[_dt.date] = None, by: ConsultantRef = None) -> LostMark:
        """Marks a prospect or visitor lost: reason "bought_elsewhere", "price", "location", "layout",
        "financing" or "other"; competitor: the project they bought at. Follow-ups skip them."""
        doc = without_none(reason=reason, note=note, competitor=competitor, date=iso(date), by=ref(by, "by"))
        return LostMark.from_json(call_json(lib.snowball_customer_mark_lost, self._h, ref(customer, "customer"),
                                            dumps(doc)))

    def undo_lost(self, customer: Union[int, Customer], *, by: ConsultantRef = None) -> LostMark:
        """Undoes the lost mark in force; returns it, undone."""
        return LostMark.from_json(call_json(lib.snowball_customer_undo_lost, self._h, ref(customer, "customer"),
                                            ref(by, "by") or 0))

    def lost_marks(self, customer: Union[int, Customer]) -> List[LostMark]:
        """The customer's lost marks, newest first (the one in force has an empty ``undone_at``)."""
        return [LostMark.from_json(m) for m in
                call_json(lib.snowball_customer_lost_marks, self._h, ref(customer, "customer"))]

    def lost_counts(self, site: Union[str, Site]) -> Dict[str, int]:
        """The site's customers lost now, by reason, most first."""
        return {c["reason"]: c["count"] for c in call_json(lib.snowball_lost_counts, self._h, c_text(site_code(site)))}

    def cancel_deal(self, deal: Union[int, Deal], reason: str) -> Deal:
        deal_id = ref(deal, "deal")
        return Deal.from_json(call_json(lib.snowball_deal_cancel, self._h, deal_id, c_text(reason)))

    def get_deal(self, deal_id: int) -> Deal:
        return Deal.from_json(call_json(lib.snowball_deal_get, self._h, ref(deal_id, "deal_id")))

    def deals(self, customer: Union[int, Customer]) -> List[Deal]:
        return [Deal.from_json(d) for d in call_json(lib.snowball_deal_list, self._h, ref(customer, "customer"))]

    def closed_deals(self, *, site: Union[str, Site, None] = None, consultant: ConsultantRef = None,
                     start: Optional[_dt.date] = None, end: Optional[_dt.date] = None,
                     include_cancelled: Optional[bool] = None, limit: Optional[int] = None,
                     offset: Optional[int] = None) -> Page[ClosedDeal]:
        """The closed-deal archive: owners and their deals, newest first."""
        doc = without_none(site=site_code(site), consultant_id=ref(consultant, "consultant"), to=iso(end),
                            include_cancelled=include_cancelled, limit=limit, offset=offset)
        if start is not None:
            doc["from"] = iso(start)
        return Page.from_json(call_json(lib.snowball_deal_archive, self._h, dumps(doc)), ClosedDeal.from_json)


class Leads(Service):
    """Lead lists (客资) imported from CSV files as Excel writes them."""

    def import_csv(self, source: Union[PathLike, bytes], *, site: Union[str, Site],
                   mapping: Optional[Mapping[str, str]] = None, channel: Optional[str] = None,
                   encoding: Optional[str] = None, delimiter: Optional[str] = None, consultant: ConsultantRef = None,
                   dry_run: Optional[bool] = None, all_or_nothing: Optional[bool] = None,
                   progress: Optional[Callable[[ImportProgress], Optional[bool]]] = None,
                   progress_every: Optional[int] = None) -> ImportReport:
        """Files every valid row in one transaction; the report lists the rejected rows.

        source: a file path, or the file's bytes. channel: for rows without a channel column (the
        library's default: lead); encoding: auto (the default), utf-8, gb18030 or utf-16. mapping: CSV header → field (name, mobile,
        phone, home_phone, office_phone, other_phone, gender, tier, first_contact, note,
        consultant, channel, ignore); without it common headers (姓名, 手机, ...) are recognised.
        progress: called with an ImportProgress; return False to cancel (raises Cancelled,
        nothing is imported). An exception raised by it cancels too and is re-raised here.
        """
        options = without_none(site=site_code(site), mapping=dict(mapping) if mapping else None, channel=channel,
                                encoding=encoding, delimiter=delimiter, consultant_id=ref(consultant, "consultant"),
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
                text = call(lib.snowball_lead_import_data, self._h, data, len(data), dumps(options), callback, None)
            else:
                text = call(lib.snowball_lead_import_file, self._h, c_text(os.fspath(source)), dumps(options),
                            callback, None)
        except Cancelled:
            if raised:
                raise raised[0]
            raise
        return ImportReport.from_json(json.loads(text))


