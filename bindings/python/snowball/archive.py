"""The archive and its services: sites, consultants, customers, lead imports."""

from __future__ import annotations

import ctypes
import datetime as _dt
import json
import os
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._native import c_text, call, call_json, handle_or_raise, lib
from .calendar import CareTask
from .feedback import FeedbackService, SurveysService
from .referrals import ReferralsService
from .errors import Cancelled, NotFound
from .profiles import (
    Completeness,
    ConsultantScore,
    Distribution,
    FamilyMember,
    HistoryEntry,
    OptionCount,
    Profile,
    SectionScore,
    SiteCompleteness,
    Template,
    TemplateVersion,
    template_from_json,
    value_from_json,
    value_json,
)
from .records import (
    ArchiveInfo,
    Birthday,
    birthday_json,
    to_datetime,
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


_UNSET: Any = object()


class Consultants(_Service):
    """Sales consultants (置业顾问), each working at one site."""

    def add(self, *, site: Union[str, Site], name: str, phone: Optional[str] = None, role: Optional[str] = None,
            manager: ConsultantRef = None) -> Consultant:
        """role: "consultant" (default) or "manager"; manager: an active manager of the same site."""
        doc = _without_none(site=_site_code(site), name=name, phone=phone, role=role, manager_id=_consultant_id(manager))
        return Consultant.from_json(call_json(lib.snowball_consultant_add, self._h, _dumps(doc)))

    def get(self, consultant_id: int) -> Consultant:
        return Consultant.from_json(call_json(lib.snowball_consultant_get, self._h, _id(consultant_id, "consultant_id")))

    def list(self, site: Union[str, Site, None] = None, *, include_inactive: bool = False) -> List[Consultant]:
        data = call_json(lib.snowball_consultant_list, self._h, c_text(_site_code(site)), int(include_inactive))
        return [Consultant.from_json(c) for c in data]

    def update(self, consultant: ConsultantRef, *, name: Optional[str] = None, phone: Optional[str] = None,
               active: Optional[bool] = None, role: Optional[str] = None, manager: ConsultantRef = _UNSET) -> Consultant:
        """Changes the given fields only; ``manager=None`` removes the manager."""
        doc = _without_none(name=name, phone=phone, active=active, role=role)
        if manager is not _UNSET:
            doc["manager_id"] = _consultant_id(manager)
        data = call_json(lib.snowball_consultant_update, self._h, _consultant_id(consultant), _dumps(doc))
        return Consultant.from_json(data)


class Customers(_Service):
    """The customer archive: filing, lookup, visits, deals and the closed-deal archive."""

    @staticmethod
    def _new(site: Union[str, Site], channel: str, name: str, mobile: Optional[str] = None,
             consultant: ConsultantRef = None, tier: str = "ordinary", gender: str = "unknown",
             phones: Optional[Iterable[Any]] = None, first_contact: Optional[_dt.date] = None,
             note: Optional[str] = None, filed_on: Optional[_dt.date] = None, birthday: Any = None,
             lunar_birthday: Any = None) -> Dict[str, Any]:
        return _without_none(site=_site_code(site), channel=channel, name=name, mobile=mobile,
                             consultant_id=_consultant_id(consultant), tier=tier, gender=gender,
                             phones=_phones(phones), first_contact=iso(first_contact), note=note,
                             filed_on=iso(filed_on), birthday=birthday_json(birthday, lunar_birthday))

    def add(self, *, site: Union[str, Site], channel: str, name: str, mobile: Optional[str] = None,
            consultant: ConsultantRef = None, tier: str = "ordinary", gender: str = "unknown",
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
               first_contact: Optional[_dt.date] = None, note: Optional[str] = None, birthday: Any = _UNSET,
               lunar_birthday: Any = None, by: ConsultantRef = None) -> Customer:
        """Changes the given fields only. ``mobile=""`` clears the mobile, ``consultant=None`` unassigns,
        ``birthday=None`` clears the birthday. ``by``: who makes the change (profile history)."""
        doc = _without_none(name=name, gender=gender, mobile=mobile, phones=_phones(phones), tier=tier,
                            first_contact=iso(first_contact), note=note, by=_consultant_id(by))
        if consultant is not _UNSET:
            doc["consultant_id"] = _consultant_id(consultant)
        if lunar_birthday is not None:
            doc["birthday"] = birthday_json(None, lunar_birthday)
        elif birthday is not _UNSET:
            doc["birthday"] = birthday_json(birthday)
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


def _by(by: ConsultantRef) -> int:
    return _consultant_id(by) or 0


class Templates(_Service):
    """Per-site profile templates: a site starts from the default 42 fields, then adds, hides,
    renames and reorders fields and extends option lists. Every change is a new version."""

    def get(self, site: Union[str, Site], version: Optional[int] = None) -> Template:
        v = -1 if version is None else _id(version, "version")
        return template_from_json(call_json(lib.snowball_template_get, self._h, c_text(_site_code(site)), v))

    def versions(self, site: Union[str, Site]) -> List[TemplateVersion]:
        """Every version of the site's template; version 0 is the default it started from."""
        data = call_json(lib.snowball_template_versions, self._h, c_text(_site_code(site)))
        return [TemplateVersion(v["version"], to_datetime(v["created_at"]), v["by"], v["note"]) for v in data]

    def edit(self, site: Union[str, Site], edits: Iterable[Mapping[str, Any]], *, by: ConsultantRef = None,
             note: Optional[str] = None) -> Template:
        """Applies edits ({"op": "hide", "key": ...}, ...; see docs/C_API.md) as one new version."""
        data = call_json(lib.snowball_template_edit, self._h, c_text(_site_code(site)), _dumps(list(edits)), _by(by),
                         c_text(note))
        return template_from_json(data)

    def add_field(self, site: Union[str, Site], *, key: str, section: str, label: Any, type: str = "text",
                  options: Optional[Iterable[Any]] = None, help: Any = None, weight: float = 1,
                  sensitivity: str = "none", in_briefing: bool = False, after: Optional[str] = None,
                  by: ConsultantRef = None) -> Template:
        """Adds a site's own field. label: text (Chinese) or {"zh", "zh_hant", "en"}; options:
        (key, label) pairs or {"key", "label"} dicts."""
        field = _without_none(key=key, section=section, label=label, type=type, help=help, weight=weight,
                              sensitivity=sensitivity, in_briefing=in_briefing, options=_options(options))
        return self.edit(site, [_without_none(op="add_field", field=field, after=after)], by=by)

    def hide(self, site: Union[str, Site], key: str, *, by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "hide", "key": key}], by=by)

    def show(self, site: Union[str, Site], key: str, *, by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "show", "key": key}], by=by)

    def rename(self, site: Union[str, Site], key: str, label: Any, *, by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "rename", "key": key, "label": label}], by=by)

    def move(self, site: Union[str, Site], key: str, *, after: Optional[str] = None,
             by: ConsultantRef = None) -> Template:
        return self.edit(site, [_without_none(op="move", key=key, after=after)], by=by)

    def extend_options(self, site: Union[str, Site], key: str, options: Iterable[Any], *,
                       by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "extend_options", "key": key, "options": _options(options)}], by=by)

    def set_weight(self, site: Union[str, Site], key: str, weight: float, *, by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "set_weight", "key": key, "weight": weight}], by=by)

    def set_in_briefing(self, site: Union[str, Site], key: str, in_briefing: bool, *,
                        by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "set_in_briefing", "key": key, "in_briefing": in_briefing}], by=by)


