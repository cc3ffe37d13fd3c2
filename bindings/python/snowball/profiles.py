"""Profiles: templates, field values and their history, family members, completeness, the briefing."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union, overload

from ._native import c_text, call_json, lib
from ._support import UNSET, Service, actor, dumps, iso, ref, site_code, without_none
from .records import Birthday, Consultant, Customer, Site, birthday_json, to_date, to_datetime

ConsultantRef = Union[int, Consultant, None]

__all__ = [
    "Label", "FieldOption", "Field", "Section", "Template", "TemplateVersion", "ProfileField", "ProfileSection", "Profile",
    "HistoryEntry", "SectionScore", "Completeness", "ConsultantScore", "SiteCompleteness", "OptionCount",
    "Distribution", "Birthday", "FamilyMember", "template_from_json", "birthday_json", "value_json", "value_from_json",
]


@dataclass(frozen=True)
class Label:
    zh: str = ""
    zh_hant: str = ""
    en: str = ""

    def in_(self, language: str) -> str:
        wanted = {"zh": self.zh, "zh_hant": self.zh_hant, "en": self.en}.get(language, self.zh)
        return wanted or self.zh or self.en or self.zh_hant


def _label(data: Any) -> Label:
    return Label(data.get("zh", ""), data.get("zh_hant", ""), data.get("en", ""))


@dataclass(frozen=True)
class FieldOption:
    key: str
    label: Label


@dataclass(frozen=True)
class Field:
    """One field of a profile template."""

    key: str
    section: str
    number: int
    label: Label
    type: str
    options: List[FieldOption]
    help: Label
    weight: float
    sensitivity: str
    in_briefing: bool
    hidden: bool
    bound_to: str
    family_link: str

    @property
    def label_zh(self) -> str:
        return self.label.zh

    @property
    def label_zh_hant(self) -> str:
        return self.label.zh_hant

    @property
    def label_en(self) -> str:
        return self.label.en

    @property
    def help_zh(self) -> str:
        return self.help.zh

    @property
    def help_en(self) -> str:
        return self.help.en


@dataclass(frozen=True)
class Section:
    key: str
    label: Label


class Template(Sequence):
    """A profile template: a sequence of its fields in order (hidden ones included, flagged).

    ``template[0]``, ``template["mobile"]``, ``len(template)``, ``for f in template``.
    """

    def __init__(self, site: Optional[str], version: int, created_at: Optional[_dt.datetime],
                 sections: List[Section], fields: List[Field]):
        self.site = site
        self.version = version
        self.created_at = created_at
        self.sections = sections
        self.fields = fields

    @overload
    def __getitem__(self, index: int) -> Field: ...

    @overload
    def __getitem__(self, index: slice) -> List[Field]: ...

    def __getitem__(self, index):
        if isinstance(index, str):
            for f in self.fields:
                if f.key == index:
                    return f
            raise KeyError(index)
        return self.fields[index]

    def __len__(self) -> int:
        return len(self.fields)

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def keys(self) -> List[str]:
        return [f.key for f in self.fields]

    def __repr__(self) -> str:
        return "<snowball.Template site=%r version=%d fields=%d>" % (self.site, self.version, len(self.fields))


def template_from_json(data: Mapping[str, Any]) -> Template:
    sections = [Section(s["key"], _label(s["label"])) for s in data["sections"]]
    fields = [
        Field(f["key"], f["section"], f["number"], _label(f["label"]), f["type"],
              [FieldOption(o["key"], _label(o["label"])) for o in f["options"]], _label(f["help"]), f["weight"],
              f["sensitivity"], f["in_briefing"], f["hidden"], f["bound_to"], f["family_link"])
        for f in data["fields"]
    ]
    return Template(data.get("site"), data["version"], to_datetime(data.get("created_at")), sections, fields)


def value_json(value: Any) -> Any:
    """A Python value as the library's JSON: dates as ISO text, tuples and sets as lists."""
    if isinstance(value, _dt.datetime):
        raise TypeError("a profile date is a datetime.date, not a datetime: %r" % (value,))
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value]
    return value


def value_from_json(value: Any, field_type: str) -> Any:
    if value is None:
        return None
    if field_type == "date":
        return to_date(value)
    if field_type == "number" and isinstance(value, float) and value.is_integer():
        return value
    return value


@dataclass(frozen=True)
class TemplateVersion:
    version: int
    created_at: Optional[_dt.datetime]
    by: Optional[int]
    note: str


@dataclass(frozen=True)
class ProfileField:
    key: str
    label: str
    type: str
    value: Any
    display: str
    help: str
    hidden: bool
    sensitivity: str
    updated_at: Optional[_dt.datetime]
    updated_by: Optional[int]


@dataclass(frozen=True)
class ProfileSection:
    key: str
    label: str
    fields: List[ProfileField]


