"""Profiles: templates, field values and their history, family members, completeness, the briefing."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Sequence
from ctypes import POINTER, byref, c_int, c_int64
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union, overload

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib
from ._support import UNSET, Record, Service, actor, dumps, iso, ref, site_code, without_none
from .calendar import UpcomingOccasion
from .contacts import ContactEntry, FollowUp
from .feedback import Ticket
from .records import Birthday, Consultant, Customer, Deal, Label, Site, Visit, birthday_json

ConsultantRef = Union[int, Consultant, None]

__all__ = [
    "Label", "FieldOption", "Field", "Section", "Template", "TemplateVersion", "ProfileField", "ProfileSection", "Profile",
    "HistoryEntry", "SectionScore", "Completeness", "ConsultantScore", "SiteCompleteness", "OptionCount",
    "Distribution", "Birthday", "FamilyMember", "BriefingItem", "Briefing", "default_template", "birthday_json",
    "value_json", "Encryption", "EncryptionStatus", "key_text",
]

declare({
    "snowball_template_default": [OUT],
    "snowball_template_get": [OUT, HANDLE, TEXT, c_int],
    "snowball_template_versions": [OUT, HANDLE, TEXT],
    "snowball_template_edit": [OUT, HANDLE, TEXT, TEXT, c_int64, TEXT],
    "snowball_profile_set": [HANDLE, c_int64, TEXT, c_int64],
    "snowball_profile_set_text": [HANDLE, c_int64, TEXT, c_int64],
    "snowball_profile_set_many": [HANDLE, TEXT, c_int64],
    "snowball_profile_get": [OUT, HANDLE, c_int64, TEXT],
    "snowball_profile_history": [OUT, HANDLE, c_int64, TEXT],
    "snowball_profile_history_revealed": [OUT, HANDLE, c_int64, TEXT, TEXT],
    "snowball_profile_completeness": [OUT, HANDLE, c_int64, c_int],
    "snowball_profile_site_completeness": [OUT, HANDLE, TEXT],
    "snowball_profile_distribution": [OUT, HANDLE, TEXT],
    "snowball_encryption_status": [OUT, HANDLE],
    "snowball_encryption_rotate": [HANDLE, TEXT, POINTER(c_int64)],
    "snowball_family_add": [OUT, HANDLE, c_int64, TEXT],
    "snowball_family_get": [OUT, HANDLE, c_int64],
    "snowball_family_update": [OUT, HANDLE, c_int64, TEXT],
    "snowball_family_remove": [HANDLE, c_int64],
    "snowball_family_list": [OUT, HANDLE, c_int64],
    "snowball_briefing_by_phone": [OUT, HANDLE, TEXT, TEXT, TEXT],
    "snowball_briefing_get": [OUT, HANDLE, c_int64, TEXT],
})


# ---------------------------------------------------------------------------------------------
# Field values


def value_json(value: Any) -> Any:
    """A Python value as the library's JSON: dates as ISO text, tuples and sets as lists."""
    if isinstance(value, _dt.datetime):
        raise TypeError("a profile date is a datetime.date, not a datetime: %r" % (value,))
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value]
    return value


def _typed(value: Any, field_type: str) -> Any:
    """A value of the library's JSON as Python holds it: the value of a date field as a date."""
    return _dt.date.fromisoformat(value) if field_type == "date" and isinstance(value, str) else value


# ---------------------------------------------------------------------------------------------
# Templates


@dataclass(frozen=True)
class FieldOption(Record):
    key: str
    label: Label


@dataclass(frozen=True)
class Field(Record, codec_name="FieldDef"):
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
class Section(Record):
    key: str
    label: Label


@dataclass(frozen=True)
class Template(Record, Sequence):
    """A profile template: a sequence of its fields in order (hidden ones included, flagged).

    ``template[0]``, ``template["mobile"]``, ``len(template)``, ``for f in template``.
    """

    site: Optional[str]                      # None: the default template
    version: int
    created_at: Optional[_dt.datetime]
    sections: List[Section]
    fields: List[Field]

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


@dataclass(frozen=True)
class TemplateVersion(Record):
    version: int
    created_at: _dt.datetime
    by: Optional[int]
    note: str


# ---------------------------------------------------------------------------------------------
# Profiles