def _options(options: Optional[Iterable[Any]]) -> Optional[List[Dict[str, Any]]]:
    if options is None:
        return None
    return [dict(o) if isinstance(o, Mapping) else {"key": o[0], "label": o[1]} for o in options]


class Profiles(_Service):
    """Customer profiles: typed values with their full history, completeness and distributions."""

    def set(self, customer: Union[int, Customer], values: Mapping[str, Any], *, by: ConsultantRef = None) -> None:
        """Sets fields in one transaction ({key: value}; None clears). Every change is recorded with
        who (``by``, a consultant) and when."""
        doc = {k: value_json(v) for k, v in values.items()}
        lib.snowball_profile_set(self._h, _customer_id(customer), _dumps(doc), _by(by))

    def set_text(self, customer: Union[int, Customer], values: Mapping[str, str], *, by: ConsultantRef = None) -> None:
        """Sets fields from text as a form holds it ("红酒、白酒", "是", "2026-03-05"; "" clears)."""
        lib.snowball_profile_set_text(self._h, _customer_id(customer), _dumps(dict(values)), _by(by))

    def set_many(self, updates: Iterable[Tuple[Union[int, Customer], Mapping[str, Any]]], *,
                 by: ConsultantRef = None) -> None:
        """Many customers' fields in one transaction (all or none)."""
        doc = [{"customer_id": _customer_id(c), "values": {k: value_json(v) for k, v in values.items()}}
               for c, values in updates]
        lib.snowball_profile_set_many(self._h, _dumps(doc), _by(by))

    def _read(self, customer: Union[int, Customer], language: str, as_of: Optional[_dt.date]) -> Dict[str, Any]:
        options = _without_none(language=language, as_of=iso(as_of))
        return call_json(lib.snowball_profile_get, self._h, _customer_id(customer), _dumps(options))

    def get(self, customer: Union[int, Customer], *, as_of: Optional[_dt.date] = None) -> Dict[str, Any]:
        """The profile as a dict of field key → value (None when unknown), in template order; with
        ``as_of``, as it stood at the end of that day."""
        data = self._read(customer, "zh", as_of)
        return {f["key"]: value_from_json(f["value"], f["type"]) for s in data["sections"] for f in s["fields"]}

    def profile(self, customer: Union[int, Customer], *, language: str = "zh",
                as_of: Optional[_dt.date] = None) -> Profile:
        """The whole profile by section, labelled in ``language`` ("zh", "zh_hant" or "en")."""
        return Profile.from_json(self._read(customer, language, as_of))

    def history(self, customer: Union[int, Customer], field: Optional[str] = None) -> List[HistoryEntry]:
        """Changes, oldest first; one field's when ``field`` is given. Values as get() gives them."""
        data = call_json(lib.snowball_profile_history, self._h, _customer_id(customer), c_text(field))
        types: Dict[str, str] = {}
        if data:  # the field types, to give dates as datetime.date as get() does
            types = {f["key"]: f["type"] for s in self._read(customer, "zh", None)["sections"] for f in s["fields"]}
        return [HistoryEntry(h["id"], h["field"], value_from_json(h["old"], types.get(h["field"], "")),
                             value_from_json(h["new"], types.get(h["field"], "")), h["by"], to_datetime(h["at"]))
                for h in data]

    def completeness(self, customer: Union[int, Customer]) -> float:
        """The weighted completeness score of the profile, 0.0 to 1.0."""
        return self.completeness_detail(customer).score

    def completeness_detail(self, customer: Union[int, Customer], *, ask_next: int = 3) -> Completeness:
        """The score per section and the unfilled fields most worth asking about next."""
        d = call_json(lib.snowball_profile_completeness, self._h, _customer_id(customer), ask_next)
        return Completeness(d["customer_id"], d["score"], [SectionScore(**s) for s in d["sections"]], d["ask_next"])

    def site_completeness(self, site: Union[str, Site]) -> SiteCompleteness:
        """The site's mean completeness and its consultants' leaderboard."""
        d = call_json(lib.snowball_profile_site_completeness, self._h, c_text(_site_code(site)))
        return SiteCompleteness(d["site"], d["customers"], d["mean"], [ConsultantScore(**c) for c in d["leaderboard"]])

    def leaderboard(self, site: Union[str, Site]) -> List[ConsultantScore]:
        return self.site_completeness(site).leaderboard

    def distribution(self, field: str, *, site: Union[str, Site], start: Optional[_dt.date] = None,
                     end: Optional[_dt.date] = None, language: str = "zh") -> Distribution:
        """How the customers first contacted in [start, end] answered a choice field, by stage."""
        query = _without_none(field=field, site=_site_code(site), language=language, to=iso(end))
        if start is not None:
            query["from"] = iso(start)
        d = call_json(lib.snowball_profile_distribution, self._h, _dumps(query))
        return Distribution(d["field"], d["label"], [OptionCount(**o) for o in d["options"]], d["answered"],
                            d["customers"])


