"""The archive: opening the file, its sites and consultants, and the services it hands out."""

from __future__ import annotations

import ctypes
import os
from typing import Any, Iterator, List, Optional, Union

from ._native import c_text, call_json, handle_or_raise, lib, lookup
from ._support import UNSET, NativeHandle, Service, dumps, ref, site_code, without_none
from .calendar import CareCalendarService
from .contacts import ContactsService, ReportsService
from .deals import Deals
from .outreach import OutreachService
from .attribution import RegistrationsService
from .customers import Customers, Leads
from .events import EventsService
from .feedback import FeedbackService, SurveysService
from .formats import FormatsService
from .maintenance import MaintenanceService
from .group import GroupService
from .privacy import AuditService, ConsentsService, PrivacyService
from .profiles import Briefing, Encryption, Family, Profiles, Templates, key_text
from .records import ArchiveInfo, Consultant, Customer, Site
from .referrals import ReferralsService

PathLike = Union[str, "os.PathLike[str]"]
ConsultantRef = Union[int, Consultant, None]


class Sites(Service):
    """Sales sites (案场). Each has a code that every archive number carries."""

    def add(self, code: str, name: str, number_format: Optional[str] = None) -> Site:
        doc = without_none(code=code, name=name, number_format=number_format)
        return Site.from_json(call_json(lib.snowball_site_add, self._h, dumps(doc)))

    def get(self, code: str) -> Site:
        return Site.from_json(call_json(lib.snowball_site_get, self._h, c_text(code)))

    def find(self, code: str) -> Optional[Site]:
        """The site with this code, or None."""
        data = lookup("code", lib.snowball_site_get, self._h, c_text(code))
        return None if data is None else Site.from_json(data)

    def list(self) -> List[Site]:
        return [Site.from_json(s) for s in call_json(lib.snowball_site_list, self._h)]

    def __iter__(self) -> Iterator[Site]:
        return iter(self.list())

    def update(self, code: str, *, name: Optional[str] = None, number_format: Optional[str] = None) -> Site:
        doc = without_none(name=name, number_format=number_format)
        return Site.from_json(call_json(lib.snowball_site_update, self._h, c_text(code), dumps(doc)))


UNSET: Any = object()


class Consultants(Service):
    """Sales consultants (置业顾问), each working at one site."""

    def add(self, *, site: Union[str, Site], name: str, phone: Optional[str] = None, role: Optional[str] = None,
            manager: ConsultantRef = None) -> Consultant:
        """role: "consultant" (default) or "manager"; manager: an active manager of the same site."""
        doc = without_none(site=site_code(site), name=name, phone=phone, role=role, manager_id=ref(manager, "consultant"))
        return Consultant.from_json(call_json(lib.snowball_consultant_add, self._h, dumps(doc)))

    def get(self, consultant_id: int) -> Consultant:
        return Consultant.from_json(call_json(lib.snowball_consultant_get, self._h, ref(consultant_id, "consultant_id")))

    def list(self, site: Union[str, Site, None] = None, *, include_inactive: bool = False) -> List[Consultant]:
        data = call_json(lib.snowball_consultant_list, self._h, c_text(site_code(site)), int(include_inactive))
        return [Consultant.from_json(c) for c in data]

    def update(self, consultant: ConsultantRef, *, name: Optional[str] = None, phone: Optional[str] = None,
               active: Optional[bool] = None, role: Optional[str] = None, manager: ConsultantRef = UNSET) -> Consultant:
        """Changes the given fields only; ``manager=None`` removes the manager."""
        doc = without_none(name=name, phone=phone, active=active, role=role)
        if manager is not UNSET:
            doc["manager_id"] = ref(manager, "consultant")
        data = call_json(lib.snowball_consultant_update, self._h, ref(consultant, "consultant"), dumps(doc))
        return Consultant.from_json(data)