@dataclass(frozen=True)
class Profile:
    """A customer's whole profile in template order, by section, labelled in one language."""

    customer_id: int
    site: str
    template_version: int
    as_of: Optional[_dt.date]
    sections: List[ProfileSection]

    def values(self) -> Dict[str, Any]:
        return {f.key: f.value for s in self.sections for f in s.fields}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Profile":
        sections = [
            ProfileSection(s["key"], s["label"], [
                ProfileField(f["key"], f["label"], f["type"], value_from_json(f["value"], f["type"]), f["display"],
                             f["help"], f["hidden"], f["sensitivity"], to_datetime(f["updated_at"]), f["updated_by"])
                for f in s["fields"]])
            for s in data["sections"]
        ]
        return cls(data["customer_id"], data["site"], data["template_version"], to_date(data["as_of"]), sections)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    field: str
    old: Any
    new: Any
    by: Optional[int]
    at: _dt.datetime


@dataclass(frozen=True)
class SectionScore:
    section: str
    score: float
    filled: int
    fields: int


@dataclass(frozen=True)
class Completeness:
    customer_id: int
    score: float
    sections: List[SectionScore]
    ask_next: List[str]


@dataclass(frozen=True)
class ConsultantScore:
    rank: int
    consultant_id: Optional[int]
    name: str
    customers: int
    mean: float


@dataclass(frozen=True)
class SiteCompleteness:
    site: str
    customers: int
    mean: float
    leaderboard: List[ConsultantScore]


@dataclass(frozen=True)
class OptionCount:
    key: str
    label: str
    total: int
    share: float
    by_stage: Dict[str, int]


@dataclass(frozen=True)
class Distribution:
    field: str
    label: str
    options: List[OptionCount]
    answered: Dict[str, int]
    customers: Dict[str, int]


@dataclass(frozen=True)
class FamilyMember:
    id: int
    customer_id: int
    relation: str
    name: str
    gender: str = "unknown"
    birthday: Optional[Birthday] = None
    phone: str = ""
    employer: str = ""
    education: str = ""
    interests: str = ""
    school: str = ""
    closest: bool = False
    note: str = ""
    created_at: Optional[_dt.datetime] = None
    updated_at: Optional[_dt.datetime] = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "FamilyMember":
        d = dict(data)
        d["birthday"] = Birthday.from_json(d["birthday"]) if d.get("birthday") is not None else None
        d["created_at"] = to_datetime(d.get("created_at"))
        d["updated_at"] = to_datetime(d.get("updated_at"))
        return cls(**d)


class Templates(Service):
    """Per-site profile templates: a site starts from the default 42 fields, then adds, hides,
    renames and reorders fields and extends option lists. Every change is a new version."""

    def get(self, site: Union[str, Site], version: Optional[int] = None) -> Template:
        v = -1 if version is None else ref(version, "version")
        return template_from_json(call_json(lib.snowball_template_get, self._h, c_text(site_code(site)), v))

    def versions(self, site: Union[str, Site]) -> List[TemplateVersion]:
        """Every version of the site's template; version 0 is the default it started from."""
        data = call_json(lib.snowball_template_versions, self._h, c_text(site_code(site)))
        return [TemplateVersion(v["version"], to_datetime(v["created_at"]), v["by"], v["note"]) for v in data]

    def edit(self, site: Union[str, Site], edits: Iterable[Mapping[str, Any]], *, by: ConsultantRef = None,
             note: Optional[str] = None) -> Template:
        """Applies edits ({"op": "hide", "key": ...}, ...; see docs/C_API.md) as one new version."""
        data = call_json(lib.snowball_template_edit, self._h, c_text(site_code(site)), dumps(list(edits)), actor(by),
                         c_text(note))
        return template_from_json(data)

    def add_field(self, site: Union[str, Site], *, key: str, section: str, label: Any, type: str = "text",
                  options: Optional[Iterable[Any]] = None, help: Any = None, weight: float = 1,
                  sensitivity: str = "none", in_briefing: bool = False, after: Optional[str] = None,
                  by: ConsultantRef = None) -> Template:
        """Adds a site's own field. label: text (Chinese) or {"zh", "zh_hant", "en"}; options:
        (key, label) pairs or {"key", "label"} dicts."""
        field = without_none(key=key, section=section, label=label, type=type, help=help, weight=weight,
                              sensitivity=sensitivity, in_briefing=in_briefing, options=_options(options))
        return self.edit(site, [without_none(op="add_field", field=field, after=after)], by=by)

    def hide(self, site: Union[str, Site], key: str, *, by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "hide", "key": key}], by=by)

    def show(self, site: Union[str, Site], key: str, *, by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "show", "key": key}], by=by)

    def rename(self, site: Union[str, Site], key: str, label: Any, *, by: ConsultantRef = None) -> Template:
        return self.edit(site, [{"op": "rename", "key": key, "label": label}], by=by)

    def move(self, site: Union[str, Site], key: str, *, after: Optional[str] = None,
             by: ConsultantRef = None) -> Template:
        return self.edit(site, [without_none(op="move", key=key, after=after)], by=by)

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


