"""Profiles: templates, field values and their history, family members, completeness, the briefing."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union, overload

from ._native import c_text, call_json, lib
from .records import Birthday, birthday_json, to_date, to_datetime

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
        d["birthday"] = Birthday.from_json(d.get("birthday"))
        d["created_at"] = to_datetime(d.get("created_at"))
        d["updated_at"] = to_datetime(d.get("updated_at"))
        return cls(**d)