@dataclass(frozen=True)
class ProfileField(Record, codec_name="ProfileFieldView"):
    """A field of a profile, labelled in one language; ``value`` is typed as get() gives it."""

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
    masked: Optional[str]       # the value withheld from this read: what may be shown (浙A·****8)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ProfileField":
        f = super().from_json(data)
        return dataclasses.replace(f, value=_typed(f.value, f.type))

    def to_json(self) -> Dict[str, Any]:
        return dict(super().to_json(), value=value_json(self.value))


@dataclass(frozen=True)
class ProfileSection(Record, codec_name="ProfileSectionView"):
    key: str
    label: str
    fields: List[ProfileField]


@dataclass(frozen=True)
class Profile(Record, codec_name="ProfileView"):
    """A customer's whole profile in template order, by section, labelled in one language;
    ``values`` holds every value by field key."""

    customer_id: int
    site: str
    template_version: int
    as_of: Optional[_dt.date]
    values: Dict[str, Any]
    sections: List[ProfileSection]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Profile":
        p = super().from_json(data)
        values = {f.key: f.value for s in p.sections for f in s.fields}
        return dataclasses.replace(p, values={k: values.get(k, v) for k, v in p.values.items()})

    def to_json(self) -> Dict[str, Any]:
        return dict(super().to_json(), values={k: value_json(v) for k, v in self.values.items()})


@dataclass(frozen=True)
class HistoryEntry(Record):
    """One change of a field; ``old`` and ``new`` are typed by the field's ``type`` as get() gives them."""

    id: int
    field: str
    type: str
    old: Any
    new: Any
    by: Optional[int]
    at: _dt.datetime
    masked: bool                # a sensitive field's values, withheld from this read

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "HistoryEntry":
        h = super().from_json(data)
        return dataclasses.replace(h, old=_typed(h.old, h.type), new=_typed(h.new, h.type))

    def to_json(self) -> Dict[str, Any]:
        return dict(super().to_json(), old=value_json(self.old), new=value_json(self.new))


@dataclass(frozen=True)
class SectionScore(Record):
    section: str
    score: float
    filled: int
    fields: int


@dataclass(frozen=True)
class Completeness(Record):
    customer_id: int
    score: float
    sections: List[SectionScore]
    ask_next: List[str]


@dataclass(frozen=True)
class ConsultantScore(Record):
    rank: int
    consultant_id: Optional[int]
    name: str
    customers: int
    mean: float


@dataclass(frozen=True)
class SiteCompleteness(Record):
    site: str
    customers: int
    mean: float
    leaderboard: List[ConsultantScore]


@dataclass(frozen=True)
class OptionCount(Record):
    key: str
    label: str
    total: int
    share: float
    by_stage: Dict[str, int]


@dataclass(frozen=True)
class Distribution(Record):
    field: str
    label: str
    options: List[OptionCount]
    answered: Dict[str, int]
    customers: Dict[str, int]


@dataclass(frozen=True)
class FamilyMember(Record):
    id: int
    customer_id: int
    relation: str
    name: str
    gender: str
    birthday: Optional[Birthday]
    phone: str
    employer: str
    education: str
    interests: str
    school: str
    closest: bool
    note: str
    created_at: _dt.datetime
    updated_at: _dt.datetime


# ---------------------------------------------------------------------------------------------
# The visit briefing


