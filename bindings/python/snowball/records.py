"""The records Snowball returns, as dataclasses with Python types (dates, datetimes)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields
from typing import Any, Dict, Generic, List, Mapping, Optional, Tuple, TypeVar, Union

from ._support import Record, iso, to_date, to_datetime
from .errors import VersionError

T = TypeVar("T")


@dataclass(frozen=True)
class LunarDate:
    """A date of the Chinese lunisolar calendar. ``leap`` marks a leap month (闰月).

    The lunar year is numbered by the Gregorian year in which its first day (正月初一) falls.
    """

    year: int
    month: int
    day: int
    leap: bool = False


class _Record:
    """The lenient base the modules not yet on Record use: reads the keys it knows."""

    _dates: tuple = ()
    _times: tuple = ()

    @classmethod
    def from_json(cls, data: Dict[str, Any]):
        values = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            v = data[f.name]
            if f.name in cls._dates:
                v = to_date(v)
            elif f.name in cls._times:
                v = to_datetime(v)
            values[f.name] = v
        return cls(**values)


@dataclass(frozen=True)
class Birthday(Record):
    """A birthday in the Gregorian or the Chinese calendar; ``year`` is None when unknown. ``text``
    is its text form ("1985-06-15", "--06-15", "lunar:1985-L04-15")."""

    lunar: bool
    month: int
    day: int
    year: Optional[int] = None
    leap_month: bool = False
    text: str = ""

    def as_date(self) -> Optional[_dt.date]:
        """The Gregorian date of birth, when it is Gregorian and the year is known."""
        return _dt.date(self.year, self.month, self.day) if not self.lunar and self.year else None


BirthdayLike = Union[_dt.date, Birthday, LunarDate, str, Tuple[int, ...]]


def birthday_json(birthday: Optional[BirthdayLike] = None, lunar_birthday: Optional[Any] = None) -> Any:
    """A birthday for the library: a Gregorian ``date`` (or "--MM-DD" text), or a lunar one given as
    a LunarDate, (month, day), (year, month, day) or (year, month, day, leap)."""
    if birthday is not None and lunar_birthday is not None:
        raise TypeError("give birthday or lunar_birthday, not both")
    if lunar_birthday is not None:
        if isinstance(lunar_birthday, LunarDate):
            return {"lunar": True, "year": lunar_birthday.year, "month": lunar_birthday.month,
                    "day": lunar_birthday.day, "leap_month": lunar_birthday.leap}
        if isinstance(lunar_birthday, Birthday):
            return birthday_json(lunar_birthday)
        parts = tuple(lunar_birthday)
        if len(parts) == 2:
            return {"lunar": True, "month": parts[0], "day": parts[1]}
        if len(parts) in (3, 4):
            return {"lunar": True, "year": parts[0], "month": parts[1], "day": parts[2],
                    "leap_month": bool(parts[3]) if len(parts) == 4 else False}
        raise TypeError("lunar_birthday: a LunarDate or (month, day), (year, month, day), (year, month, day, leap)")
    if birthday is None:
        return None
    if isinstance(birthday, _dt.datetime):
        raise TypeError("a birthday is a datetime.date, not a datetime")
    if isinstance(birthday, _dt.date):
        return birthday.isoformat()
    if isinstance(birthday, Birthday):
        return {"lunar": birthday.lunar, "year": birthday.year, "month": birthday.month, "day": birthday.day,
                "leap_month": birthday.leap_month}
    if isinstance(birthday, LunarDate):
        return birthday_json(lunar_birthday=birthday)
    if isinstance(birthday, str):
        return birthday
    raise TypeError("birthday: a datetime.date, a Birthday, a LunarDate or a text such as '--06-15'")


@dataclass(frozen=True)
class Label(Record):
    """A text in the three label languages (a care rule's, a template field's)."""

    zh: str
    zh_hant: str
    en: str


@dataclass(frozen=True)
class Site(Record):
    id: int
    code: str
    name: str
    number_format: str
    created_at: Optional[_dt.datetime] = None


@dataclass(frozen=True)
class Consultant(Record):
    id: int
    uid: str
    site: str
    name: str
    phone: str = ""
    active: bool = True
    created_at: Optional[_dt.datetime] = None
    role: str = "consultant"            # "consultant" or "manager"
    manager_id: Optional[int] = None    # their manager, a manager of the same site


@dataclass(frozen=True)
class Phone(Record):
    kind: str
    number: str


@dataclass(frozen=True)
class Customer(Record):
    id: int
    archive_no: str
    site: str
    channel: str
    name: str
    gender: str = "unknown"
    mobile: str = ""
    phones: List[Phone] = field(default_factory=list)
    consultant_id: Optional[int] = None
    tier: str = "ordinary"
    stage: str = "prospect"
    first_contact: Optional[_dt.date] = None
    note: str = ""
    filed_at: Optional[_dt.datetime] = None
    updated_at: Optional[_dt.datetime] = None
    birthday: Optional[Birthday] = None
    redirected_from: Optional[str] = None   # by_archive_no of a number merged away: the number asked for


@dataclass(frozen=True)
class Visit(Record):
    id: int
    customer_id: int
    date: _dt.date
    consultant_id: Optional[int] = None
    note: str = ""
    recorded_at: Optional[_dt.datetime] = None
    place: str = "sales_office"             # or "construction_site" (a visit of the building site)


@dataclass(frozen=True)
class Deal(Record):
    id: int
    customer_id: int
    site: str
    unit: str
    layout: str
    area: float
    price: float
    date: _dt.date
    bought_for: str = ""
    consultant_id: Optional[int] = None
    cancelled: bool = False
    cancel_reason: str = ""
    recorded_at: Optional[_dt.datetime] = None
    #: "reservation" (认筹), "subscription" (认购) or "contract" (签约); closed only at contract.
    #: ``date`` is the current stage's date (the contract date once contracted).
    stage: str = "contract"
    reserved_on: Optional[_dt.date] = None
    subscribed_on: Optional[_dt.date] = None
    contracted_on: Optional[_dt.date] = None
    cancelled_on: Optional[_dt.date] = None
    deposit: Optional[float] = None


@dataclass(frozen=True)
class DealStep(Record):
    """One step of a deal: reservation, subscription, contract or cancellation."""

    id: int
    deal_id: int
    step: str
    date: _dt.date
    amount: Optional[float] = None
    by: Optional[int] = None
    reason: str = ""
    recorded_at: Optional[_dt.datetime] = None


@dataclass(frozen=True)
class SalesSettings(Record):
    """A site's sales settings: the stage at which a buyer becomes an owner."""

    site: str
    owner_stage: str = "contract"
    updated_at: str = ""


