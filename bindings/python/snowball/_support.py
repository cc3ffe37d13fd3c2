"""What the package's modules share: the base of every record (built from the library's JSON
strictly, and written back), and the conversion of arguments into the library's JSON documents.

No rule of the product lives here: the records carry what Python needs, and the library checks
every argument.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import typing
from dataclasses import field as _field
from dataclasses import fields as _fields
from typing import Any, Callable, ClassVar, Dict, List, Mapping, Optional, Tuple

from ._native import handle_or_raise
from .errors import VersionError

__all__ = ["Record", "RECORDS", "Service", "UNSET", "dumps", "without_none", "iso", "to_date", "to_datetime", "ref",
           "find", "site_code", "actor", "json_key"]

# A keyword argument left out, where None has a meaning of its own ("clear it").
UNSET: Any = object()


def dumps(document: Any) -> bytes:
    """A JSON document for the library (UTF-8)."""
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def without_none(**values: Any) -> Dict[str, Any]:
    """The keyword arguments given: the library applies its defaults to the others."""
    return {k: v for k, v in values.items() if v is not None}


def to_date(value: Optional[str]) -> Optional[_dt.date]:
    return _dt.date.fromisoformat(value) if value else None


_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\Z").match


def to_datetime(value: Optional[str]) -> Optional[_dt.datetime]:
    """Snowball's timestamps are UTC, ISO 8601 with a trailing Z ("2026-12-04T13:45:01Z")."""
    if not value:
        return None
    # The library's own form, read by datetime's C parser (a tenth of strptime's cost, which is most
    # of what reading a record costs); any other text goes through strptime, which reads that form
    # only and says what is wrong.
    if _TIMESTAMP(value):
        return _dt.datetime.fromisoformat(value[:19] + "+00:00")
    return _dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)