class Family(_Service):
    """Family members, records of their own: their birthdays are greeted too."""

    def add(self, customer: Union[int, Customer], *, relation: str, name: str, birthday: Any = None,
            lunar_birthday: Any = None, gender: Optional[str] = None, phone: Optional[str] = None,
            employer: Optional[str] = None, education: Optional[str] = None, interests: Optional[str] = None,
            school: Optional[str] = None, closest: Optional[bool] = None, note: Optional[str] = None) -> FamilyMember:
        """relation: "spouse", "father", "mother", "child" or "other". birthday: a datetime.date;
        lunar_birthday: a snowball.calendar.LunarDate or (month, day), (year, month, day[, leap])."""
        doc = _without_none(relation=relation, name=name, birthday=birthday_json(birthday, lunar_birthday),
                            gender=gender, phone=phone, employer=employer, education=education, interests=interests,
                            school=school, closest=closest, note=note)
        return FamilyMember.from_json(call_json(lib.snowball_family_add, self._h, _customer_id(customer), _dumps(doc)))

    def get(self, member_id: int) -> FamilyMember:
        return FamilyMember.from_json(call_json(lib.snowball_family_get, self._h, _id(member_id, "member_id")))

    def update(self, member: Union[int, FamilyMember], *, birthday: Any = _UNSET, lunar_birthday: Any = None,
               **fields: Any) -> FamilyMember:
        """Changes the given fields (relation, name, gender, phone, employer, education, interests,
        school, closest, note); ``birthday=None`` clears the birthday."""
        doc = dict(fields)
        if lunar_birthday is not None:
            doc["birthday"] = birthday_json(None, lunar_birthday)
        elif birthday is not _UNSET:
            doc["birthday"] = birthday_json(birthday)
        member_id = member.id if isinstance(member, FamilyMember) else _id(member, "member")
        return FamilyMember.from_json(call_json(lib.snowball_family_update, self._h, member_id, _dumps(doc)))

    def remove(self, member: Union[int, FamilyMember]) -> None:
        lib.snowball_family_remove(self._h, member.id if isinstance(member, FamilyMember) else _id(member, "member"))

    def list(self, customer: Union[int, Customer]) -> List[FamilyMember]:
        data = call_json(lib.snowball_family_list, self._h, _customer_id(customer))
        return [FamilyMember.from_json(m) for m in data]


