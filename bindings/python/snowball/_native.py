"""Loading libsnowball_c and declaring its C API for ctypes.

The library is found, in this order: the path in the ``SNOWBALL_LIBRARY`` environment variable;
a copy inside this package (a ``pip install`` bundles one); the build tree of the repository
this package sits in (``build/capi``); the system's library search path.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
from ctypes import POINTER, byref, c_char_p, c_int, c_int64, c_size_t, c_void_p
from pathlib import Path
from typing import Any, Callable, Dict, Optional

from .errors import InvalidArgument, InvalidState, NotFound, VersionError, error_for

__all__ = ["lib", "call", "call_json", "text", "c_text", "PROGRESS_CB", "Progress"]

_LIBRARY_NAME = "libsnowball_c.so"


def _package_version() -> tuple:
    """The version is written once, in the repository's CMakeLists.txt: a built package carries it in
    _version.py (written by the build backend); run from the repository, the package reads it there."""
    try:
        from ._version import VERSION  # type: ignore[import-not-found]
    except ImportError:
        import re

        cmake = Path(__file__).resolve().parents[3] / "CMakeLists.txt"
        found = re.search(r"project\(Snowball\s+VERSION\s+(\d+)\.(\d+)\.(\d+)",
                          cmake.read_text(encoding="utf-8")) if cmake.exists() else None
        if not found:
            raise ImportError("this copy of the snowball package has no version: install it with pip, or use it "
                              "from the repository (%s not found)" % cmake)
        VERSION = ".".join(found.groups())
    return tuple(int(part) for part in VERSION.split("."))


PACKAGE_VERSION = _package_version()


class _Error(ctypes.Structure):
    _fields_ = [("status", c_int), ("message", c_char_p), ("field", c_char_p), ("record_id", c_int64)]


class Progress(ctypes.Structure):
    _fields_ = [("rows_done", c_int64), ("rows_total", c_int64), ("imported", c_int64), ("rejected", c_int64)]


PROGRESS_CB = ctypes.CFUNCTYPE(c_int, POINTER(Progress), c_void_p)


def _candidates() -> list:
    found = []
    env = os.environ.get("SNOWBALL_LIBRARY")
    if env:
        return [env]  # an explicit choice is the only one tried
    here = Path(__file__).resolve().parent
    found.extend(sorted(here.glob(_LIBRARY_NAME + "*")))
    repo_build = here.parents[2] / "build" / "capi" / _LIBRARY_NAME
    if repo_build.exists():
        found.append(repo_build)
    system = ctypes.util.find_library("snowball_c")
    if system:
        found.append(system)
    found.append(_LIBRARY_NAME + ".%d" % PACKAGE_VERSION[0])
    return [str(p) for p in found]


def _load() -> ctypes.CDLL:
    errors = []
    for candidate in _candidates():
        try:
            return ctypes.CDLL(candidate)
        except OSError as exc:
            errors.append("%s: %s" % (candidate, exc))
    raise ImportError(
        "cannot load the Snowball C library (build it with `make`, or set SNOWBALL_LIBRARY to "
        "the path of libsnowball_c.so):\n  " + "\n  ".join(errors)
    )


lib = _load()
LIBRARY_PATH = getattr(lib, "_name", "")


def _errcheck(result, func, args):
    if result != 0:
        err = lib.snowball_error_last().contents
        raise error_for(
            result,
            (err.message or b"").decode("utf-8", "replace"),
            (err.field or b"").decode("utf-8", "replace"),
            int(err.record_id),
        )
    return result


_OUT = POINTER(c_void_p)
_S = c_char_p
_A = c_void_p  # snowball_archive*

# name: argument types. Every one returns int (a status) unless listed in _OTHER_RESTYPES.
_SIGNATURES = {
    "snowball_archive_open": [_OUT, _S, _S],
    "snowball_archive_as": [_OUT, _A, _S],
    "snowball_archive_actor": [_OUT, _A],
    "snowball_archive_info": [_OUT, _A],
    "snowball_site_add": [_OUT, _A, _S],
    "snowball_site_get": [_OUT, _A, _S],
    "snowball_site_list": [_OUT, _A],
    "snowball_site_update": [_OUT, _A, _S, _S],
    "snowball_consultant_add": [_OUT, _A, _S],
    "snowball_consultant_get": [_OUT, _A, c_int64],
    "snowball_consultant_list": [_OUT, _A, _S, c_int],
    "snowball_consultant_update": [_OUT, _A, c_int64, _S],
    "snowball_customer_add": [_OUT, _A, _S],
    "snowball_customer_add_many": [_OUT, _A, _S],
    "snowball_customer_get": [_OUT, _A, c_int64],
    "snowball_customer_update": [_OUT, _A, c_int64, _S],
    "snowball_customer_remove": [_A, c_int64],
    "snowball_customer_by_archive_no": [_OUT, _A, _S],
    "snowball_customer_by_phone": [_OUT, _A, _S, _S],
    "snowball_customer_find_by_phone": [_OUT, _A, _S],
    "snowball_customer_find_by_name": [_OUT, _A, _S, _S, c_int],
    "snowball_customer_list": [_OUT, _A, _S],
    "snowball_customer_reassign": [POINTER(c_int64), _A, c_int64, c_int64],
    "snowball_visit_record": [_OUT, _A, c_int64, _S],
    "snowball_visit_list": [_OUT, _A, c_int64],
    "snowball_deal_record": [_OUT, _A, c_int64, _S],
    "snowball_deal_cancel": [_OUT, _A, c_int64, _S],
    "snowball_deal_get": [_OUT, _A, c_int64],
    "snowball_deal_list": [_OUT, _A, c_int64],
    "snowball_deal_archive": [_OUT, _A, _S],
    "snowball_deal_advance": [_OUT, _A, c_int64, _S, _S],
    "snowball_deal_cancel_by": [_OUT, _A, c_int64, _S, c_int64],
    "snowball_deal_steps": [_OUT, _A, c_int64],
    "snowball_sales_settings": [_OUT, _A, _S],
    "snowball_sales_set_owner_stage": [_OUT, _A, _S, _S],
    "snowball_customer_mark_lost": [_OUT, _A, c_int64, _S],
    "snowball_customer_undo_lost": [_OUT, _A, c_int64, c_int64],
    "snowball_customer_lost_marks": [_OUT, _A, c_int64],
    "snowball_lost_counts": [_OUT, _A, _S],
    "snowball_lead_import_file": [_OUT, _A, _S, _S, PROGRESS_CB, c_void_p],
    "snowball_lead_import_data": [_OUT, _A, c_void_p, c_size_t, _S, PROGRESS_CB, c_void_p],  # bytes, NULs too
    "snowball_vcard_export": [_OUT, _A, _S],
    "snowball_vcard_import": [_OUT, _A, c_void_p, c_size_t, _S],
    "snowball_archive_export": [_OUT, _A],
    "snowball_archive_export_file": [_A, _S],
    "snowball_archive_import": [_OUT, _A, c_void_p, c_size_t],
    "snowball_archive_import_file": [_OUT, _A, _S],
    "snowball_to_csv": [_OUT, POINTER(c_size_t), _S, _S],
    "snowball_customer_table": [_OUT, _A, _S],
    "snowball_survey_stats_table": [_OUT, _A, c_int64, _S],
    "snowball_report_care_table": [_OUT, _A, _S],
    "snowball_archive_no_validate": [_S],
    "snowball_archive_no_parse": [_OUT, _S, _S],
    "snowball_archive_no_render": [_OUT, _S, _S, _S, c_int, c_int64],
    "snowball_phone_normalize": [_OUT, _S],
}

_OTHER_RESTYPES = {
    "snowball_archive_free": ([_A], None),
    "snowball_string_free": ([c_void_p], None),
    "snowball_error_last": ([], POINTER(_Error)),
    "snowball_status_name": ([c_int], c_char_p),
    "snowball_version": ([], c_char_p),
    "snowball_archive_no_default_format": ([], c_char_p),
    "snowball_version_number": ([], c_int),
}

def _integer(ctype: Any, bits: int) -> type:
    """``ctype`` that refuses what it cannot hold: ctypes would keep the low bits of 2**64 + 1 (1)
    and pass customer 1."""
    low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1

    class Checked(ctype):  # type: ignore[valid-type, misc]
        @classmethod
        def from_param(cls, value: Any) -> Any:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError("expected an integer, not %r" % (value,))
            if not low <= value <= high:
                raise ValueError("%d is out of range: the library takes a %d-bit integer (%d to %d)"
                                 % (value, bits, low, high))
            return ctype(value)

    Checked.__name__ = "checked_" + ctype.__name__
    return Checked


class _Text(c_char_p):
    """A C string that refuses an embedded NUL: C would read "a\x00b.db" as "a"."""

    @classmethod
    def from_param(cls, value: Any) -> Any:
        if isinstance(value, bytes):
            nul = value.find(b"\0")
            if nul >= 0:
                raise ValueError("%r contains a NUL character at byte %d; text passed to the library cannot "
                                 "hold one" % (value.decode("utf-8", "replace"), nul))
        return c_char_p.from_param(value)


# Each argument type as declared (the ctypes names) → the checked type the calls go through.
_CHECKED = {c_int64: _integer(c_int64, 64), c_int: _integer(c_int, 32), c_char_p: _Text}


def _guarded(name: str, fn: Callable) -> Callable:
    """``fn`` whose arguments ctypes refused become InvalidArgument, like the library's own."""

    def call_checked(*args: Any) -> Any:
        try:
            return fn(*args)
        except ctypes.ArgumentError as exc:
            # ctypes says "argument 3: ValueError: <why>"; keep the position and the why.
            position, _, rest = str(exc).partition(": ")
            why = rest.partition(": ")[2] or rest
            raise InvalidArgument("%s, %s: %s" % (name, position, why), code=-2) from None

    call_checked.__name__ = name
    return call_checked