class Archive(NativeHandle):
    """An open archive file. Use it as a context manager, or call close()."""

    def __init__(self, path: PathLike, *, create: Optional[bool] = None, read_only: Optional[bool] = None,
                 busy_timeout_ms: Optional[int] = None, synchronous: Optional[str] = None,
                 cache_mib: Optional[int] = None, actor: Optional[str] = None,
                 encryption_key: Union[bytes, bytearray, str, None] = None, _handle: Optional[int] = None):
        """Options left out take the library's defaults: create the file when missing, read and
        write, wait up to 10 s for another process's write lock, synchronous "full", a 64 MiB page
        cache, acting as the host system (docs/C_API.md, "Opening options"). ``actor``: who every
        call is done as — "host", "admin:<site>", "manager:<id>" or "consultant:<id>".
        ``encryption_key``: 32 bytes (or 64 hex digits) that seal the sensitive profile values at
        rest; the host keeps it, the archive never stores it (``archive.encryption``)."""
        self._handle: Optional[int] = None
        if _handle is None:
            options = without_none(create=create, read_only=read_only, busy_timeout_ms=busy_timeout_ms,
                                   synchronous=synchronous, cache_mib=cache_mib, actor=actor,
                                   encryption_key=None if encryption_key is None else key_text(encryption_key))
            handle = ctypes.c_void_p()
            lib.snowball_archive_open(ctypes.byref(handle), c_text(os.fspath(path)), dumps(options))
            _handle = handle.value
        self._handle = _handle
        self.path = os.fspath(path)
        self.sites = Sites(self)
        self.consultants = Consultants(self)
        self.customers = Customers(self)
        self.deals = Deals(self)
        self.leads = Leads(self)
        self.templates = Templates(self)
        self.profiles = Profiles(self)
        self.encryption = Encryption(self)
        self.family = Family(self)
        self.calendar = CareCalendarService(self)
        self.feedback = FeedbackService(self)
        self.surveys = SurveysService(self)
        self.referrals = ReferralsService(self)
        self.contacts = ContactsService(self)
        self.reports = ReportsService(self)
        self.outreach = OutreachService(self)
        self.events = EventsService(self)
        self.registrations = RegistrationsService(self)
        self.formats = FormatsService(self)
        self.audit = AuditService(self)
        self.consents = ConsentsService(self)
        self.privacy = PrivacyService(self)
        self.maintenance = MaintenanceService(self)
        self.group = GroupService(self)

    def as_actor(self, actor: str) -> "Archive":
        """Another handle on the same file acting as ``actor`` ("consultant:12", "manager:3",
        "admin:XH", "host"): what that person may see and do, recorded as theirs. Close it too."""
        handle = ctypes.c_void_p()
        lib.snowball_archive_as(ctypes.byref(handle), handle_or_raise(self._handle), c_text(actor))
        return Archive(self.path, _handle=handle.value)

    @property
    def actor(self) -> str:
        """Who this handle acts as: "host", "admin:XH", "manager:3" or "consultant:12"."""
        return call_json(lib.snowball_archive_actor, handle_or_raise(self._handle))["text"]

    def briefing(self, phone: Optional[str] = None, *, site: Union[str, Site, None] = None,
                 customer: Union[int, Customer, None] = None, language: Optional[str] = None) -> Optional[Briefing]:
        """What a consultant must know when a customer phones or walks in: customer, salutation,
        consultant, family, profile (preferences), recent_visits, visit_count, deals, completeness,
        ask_next, open_tickets (complaints still open), upcoming (the occasions of the next 30
        days, each with what the care policy says to do), recent_contacts (the latest entries of the
        contact log) and follow_up (the next contact due). By phone: None when the phone is not on
        file."""
        h = handle_or_raise(self._handle)
        if (phone is None) == (customer is None):
            raise TypeError("give phone= or customer=")
        if customer is not None:
            return Briefing.from_json(call_json(lib.snowball_briefing_get, h, ref(customer, "customer"), c_text(language)))
        data = lookup("phone", lib.snowball_briefing_by_phone, h, c_text(phone), c_text(site_code(site)), c_text(language))
        return None if data is None else Briefing.from_json(data)

    def info(self) -> ArchiveInfo:
        return ArchiveInfo.from_json(call_json(lib.snowball_archive_info, handle_or_raise(self._handle)))

    def _free(self, handle: int) -> None:
        lib.snowball_archive_free(handle)

    def __repr__(self) -> str:
        return "<snowball.Archive %r%s>" % (self.path, " closed" if self.closed else "")