class Profiles(Service):
    """Customer profiles: typed values with their full history, completeness and distributions."""

    def set(self, customer: Union[int, Customer], values: Mapping[str, Any], *, by: ConsultantRef = None) -> None:
        """Sets fields in one transaction ({key: value}; None clears). Every change is recorded with
        who (``by``, a consultant) and when."""
        doc = {k: value_json(v) for k, v in values.items()}
        lib.snowball_profile_set(self._h, ref(customer, "customer"), dumps(doc), actor(by))

    def set_text(self, customer: Union[int, Customer], values: Mapping[str, str], *, by: ConsultantRef = None) -> None:
        """Sets fields from text as a form holds it ("红酒、白酒", "是", "2026-03-05"; "" clears)."""
        lib.snowball_profile_set_text(self._h, ref(customer, "customer"), dumps(dict(values)), actor(by))

    def set_many(self, updates: Iterable[Tuple[Union[int, Customer], Mapping[str, Any]]], *,
                 by: ConsultantRef = None) -> None:
        """Many customers' fields in one transaction (all or none)."""
        doc = [{"customer_id": ref(c, "customer"), "values": {k: value_json(v) for k, v in values.items()}}
               for c, values in updates]
        lib.snowball_profile_set_many(self._h, dumps(doc), actor(by))

    def _read(self, customer: Union[int, Customer], language: str, as_of: Optional[_dt.date]) -> Dict[str, Any]:
        options = without_none(language=language, as_of=iso(as_of))
        return call_json(lib.snowball_profile_get, self._h, ref(customer, "customer"), dumps(options))

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
        data = call_json(lib.snowball_profile_history, self._h, ref(customer, "customer"), c_text(field))
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
        d = call_json(lib.snowball_profile_completeness, self._h, ref(customer, "customer"), ask_next)
        return Completeness(d["customer_id"], d["score"], [SectionScore(**s) for s in d["sections"]], d["ask_next"])

    def site_completeness(self, site: Union[str, Site]) -> SiteCompleteness:
        """The site's mean completeness and its consultants' leaderboard."""
        d = call_json(lib.snowball_profile_site_completeness, self._h, c_text(site_code(site)))
        return SiteCompleteness(d["site"], d["customers"], d["mean"], [ConsultantScore(**c) for c in d["leaderboard"]])

    def leaderboard(self, site: Union[str, Site]) -> List[ConsultantScore]:
        return self.site_completeness(site).leaderboard

    def distribution(self, field: str, *, site: Union[str, Site], start: Optional[_dt.date] = None,
                     end: Optional[_dt.date] = None, language: str = "zh") -> Distribution:
        """How the customers first contacted in [start, end] answered a choice field, by stage."""
        query = without_none(field=field, site=site_code(site), language=language, to=iso(end))
        if start is not None:
            query["from"] = iso(start)
        d = call_json(lib.snowball_profile_distribution, self._h, dumps(query))
        return Distribution(d["field"], d["label"], [OptionCount(**o) for o in d["options"]], d["answered"],
                            d["customers"])


class Family(Service):
    """Family members, records of their own: their birthdays are greeted too."""

    def add(self, customer: Union[int, Customer], *, relation: str, name: str, birthday: Any = None,
            lunar_birthday: Any = None, gender: Optional[str] = None, phone: Optional[str] = None,
            employer: Optional[str] = None, education: Optional[str] = None, interests: Optional[str] = None,
            school: Optional[str] = None, closest: Optional[bool] = None, note: Optional[str] = None) -> FamilyMember:
        """relation: "spouse", "father", "mother", "child" or "other". birthday: a datetime.date;
        lunar_birthday: a snowball.calendar.LunarDate or (month, day), (year, month, day[, leap])."""
        doc = without_none(relation=relation, name=name, birthday=birthday_json(birthday, lunar_birthday),
                            gender=gender, phone=phone, employer=employer, education=education, interests=interests,
                            school=school, closest=closest, note=note)
        return FamilyMember.from_json(call_json(lib.snowball_family_add, self._h, ref(customer, "customer"), dumps(doc)))

    def get(self, member_id: int) -> FamilyMember:
        return FamilyMember.from_json(call_json(lib.snowball_family_get, self._h, ref(member_id, "member_id")))

    def update(self, member: Union[int, FamilyMember], *, birthday: Any = UNSET, lunar_birthday: Any = None,
               **fields: Any) -> FamilyMember:
        """Changes the given fields (relation, name, gender, phone, employer, education, interests,
        school, closest, note); ``birthday=None`` clears the birthday."""
        doc = dict(fields)
        if lunar_birthday is not None:
            doc["birthday"] = birthday_json(None, lunar_birthday)
        elif birthday is not UNSET:
            doc["birthday"] = birthday_json(birthday)
        member_id = member.id if isinstance(member, FamilyMember) else ref(member, "member")
        return FamilyMember.from_json(call_json(lib.snowball_family_update, self._h, member_id, dumps(doc)))

    def remove(self, member: Union[int, FamilyMember]) -> None:
        lib.snowball_family_remove(self._h, member.id if isinstance(member, FamilyMember) else ref(member, "member"))

    def list(self, customer: Union[int, Customer]) -> List[FamilyMember]:
        data = call_json(lib.snowball_family_list, self._h, ref(customer, "customer"))
        return [FamilyMember.from_json(m) for m in data]