@dataclass(frozen=True)
class BriefingItem(Record, codec_name="ProfileItem"):
    """A field of the profile as the briefing shows it; for a field to ask about, ``value`` is its help note."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class Briefing(Record):
    """What a consultant must know when a customer phones or walks in."""

    customer: Customer
    salutation: str
    consultant: Optional[Consultant]
    family: List[FamilyMember]
    profile: List[BriefingItem]          # the preferences the template shows in the briefing
    recent_visits: List[Visit]           # newest first
    visit_count: int
    deals: List[Deal]
    completeness: float
    ask_next: List[BriefingItem]
    open_tickets: List[Ticket]           # complaints and suggestions still open, newest first
    upcoming: List[UpcomingOccasion]     # the occasions of the next 30 days, with what the policy asks
    recent_contacts: List[ContactEntry]  # the latest entries of the contact log, newest first (at most 3)
    follow_up: FollowUp                  # where the follow-up stands: the last contact, the next one due


# ---------------------------------------------------------------------------------------------
# Services


def default_template() -> Template:
    """The default profile template: the 42 fields of the source document in 6 sections, in order.
    A sequence of fields, each with .key, .section, .number, .label_zh, .label_en, .type, .options, ..."""
    return Template.from_json(call_json(lib.snowball_template_default))


class Templates(Service):
    """Per-site profile templates: a site starts from the default 42 fields, then adds, hides,
    renames and reorders fields and extends option lists. Every change is a new version."""

    def get(self, site: Union[str, Site], version: Optional[int] = None) -> Template:
        v = -1 if version is None else ref(version, "version")
        return Template.from_json(call_json(lib.snowball_template_get, self._h, c_text(site_code(site)), v))

    def versions(self, site: Union[str, Site]) -> List[TemplateVersion]:
        """Every version of the site's template; version 0 is the default it started from."""
        data = call_json(lib.snowball_template_versions, self._h, c_text(site_code(site)))
        return [TemplateVersion.from_json(v) for v in data]

    def edit(self, site: Union[str, Site], edits: Iterable[Mapping[str, Any]], *, by: ConsultantRef = None,
             note: Optional[str] = None) -> Template:
        """Applies edits ({"op": "hide", "key": ...}, ...; see docs/C_API.md) as one new version."""
        data = call_json(lib.snowball_template_edit, self._h, c_text(site_code(site)), dumps(list(edits)), actor(by),
                         c_text(note))
        return Template.from_json(data)

    def add_field(self, site: Union[str, Site], *, key: str, section: str, label: Any, type: Optional[str] = None,
                  options: Optional[Iterable[Any]] = None, help: Any = None, weight: Optional[float] = None,
                  sensitivity: Optional[str] = None, in_briefing: Optional[bool] = None, after: Optional[str] = None,
                  by: ConsultantRef = None) -> Template:
        """Adds a site's own field (the arguments left out take the library's defaults: a text field,
        ...). label: text (Chinese) or {"zh", "zh_hant", "en"}; options: (key, label) pairs or
        {"key", "label"} dicts."""
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

    def get(self, customer: Union[int, Customer], *, as_of: Optional[_dt.date] = None, reveal: bool = False,
            reason: Optional[str] = None) -> Dict[str, Any]:
        """The profile as a dict of field key → value (None when unknown), in template order; with
        ``as_of``, as it stood at the end of that day. A sensitive value (health, financial,
        whereabouts, minors) comes masked ("******", "浙A·****8") unless ``reveal=True`` with a
        ``reason`` by an actor allowed to see it (Forbidden, ConsentRequired otherwise); the reveal is
        recorded in the audit log."""
        p = self.profile(customer, as_of=as_of, reveal=reveal, reason=reason)
        return {f.key: (f.masked if f.masked is not None else f.value) for s in p.sections for f in s.fields}

    def profile(self, customer: Union[int, Customer], *, language: Optional[str] = None,
                as_of: Optional[_dt.date] = None, reveal: bool = False, reason: Optional[str] = None) -> Profile:
        """The whole profile by section, labelled in ``language`` ("zh", "zh_hant" or "en"); masked
        values have ``value`` None and ``masked`` set (see get())."""
        options = without_none(language=language, as_of=iso(as_of), reveal=True if reveal else None, reason=reason)
        return Profile.from_json(call_json(lib.snowball_profile_get, self._h, ref(customer, "customer"), dumps(options)))

    def history(self, customer: Union[int, Customer], field: Optional[str] = None, *, reveal: bool = False,
                reason: Optional[str] = None) -> List[HistoryEntry]:
        """Changes, oldest first; one field's when ``field`` is given. Values as get() gives them; a
        sensitive field's are withheld (``masked``) unless revealed with a reason, as in get()."""
        if reveal:
            data = call_json(lib.snowball_profile_history_revealed, self._h, ref(customer, "customer"), c_text(field),
                             c_text(reason))
        else:
            data = call_json(lib.snowball_profile_history, self._h, ref(customer, "customer"), c_text(field))
        return [HistoryEntry.from_json(h) for h in data]

    def completeness(self, customer: Union[int, Customer]) -> float:
        """The weighted completeness score of the profile, 0.0 to 1.0."""
        return self.completeness_detail(customer).score

    def completeness_detail(self, customer: Union[int, Customer], *, ask_next: Optional[int] = None) -> Completeness:
        """The score per section and the unfilled fields most worth asking about next (``ask_next``
        of them; None: the library's default)."""
        n = -1 if ask_next is None else ask_next
        return Completeness.from_json(call_json(lib.snowball_profile_completeness, self._h, ref(customer, "customer"), n))

    def site_completeness(self, site: Union[str, Site]) -> SiteCompleteness:
        """The site's mean completeness and its consultants' leaderboard."""
        return SiteCompleteness.from_json(call_json(lib.snowball_profile_site_completeness, self._h,
                                                    c_text(site_code(site))))

    def leaderboard(self, site: Union[str, Site]) -> List[ConsultantScore]:
        return self.site_completeness(site).leaderboard

    def distribution(self, field: str, *, site: Union[str, Site], start: Optional[_dt.date] = None,
                     end: Optional[_dt.date] = None, language: Optional[str] = None) -> Distribution:
        """How the customers first contacted in [start, end] answered a choice field, by stage."""
        query = without_none(field=field, site=site_code(site), language=language, to=iso(end))
        if start is not None:
            query["from"] = iso(start)
        return Distribution.from_json(call_json(lib.snowball_profile_distribution, self._h, dumps(query)))


