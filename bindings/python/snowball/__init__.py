"""Snowball: customer care for real-estate sales offices.

    import snowball
    with snowball.open("office.db") as archive:
        archive.sites.add("XH", "西湖售楼处")
        c = archive.customers.add(site="XH", channel="call", name="张伟", mobile="138 0013 8000")
        print(c.archive_no)
"""

from __future__ import annotations

import datetime as _dt
from typing import Optional, Union

from . import _native
from ._native import LIBRARY_PATH, c_text, call, call_json, lib
from . import calendar
from .archive import Archive, Consultants, Sites
from .calendar import CareCalendarService, CareTask, LunarDate, TaskAction, TaskOccasion
from .contacts import *  # noqa: F401,F403 - the contact log's records and services
from .customers import Customers, Leads
from .deals import Deals
from .outreach import *  # noqa: F401,F403 - news, templates, deliveries
from .merge import DuplicateCandidate, DuplicateReason, MergeRecord
from .maintenance import BackupReport, MaintenanceCheck, MaintenanceService, VerifyReport
from .group import (GroupChecksums, GroupIngestReport, GroupReconcileReport, GroupService, GroupStatus, GroupTableDrift,
                    GroupTableSum, GroupView)
from .events import *  # noqa: F401,F403 - site tours and owner events
from .attribution import *  # noqa: F401,F403 - registrations, judging, the public pool
from .feedback import *  # noqa: F401,F403 - its records and services
from .formats import *  # noqa: F401,F403 - vCard, CSV tables, the archive as JSON lines
from .referrals import *  # noqa: F401,F403
from .privacy import (Actor, AuditEntry, AuditService, AuditVerification, Consent, ConsentsService, LegalHold,
                      PrivacyService, RetentionRule, SweepReport)
from .profiles import (
    Encryption,
    EncryptionStatus,
    Family,
    Profiles,
    Templates,
    Briefing,
    BriefingItem,
    Completeness,
    ConsultantScore,
    Distribution,
    FamilyMember,
    Field,
    FieldOption,
    HistoryEntry,
    Label,
    OptionCount,
    Profile,
    ProfileField,
    ProfileSection,
    Section,
    SectionScore,
    SiteCompleteness,
    Template,
    TemplateVersion,
    default_template,
)
from .errors import (
    Busy,
    Cancelled,
    Conflict,
    InvalidArgument,
    InvalidState,
    ConsentRequired,
    Forbidden,
    NotAnArchive,
    NotFound,
    SnowballError,
    StorageError,
    VersionError,
)
from .records import (
    ArchiveInfo,
    ArchiveNumber,
    Birthday,
    ClosedDeal,
    Consultant,
    Customer,
    Deal,
    DealStep,
    LostCount,
    LostMark,
    SalesSettings,
    ImportProgress,
    ImportReport,
    Page,
    Phone,
    PhoneNumber,
    RejectedRow,
    Site,
    Visit,
)

__version__ = ".".join(str(part) for part in _native.PACKAGE_VERSION)
# The format a site's archive numbers take unless it chooses another (the library's).
DEFAULT_NUMBER_FORMAT = lib.snowball_archive_no_default_format().decode()


def open(path, *, create: Optional[bool] = None, read_only: Optional[bool] = None,
         busy_timeout_ms: Optional[int] = None, synchronous: Optional[str] = None,
         cache_mib: Optional[int] = None, actor: Optional[str] = None,
         encryption_key: Union[bytes, bytearray, str, None] = None) -> Archive:  # noqa: A001
    """Opens (or creates and migrates) the archive file at ``path``. Options left out take the
    library's defaults (see Archive). cache_mib: the most memory SQLite's page cache of this handle
    may hold. actor: who the calls are done as ("consultant:12", ...; default the host system).
    encryption_key: 32 bytes (or 64 hex digits) that seal the sensitive profile values at rest."""
    return Archive(path, create=create, read_only=read_only, busy_timeout_ms=busy_timeout_ms,
                   synchronous=synchronous, cache_mib=cache_mib, actor=actor, encryption_key=encryption_key)


def library_version() -> str:
    """The version of the loaded C library."""
    return lib.snowball_version().decode()


def validate_archive_no(text: str) -> bool:
    """True when ``text`` is a well-formed archive number with the right check character."""
    if not isinstance(text, str):
        raise TypeError("an archive number is a str, not %r" % (text,))
    try:
        lib.snowball_archive_no_validate(c_text(text))
    except InvalidArgument:
        return False
    return True


def parse_archive_no(text: str, format: Optional[str] = None) -> ArchiveNumber:
    """Splits a number by a site's format (the default format when omitted); InvalidArgument says why not."""
    return ArchiveNumber(**call_json(lib.snowball_archive_no_parse, c_text(text), c_text(format)))


def render_archive_no(format: str, site: str, channel: str, year: int, sequence: int) -> str:
    """The number a format gives: a preview for whoever chooses a site's format."""
    return call(lib.snowball_archive_no_render, c_text(format), c_text(site), c_text(channel), year, sequence)


def normalize_phone(phone: str) -> PhoneNumber:
    """The normal form of a phone number (InvalidArgument when it is not one)."""
    return PhoneNumber(**call_json(lib.snowball_phone_normalize, c_text(phone)))


__all__ = [
    "open", "Archive", "Sites", "Consultants", "Customers", "Leads", "DuplicateCandidate", "DuplicateReason", "MergeRecord", "Templates", "Profiles", "Family",
    "calendar", "LunarDate", "CareTask", "TaskOccasion", "TaskAction", "Birthday", "default_template", "Template", "Field", "FieldOption", "Label", "Section",
    "Profile", "ProfileField", "ProfileSection", "HistoryEntry", "Completeness", "SectionScore", "SiteCompleteness",
    "ConsultantScore", "Distribution", "OptionCount", "FamilyMember", "Briefing", "BriefingItem",
    "SnowballError", "InvalidArgument", "NotFound", "Conflict", "Busy", "NotAnArchive", "VersionError",
    "StorageError", "Cancelled", "InvalidState", "ConsentRequired", "Forbidden",
    "Site", "Consultant", "Customer", "Phone", "Visit", "Deal", "DealStep", "SalesSettings", "LostMark", "LostCount", "Deals", "ClosedDeal", "Page", "ArchiveInfo",
    "ImportReport", "ImportProgress", "RejectedRow", "ArchiveNumber", "PhoneNumber",
    "validate_archive_no", "parse_archive_no", "render_archive_no", "normalize_phone",
    "library_version", "LIBRARY_PATH", "DEFAULT_NUMBER_FORMAT", "__version__",
    "AuditEntry", "AuditService", "AuditVerification", "Actor", "Consent", "ConsentsService", "LegalHold",
    "PrivacyService", "RetentionRule", "SweepReport", "Encryption", "EncryptionStatus",
    "BackupReport", "MaintenanceCheck", "MaintenanceService", "VerifyReport",
    "GroupChecksums", "GroupIngestReport", "GroupReconcileReport", "GroupService", "GroupStatus", "GroupTableDrift",
    "GroupTableSum", "GroupView",
]