class CareCalendarService(_Service):
    """The care calendar: festivals, birthdays, anniversaries and follow-ups as dated care tasks."""

    def agenda(self, start: _dt.date, end: _dt.date, site: Union[str, Site, None] = None,
               consultant: ConsultantRef = None, *, include_closed: bool = True) -> List[CareTask]:
        """The tasks of [start, end] for a site or a consultant, generated once per customer and day."""
        query = _without_none(to=iso(end), site=_site_code(site), consultant_id=_consultant_id(consultant),
                              include_closed=include_closed)
        query["from"] = iso(start)
        return [CareTask.from_json(t) for t in call_json(lib.snowball_care_agenda, self._h, _dumps(query))]

    def get(self, task_id: int) -> CareTask:
        return CareTask.from_json(call_json(lib.snowball_care_task_get, self._h, _id(task_id, "task_id")))

    def complete(self, task: Union[int, CareTask], outcome: str, *, note: Optional[str] = None,
                 by: ConsultantRef = None) -> CareTask:
        task_id = task.id if isinstance(task, CareTask) else _id(task, "task")
        return CareTask.from_json(call_json(lib.snowball_care_task_complete, self._h, task_id, c_text(outcome),
                                            c_text(note), _by(by)))

    def skip(self, task: Union[int, CareTask], reason: str, *, by: ConsultantRef = None) -> CareTask:
        task_id = task.id if isinstance(task, CareTask) else _id(task, "task")
        return CareTask.from_json(call_json(lib.snowball_care_task_skip, self._h, task_id, c_text(reason), _by(by)))

    def reopen(self, task: Union[int, CareTask], *, by: ConsultantRef = None) -> CareTask:
        task_id = task.id if isinstance(task, CareTask) else _id(task, "task")
        return CareTask.from_json(call_json(lib.snowball_care_task_reopen, self._h, task_id, _by(by)))

    def overdue(self, on: Optional[_dt.date] = None, *, site: Union[str, Site, None] = None,
                consultant: ConsultantRef = None) -> List[CareTask]:
        query = _without_none(on=iso(on), site=_site_code(site), consultant_id=_consultant_id(consultant))
        return [CareTask.from_json(t) for t in call_json(lib.snowball_care_overdue, self._h, _dumps(query))]

    def export_ics(self, start: _dt.date, end: _dt.date, *, consultant: ConsultantRef) -> str:
        """The consultant's agenda as an iCalendar (RFC 5545) document for phone calendars."""
        return call(lib.snowball_care_export_ics, self._h, c_text(iso(start)), c_text(iso(end)),
                    _consultant_id(consultant))

    def settings(self, site: Union[str, Site]) -> Dict[str, Any]:
        """The site's festivals, care policy and occasion settings (see docs/C_API.md)."""
        return call_json(lib.snowball_care_settings, self._h, c_text(_site_code(site)))

    def set_festivals(self, site: Union[str, Site], festivals: Iterable[Mapping[str, Any]]) -> Dict[str, Any]:
        return call_json(lib.snowball_care_set_festivals, self._h, c_text(_site_code(site)), _dumps(list(festivals)))

    def set_policy(self, site: Union[str, Site], policy: Iterable[Mapping[str, Any]]) -> Dict[str, Any]:
        return call_json(lib.snowball_care_set_policy, self._h, c_text(_site_code(site)), _dumps(list(policy)))

    def set_occasions(self, site: Union[str, Site], **settings: Any) -> Dict[str, Any]:
        """leap_month_birthdays_twice=, deal_anniversaries=, follow_up="7d,30d,90d,6m*"."""
        current = self.settings(site)["occasions"]
        current.update(settings)
        return call_json(lib.snowball_care_set_occasions, self._h, c_text(_site_code(site)), _dumps(current))

    def switch_festival(self, site: Union[str, Site], key: str, enabled: bool) -> Dict[str, Any]:
        """Switches one festival on or off at the site."""
        festivals = self.settings(site)["festivals"]
        if not any(f["key"] == key for f in festivals):
            raise NotFound("festival: the site has no festival %r" % key, code=-3, field="festival")
        for f in festivals:
            if f["key"] == key:
                f["enabled"] = enabled
        return self.set_festivals(site, festivals)

    def add_festival(self, site: Union[str, Site], key: str, date: str, name_zh: str, name_en: str = "",
                     name_zh_hant: str = "") -> Dict[str, Any]:
        """A site's own festival; date as "gregorian:MM-DD", "lunar:MM-DD", "lunar_last:MM", "weekday:MM-N-sun"
        or "solar_term:KEY"."""
        festivals = self.settings(site)["festivals"]
        festivals.append({"key": key, "date": date, "name_zh": name_zh, "name_en": name_en,
                          "name_zh_hant": name_zh_hant, "enabled": True})
        return self.set_festivals(site, festivals)

    def load_holidays(self, text: str) -> List[int]:
        """Loads a newly published holiday arrangement ("2027-01-01 off 元旦" lines); returns the years."""
        return call_json(lib.snowball_workdays_load, self._h, c_text(text))

    def add_working_days(self, date: _dt.date, n: int) -> Any:
        from . import calendar as _calendar

        return _calendar.add_working_days(date, n, archive=self._archive)


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
                 busy_timeout_ms: int = 10000, synchronous: str = "full", cache_mib: int = 64):
        self._handle: Optional[int] = None
        options = {"create": create, "read_only": read_only, "busy_timeout_ms": busy_timeout_ms,
                   "synchronous": synchronous, "cache_mib": cache_mib}
        handle = ctypes.c_void_p()
        lib.snowball_archive_open(ctypes.byref(handle), c_text(os.fspath(path)), _dumps(options))
        self._handle = handle.value
        self.path = os.fspath(path)
        self.sites = Sites(self)
        self.consultants = Consultants(self)
        self.customers = Customers(self)
        self.leads = Leads(self)
        self.templates = Templates(self)
        self.profiles = Profiles(self)
        self.family = Family(self)
        self.calendar = CareCalendarService(self)
        self.feedback = FeedbackService(self)
        self.surveys = SurveysService(self)
        self.referrals = ReferralsService(self)

    def briefing(self, phone: Optional[str] = None, *, site: Union[str, Site, None] = None,
                 customer: Union[int, Customer, None] = None, language: str = "zh") -> Optional[Dict[str, Any]]:
        """What a consultant must know when a customer phones or walks in, as a dict: customer,
        salutation, consultant, family, profile (preferences), recent_visits, visit_count, deals,
        completeness, ask_next, open_tickets (complaints still open) and upcoming (the occasions of
        the next 30 days, each with what the care policy says to do). By phone: None when the
        phone is not on file."""
        h = handle_or_raise(self._handle)
        if (phone is None) == (customer is None):
            raise TypeError("give phone= or customer=")
        if customer is not None:
            return call_json(lib.snowball_briefing_get, h, _customer_id(customer), c_text(language))
        try:
            return call_json(lib.snowball_briefing_by_phone, h, c_text(phone), c_text(_site_code(site)),
                             c_text(language))
        except NotFound as e:
            if e.field == "phone":
                return None
            raise

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
