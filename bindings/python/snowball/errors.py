"""Exceptions: one class per family of Snowball status codes."""

from __future__ import annotations


class SnowballError(Exception):
    """Any failure reported by the Snowball library.

    Attributes: ``status`` (the C status name, e.g. ``"conflict"``), ``code`` (its negative
    number), ``field`` (the input field at fault, or ``""``) and ``record_id`` (for a conflict,
    the id of the existing record; else 0).
    """

    status = "error"

    def __init__(self, message: str, *, code: int = -1, field: str = "", record_id: int = 0):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.record_id = record_id


class InvalidArgument(SnowballError, ValueError):
    """Bad input: malformed, out of range, an unknown key or value."""

    status = "invalid_argument"


class NotFound(SnowballError, LookupError):
    """The record or file named does not exist."""

    status = "not_found"


class Conflict(SnowballError):
    """The input clashes with an existing record; ``record_id`` names it."""

    status = "conflict"


class Busy(SnowballError):
    """Another process held the archive's write lock beyond the busy timeout."""

    status = "busy"


class NotAnArchive(SnowballError):
    """The file is not a Snowball archive."""

    status = "not_archive"


class VersionError(SnowballError):
    """The archive was written by a newer Snowball, or the library does not match the package."""

    status = "version"


class StorageError(SnowballError):
    """The database or the file system failed: disk full, I/O error, read-only file."""

    status = "storage"


class Cancelled(SnowballError):
    """The operation was cancelled, e.g. from a progress callback."""

    status = "cancelled"


class InvalidState(SnowballError):
    """The operation is not allowed in the record's current state (or the archive is closed)."""

    status = "invalid_state"


class ConsentRequired(SnowballError):
    """The customer has not given the consent this needs (e.g. writing a health field without the
    separate consent for sensitive information); ``field`` names the field or purpose."""

    status = "consent_required"


class Forbidden(SnowballError, PermissionError):
    """The archive's actor may not do this (e.g. a consultant revealing another consultant's customer)."""

    status = "forbidden"


_BY_CODE = {
    -1: SnowballError,
    -2: InvalidArgument,
    -3: NotFound,
    -4: Conflict,
    -5: Busy,
    -6: NotAnArchive,
    -7: VersionError,
    -8: StorageError,
    -9: MemoryError,
    -10: Cancelled,
    -11: InvalidState,
    -12: ConsentRequired,
    -13: Forbidden,
}


def error_for(code: int, message: str, field: str, record_id: int) -> BaseException:
    cls = _BY_CODE.get(code, SnowballError)
    if cls is MemoryError:
        return MemoryError(message)
    return cls(message, code=code, field=field, record_id=record_id)