@dataclass(frozen=True)
class LostMark(Record):
    """A customer marked lost (bought elsewhere, ...); in force while ``undone_at`` is empty."""

    id: int
    customer_id: int
    site: str
    reason: str
    date: _dt.date
    note: str = ""
    competitor: str = ""
    by: Optional[int] = None
    recorded_at: Optional[_dt.datetime] = None
    undone_at: str = ""
    undone_by: Optional[int] = None


@dataclass(frozen=True)
class LostCount(Record):
    reason: str
    count: int


@dataclass(frozen=True)
class ClosedDeal(Record):
    """An entry of the closed-deal archive: the deal and its owner."""

    deal: Deal
    customer: Customer


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results and the total number of matches."""

    items: List[T]
    total: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any], item: Any) -> "Page":
        """The library's page {"items", "total"}; ``item`` builds each item."""
        if set(data) != {"items", "total"}:
            raise VersionError("the library's page has the keys %s; this package expects items, total" % sorted(data))
        return cls([item(x) for x in data["items"]], data["total"])

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class ArchiveInfo(Record):
    path: str
    schema_version: int
    library_version: str
    sites: int
    consultants: int
    customers: int
    owners: int


@dataclass(frozen=True)
class RejectedRow(Record):
    line: int
    field: str
    reason: str


@dataclass(frozen=True)
class ImportProgress:
    rows_done: int
    rows_total: int
    imported: int
    rejected: int


@dataclass(frozen=True)
class ImportReport(Record, codec_name="LeadImportReport"):
    rows: int
    imported: int
    rejected: List[RejectedRow]
    customer_ids: List[int]
    encoding: str
    columns: Dict[str, str]
    ignored_columns: List[str]
    dry_run: bool


@dataclass(frozen=True)
class ArchiveNumber(Record):
    text: str
    site: str
    channel: Optional[str]
    year: Optional[int]
    sequence: int
    check: str


@dataclass(frozen=True)
class PhoneNumber(Record):
    number: str
    mainland_mobile: bool
    international: bool