def _datetime_text(value: _dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso(value: Any) -> Optional[str]:
    """A date (or an ISO text) as the library reads it."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        raise TypeError("expected a datetime.date, not a datetime: %r" % (value,))
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError("expected a datetime.date or an ISO date string, not %r" % (value,))


def ref(value: Any, what: str) -> Optional[int]:
    """An id given as an int, or as the record that has it (a Customer, a Consultant, ...); None
    stays None."""
    if value is None:
        return None
    if not isinstance(value, int):
        value = getattr(value, "id", value)   # a record: its id
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an integer id or its record, not %r" % (what, value))
    return value


def find(items: Any, attribute: str, value: Any) -> Any:
    """The item of a record's list whose ``attribute`` is ``value`` (a survey's question by key, a
    site's grade by key); KeyError when none is."""
    for item in items:
        if getattr(item, attribute) == value:
            return item
    raise KeyError(value)


def site_code(site: Any) -> Optional[str]:
    """A site given by its code, or as its Site record; None stays None."""
    return site.code if isinstance(site, Record) and hasattr(site, "code") else site


def actor(by: Any) -> int:
    """Who acts, as the C API takes it: a consultant's id, 0 for nobody named."""
    return ref(by, "by") or 0


class NativeHandle:
    """An object holding a handle of the C library (an archive, a group view): freed by close(), at
    the end of a ``with`` block, or when the object is collected. A subclass frees it in _free()."""

    _handle: Optional[int] = None

    def _free(self, handle: int) -> None:
        raise NotImplementedError

    @property
    def closed(self) -> bool:
        return self._handle is None

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        # At interpreter shutdown the module globals may already be gone.
        try:
            self.close()
        except Exception:
            pass


_Self = typing.TypeVar("_Self", bound=NativeHandle)


class Service:
    """A service of an open archive (archive.customers, archive.feedback, ...)."""

    def __init__(self, archive: Any):
        self._archive = archive  # keeps the archive (and its handle) alive

    @property
    def _h(self) -> int:
        return handle_or_raise(self._archive._handle)


# ---------------------------------------------------------------------------------------------
# Records

# Every record class, by the name of the C++ record it mirrors.
RECORDS: Dict[str, type] = {}

_Convert = Optional[Callable[[Any], Any]]


def _converters(hint: Any) -> Tuple[_Convert, _Convert]:
    """(from JSON, to JSON) for a field's type; None where the value passes as it is."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        read, write = _converters(inner[0]) if len(inner) == 1 else (None, None)
        if read is None and write is None:
            return None, None
        return ((lambda v: None if v is None else read(v)) if read else None,
                (lambda v: None if v is None else write(v)) if write else None)
    if origin in (list, List):
        read, write = _converters(args[0]) if args else (None, None)
        if read is None and write is None:
            return None, None
        return ((lambda v: [read(x) for x in v]) if read else None,
                (lambda v: [write(x) for x in v]) if write else None)
    if origin in (tuple, Tuple):
        return tuple, list   # a JSON array of fixed length, such as an interval [low, high]
    if origin in (dict, Dict):
        read, write = _converters(args[1]) if len(args) == 2 else (None, None)
        if read is None and write is None:
            return None, None
        return ((lambda v: {k: read(x) for k, x in v.items()}) if read else None,
                (lambda v: {k: write(x) for k, x in v.items()}) if write else None)
    if hint is _dt.datetime:
        return to_datetime, _datetime_text
    if hint is _dt.date:
        return _dt.date.fromisoformat, _dt.date.isoformat
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_json, lambda v: v.to_json()
    return None, None


def json_key(key: str) -> Any:
    """A record field whose JSON key is not a Python name (``from``, ``to``):
    ``from_status: Optional[str] = json_key("from")``."""
    return _field(metadata={"json_key": key})


class Record:
    """The base of the package's record dataclasses.

    A record is built from the library's JSON document strictly: the document must carry exactly
    the record's fields (a missing or an unknown key means the package and the library disagree,
    and is raised as VersionError). ``to_json()`` gives the document back. Dates become
    ``datetime.date``, timestamps ``datetime.datetime`` (UTC), nested records their classes, by the
    fields' type hints. A field named after its JSON key; where the key is a Python keyword, the field
    says its key with ``json_key``.
    """

    _codec_name: ClassVar[str] = ""
    _spec: ClassVar[Optional[Tuple[Tuple[str, _Convert, _Convert], ...]]] = None
    _attributes: ClassVar[Tuple[str, ...]] = ()
    _plan: ClassVar[Optional[Tuple[int, frozenset, Tuple[Tuple[str, str], ...], Tuple[Tuple[str, Any], ...], bool]]] = None

    def __init_subclass__(cls, codec_name: Optional[str] = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._codec_name = codec_name or cls.__name__
        cls._spec = None
        cls._plan = None
        RECORDS[cls._codec_name] = cls

    @classmethod
    def _fields_spec(cls) -> Tuple[Tuple[str, _Convert, _Convert], ...]:
        spec = cls.__dict__.get("_spec")
        if spec is None:
            hints = typing.get_type_hints(cls)
            spec = tuple((f.metadata.get("json_key", f.name),) + _converters(hints[f.name]) for f in _fields(cls))
            cls._spec = spec
            cls._attributes = tuple(f.name for f in _fields(cls))
        return spec

    @classmethod
    def _reading_plan(cls) -> Tuple[int, frozenset, Tuple[Tuple[str, str], ...], Tuple[Tuple[str, Any], ...], bool]:
        """How from_json reads a document, worked out once per class from its fields: (the number of
        keys, the keys, (key, attribute) of the fields named otherwise, (attribute, converter) of the
        fields converted, whether the record may be filled without calling __init__)."""
        plan = cls.__dict__.get("_plan")
        if plan is None:
            spec = cls._fields_spec()
            pairs = list(zip(cls._attributes, spec))
            # A dataclass's generated __init__ only stores its arguments: filling __dict__ does the
            # same. A record that does more (__post_init__, fields outside __init__, slots) is built
            # by calling it.
            direct = (not hasattr(cls, "__post_init__") and all(f.init for f in _fields(cls))
                      and not any("__slots__" in vars(k) for k in cls.__mro__[:-1]))
            plan = (len(spec), frozenset(key for key, _, _ in spec),
                    tuple((key, attribute) for attribute, (key, _, _) in pairs if key != attribute),
                    tuple((attribute, read) for attribute, (_, read, _) in pairs if read is not None), direct)
            cls._plan = plan
        return plan

    @classmethod
    def from_json(cls, data: Mapping[str, Any]):
        count, keys, renamed, converted, direct = cls.__dict__.get("_plan") or cls._reading_plan()
        if len(data) != count or data.keys() != keys:
            raise VersionError("the library's %s record has the keys %s; this package expects %s: are the "
                               "package and the library of one version?"
                               % (cls._codec_name, sorted(data), sorted(keys)))
        values = dict(data)
        for key, attribute in renamed:
            values[attribute] = values.pop(key)
        for attribute, read in converted:
            values[attribute] = read(values[attribute])
        if not direct:
            return cls(**values)
        record = object.__new__(cls)
        record.__dict__.update(values)   # what the frozen dataclass's __init__ would store
        return record

    def to_json(self) -> Dict[str, Any]:
        """The record as the library writes it."""
        spec = self._fields_spec()
        return {key: (write(getattr(self, attribute)) if write else getattr(self, attribute))
                for attribute, (key, _, write) in zip(self._attributes, spec)}