def key_text(key: Union[bytes, bytearray, str]) -> str:
    """An encryption key as the library takes it: 32 bytes, or their 64 hexadecimal digits."""
    if isinstance(key, (bytes, bytearray)):
        if len(key) != 32:
            raise ValueError("an encryption key is 32 bytes, not %d" % len(key))
        return bytes(key).hex()
    if isinstance(key, str):
        return key
    raise TypeError("an encryption key is 32 bytes or 64 hexadecimal digits, not %s" % type(key).__name__)


@dataclass(frozen=True)
class EncryptionStatus(Record):
    """Whether the sensitive profile values are sealed at rest, and under which key (by its id)."""

    enabled: bool            # the archive has a key in force
    key_held: bool           # this handle holds it (reads and writes sensitive values)
    key_id: str              # names the key in force (derived from it; not the key)
    since: str               # when it was put in force (UTC, ISO 8601; "" when not enabled)
    sealed_values: int       # values and history entries sealed
    keys_retired: int        # keys replaced by rotations


class Encryption(Service):
    """Encryption of the sensitive profile values (health, financial, whereabouts, minors) at rest.
    Open the archive with ``encryption_key=`` to seal them; the first open with a key seals the values
    already stored. docs/PRIVACY.md, "Encryption at rest"."""

    def status(self) -> EncryptionStatus:
        return EncryptionStatus.from_json(call_json(lib.snowball_encryption_status, self._h))

    def rotate(self, new_key: Union[bytes, bytearray, str]) -> int:
        """Re-seals every sealed value under ``new_key`` in one transaction and puts it in force;
        this handle uses it at once, other handles must be opened again with it. The host only.
        Returns how many values were re-sealed."""
        count = c_int64(0)
        lib.snowball_encryption_rotate(self._h, c_text(key_text(new_key)), byref(count))
        return count.value


class Family(Service):
    """Family members, records of their own: their birthdays are greeted too."""

    def add(self, customer: Union[int, Customer], *, relation: str, name: str, birthday: Any = None,
            lunar_birthday: Any = None, gender: Optional[str] = None, phone: Optional[str] = None,
            employer: Optional[str] = None, education: Optional[str] = None, interests: Optional[str] = None,
            school: Optional[str] = None, closest: Optional[bool] = None, note: Optional[str] = None) -> FamilyMember:
        """relation: "spouse", "father", "mother", "child" or "other". birthday: a datetime.date;
        lunar_birthday: a snowball.calendar.LunarDate or (month, day), (year, month, day[, leap]).
        A child under 14, or of unknown age, is a minor: without the customer's consent given by a
        guardian (``consents.grant(customer, "service", sensitive=True, guardian=...)``) the record
        is refused with ConsentRequired."""
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
        return FamilyMember.from_json(call_json(lib.snowball_family_update, self._h, ref(member, "member"), dumps(doc)))

    def remove(self, member: Union[int, FamilyMember]) -> None:
        lib.snowball_family_remove(self._h, ref(member, "member"))

    def list(self, customer: Union[int, Customer]) -> List[FamilyMember]:
        data = call_json(lib.snowball_family_list, self._h, ref(customer, "customer"))
        return [FamilyMember.from_json(m) for m in data]