def declare(signatures: Dict[str, list]) -> None:
    """Declares C functions that return a status: name → argument types. Modules of the package
    declare their own (calendar.py, feedback.py, profiles.py, referrals.py). Integers and strings
    are checked before the call (range, embedded NUL); a refused argument is InvalidArgument."""
    for name, argtypes in signatures.items():
        fn = getattr(lib, name)
        fn.argtypes = [_CHECKED.get(t, t) for t in argtypes]
        fn.restype = c_int
        fn.errcheck = _errcheck
        setattr(lib, name, _guarded(name, fn))


OUT, TEXT, HANDLE = _OUT, _S, _A   # argument types for the modules' declarations

declare(_SIGNATURES)
for _name, (_argtypes, _restype) in _OTHER_RESTYPES.items():
    _fn = getattr(lib, _name)
    _fn.argtypes = _argtypes
    _fn.restype = _restype


def _check_version() -> None:
    number = lib.snowball_version_number()
    major, minor = number // 10000, number // 100 % 100
    # Before 1.0 every minor version may change the C API; from 1.0 on, only a major one.
    compatible = major == PACKAGE_VERSION[0] and (major > 0 or minor == PACKAGE_VERSION[1])
    if not compatible:
        raise VersionError(
            "the Snowball library at %s is version %s; this package needs %d.%d.x"
            % (LIBRARY_PATH, lib.snowball_version().decode(), PACKAGE_VERSION[0], PACKAGE_VERSION[1])
        )


_check_version()


def c_text(value: Optional[str]) -> Optional[bytes]:
    """A Python string as a C string (UTF-8); None stays NULL."""
    if value is None:
        return None
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def text(ptr: c_void_p) -> str:
    """Copies a string the library returned, then frees it."""
    try:
        return ctypes.string_at(ptr.value).decode("utf-8") if ptr.value else ""
    finally:
        lib.snowball_string_free(ptr)


def call(fn: Callable, *args: Any) -> str:
    """Calls a C function whose first parameter receives a string; returns the string."""
    out = c_void_p()
    try:
        fn(byref(out), *args)
    finally:
        result = text(out)
    return result


def call_json(fn: Callable, *args: Any) -> Any:
    return json.loads(call(fn, *args))


def lookup(key: str, fn: Callable, *args: Any) -> Any:
    """A lookup by a key a person typed: the decoded JSON, or None when nothing matched ``key``
    (the C API says so with SNOWBALL_ENOTFOUND naming the argument; any other error is raised)."""
    try:
        return call_json(fn, *args)
    except NotFound as exc:
        if exc.field == key:
            return None
        raise


def handle_or_raise(handle: Optional[int]) -> int:
    if not handle:
        raise InvalidState("the archive is closed")
    return handle
