"""The referral graph (老带新): old customers bring new ones.

    r = archive.referrals
    r.add(zhang.id, li.id, method="chain", materials={"brochure": 3})
    r.tree(zhang.id)                       # [[li.id, ...], [grandchildren...], ...]
    r.pagerank()                           # {customer_id: rank}
    r.key_persons(limit=10, by="pagerank") # [(customer_id, score), ...]
    r.repeat_visitors(site="XH", min_visits=3, since=date(2026, 9, 1))
    r.cooperation_pairs(site="XH", limit=20)

Every metric is defined in docs/DATA_MODEL.md ("The referral graph").
"""

from __future__ import annotations

import datetime as _dt
import json
from ctypes import c_int, c_int64
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Tuple, Union

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, handle_or_raise, lib
from .records import Customer, Deal, Page, Site, _Record, iso, to_date, to_datetime

__all__ = [
    "ReferralsService", "Referral", "CustomerReferrals", "TreeMember", "ReferralTree", "MonthMetrics", "KeyPerson",
    "KeyPersonDetail", "KeyPersonRanking", "Circle", "Influence", "IntentSignal", "RepeatVisitor", "CooperationParty",
    "CooperationPair", "AffinityRule", "RewardRule", "ReferralSettings", "RewardReason", "RewardCheck", "RewardEntry",
    "RewardTotal", "Industry", "IndustryMatch", "industries", "classify_industry", "REFERRAL_METHODS", "MATERIAL_KINDS",
]

REFERRAL_METHODS = ("chain", "key_person", "cooperation", "event_guest", "observation")
MATERIAL_KINDS = ("brochure", "business_card", "letter", "invitation")

declare({
    "snowball_referral_add": [OUT, HANDLE, TEXT],
    "snowball_referral_add_many": [OUT, HANDLE, TEXT],
    "snowball_referral_get": [OUT, HANDLE, c_int64],
    "snowball_referral_list": [OUT, HANDLE, TEXT],
    "snowball_referral_of_customer": [OUT, HANDLE, c_int64],
    "snowball_referral_remove": [HANDLE, c_int64],
    "snowball_referral_tree": [OUT, HANDLE, c_int64, c_int],
    "snowball_referral_metrics": [OUT, HANDLE, TEXT],
    "snowball_referral_pagerank": [OUT, HANDLE, TEXT],
    "snowball_referral_key_persons": [OUT, HANDLE, TEXT],
    "snowball_referral_circles": [OUT, HANDLE, TEXT, c_int],
    "snowball_referral_influence": [OUT, HANDLE, TEXT],
    "snowball_referral_repeat_visitors": [OUT, HANDLE, TEXT],
    "snowball_referral_cooperation_pairs": [OUT, HANDLE, TEXT, c_int],
    "snowball_referral_industries": [OUT],
    "snowball_referral_classify_industry": [OUT, TEXT, TEXT],
    "snowball_referral_settings": [OUT, HANDLE, TEXT],
    "snowball_referral_set_affinities": [OUT, HANDLE, TEXT, TEXT],
    "snowball_referral_set_reward_rule": [OUT, HANDLE, TEXT, TEXT],
    "snowball_reward_check": [OUT, HANDLE, c_int64],
    "snowball_reward_grant": [OUT, HANDLE, c_int64, c_int64, TEXT],
    "snowball_reward_settle": [OUT, HANDLE, TEXT, c_int64],
    "snowball_reward_revoke": [OUT, HANDLE, c_int64, TEXT, c_int64],
    "snowball_reward_get": [OUT, HANDLE, c_int64],
    "snowball_reward_ledger": [OUT, HANDLE, TEXT],
    "snowball_reward_totals": [OUT, HANDLE, TEXT],
})


def _dumps(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _id(value: Any, what: str) -> int:
    """An id given as an int or as a record with .id (a Customer, a Referral, a Deal, ...)."""
    if hasattr(value, "id") and not isinstance(value, int):
        value = value.id
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an integer id (or a record with one), not %r" % (what, value))
    return value


def _optional_id(value: Any, what: str) -> Optional[int]:
    return None if value is None else _id(value, what)


def _site(site: Union[str, Site, None]) -> Optional[str]:
    return site.code if isinstance(site, Site) else site


def _by(by: Any) -> int:
    return 0 if by is None else _id(by, "by")


def _materials(materials: Any) -> Optional[Dict[str, int]]:
    """{"brochure": 3}, or (kind, count) pairs."""
    if materials is None:
        return None
    if isinstance(materials, Mapping):
        return dict(materials)
    return {kind: count for kind, count in materials}


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Referral(_Record):
    id: int
    site: str
    referrer_id: int
    referrer_name: str
    referrer_archive_no: str
    referee_id: int
    referee_name: str
    referee_archive_no: str
    method: str
    date: _dt.date
    credited: bool              # False: a secondary claim (someone else registered first)
    materials: Dict[str, int]
    consultant_id: Optional[int]
    note: str
    recorded_at: Optional[_dt.datetime]
    _dates = ("date",)
    _times = ("recorded_at",)


@dataclass(frozen=True)
class CustomerReferrals:
    customer_id: int
    referred_by: Optional[Referral]
    other_claims: List[Referral]
    referred: List[Referral]


@dataclass(frozen=True)
class TreeMember(_Record):
    customer_id: int
    referrer_id: int
    generation: int
    name: str
    archive_no: str
    site: str
    stage: str
    deals: int


class ReferralTree(list):
    """A customer's descendants by generation: a list of generations, each a list of customer ids
    (``tree[0]`` are the customers the root referred). Also ``.root``, ``.members`` (generation lists
    of TreeMember), ``.deals`` (the closed deals among the descendants, by date) and ``.descendants``."""

    def __init__(self, root: int, members: List[List[TreeMember]], deals: List[Deal]):
        super().__init__([[m.customer_id for m in generation] for generation in members])
        self.root = root
        self.members = members
        self.deals = deals

    @property
    def descendants(self) -> int:
        return sum(len(g) for g in self)

    def __repr__(self) -> str:
        return "ReferralTree(root=%d, %s, deals=%d)" % (self.root, list.__repr__(self), len(self.deals))


@dataclass(frozen=True)
class MonthMetrics:
    """Snowball metrics of one site and month (docs/DATA_MODEL.md)."""

    month: str                    # "2026-03"
    new_customers: int
    deals: int
    referred_deals: int
    referral_share: Optional[float]
    referrals: int
    secondary_claims: int
    referrers: int
    mean_chain_depth: Optional[float]
    growth_factor: Optional[float]
    materials: Dict[str, int]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "MonthMetrics":
        return cls(**data)


class KeyPerson(NamedTuple):
    customer_id: int
    score: float


@dataclass(frozen=True)
class KeyPersonDetail(_Record):
    customer_id: int
    score: float
    name: str
    archive_no: str
    site: str
    referees: int
    descendants: int
    descendant_deals: int


class KeyPersonRanking(list):
    """A ranking: a list of (customer_id, score) pairs, best first. ``.by`` the measure, ``.exact``
    False when betweenness was estimated from sampled sources (``.sources`` of ``.nodes``), and
    ``.people`` the same persons with their names, referees, descendants and deals."""

    def __init__(self, data: Mapping[str, Any]):
        self.people = [KeyPersonDetail.from_json(p) for p in data["people"]]
        super().__init__(KeyPerson(p.customer_id, p.score) for p in self.people)
        self.by = data["by"]
        self.exact = data["exact"]
        self.nodes = data["nodes"]
        self.sources = data["sources"]


@dataclass(frozen=True)
class Circle(_Record):
    id: int                       # its smallest customer id
    members: List[int]
    referrals: int
    owners: int
    deals: int
    hub: int                      # the member with the most descendants


@dataclass(frozen=True)
class Influence(_Record):
    customer_id: int
    referrer_id: Optional[int]
    generation: int
    referees: int
    descendants: int
    deals: int
    descendant_deals: int
    weighted_deals: float
    circle: int


@dataclass(frozen=True)
class IntentSignal(_Record):
    score: float
    frequency: float
    recency: float
    acceleration: float
    gap_trend: Optional[float]


@dataclass(frozen=True)
class RepeatVisitor:
    customer_id: int
    name: str
    archive_no: str
    mobile: str
    consultant_id: Optional[int]
    tier: str
    stage: str
    visit_days: List[_dt.date]
    last_visit: _dt.date
    days_since_last: int
    signal: IntentSignal

    @property
    def score(self) -> float:
        return self.signal.score

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "RepeatVisitor":
        return cls(d["customer_id"], d["name"], d["archive_no"], d["mobile"], d["consultant_id"], d["tier"], d["stage"],
                   [to_date(x) for x in d["visit_days"]], to_date(d["last_visit"]), d["days_since_last"],
                   IntentSignal.from_json(d["signal"]))


@dataclass(frozen=True)
class CooperationParty(_Record):
    customer_id: int
    name: str
    archive_no: str
    industry: str
    company: str
    position: str
    matched_by: str               # "industry" (the site's field), "company" or "position"
    owner: bool
    tier: str


@dataclass(frozen=True)
class CooperationPair:
    a: CooperationParty
    b: CooperationParty
    score: float
    weight: float
    reason: str
    explanation: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "CooperationPair":
        return cls(CooperationParty.from_json(d["a"]), CooperationParty.from_json(d["b"]), d["score"], d["weight"],
                   d["reason"], d["explanation"])


@dataclass(frozen=True)
class AffinityRule(_Record):
    a: str
    b: str
    weight: float
    reason: str


@dataclass(frozen=True)
class RewardRule(_Record):
    enabled: bool
    kind: str                     # points, property_fee (months), cash (yuan)
    amount: float
    methods: List[str]
    first_deal_only: bool
    within_days: int
    note: str


@dataclass(frozen=True)
class ReferralSettings:
    site: str
    affinities: List[AffinityRule]
    default_affinities: bool
    reward: RewardRule

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "ReferralSettings":
        return cls(d["site"], [AffinityRule.from_json(r) for r in d["affinities"]], d["default_affinities"],
                   RewardRule.from_json(d["reward"]))


@dataclass(frozen=True)
class RewardReason(_Record):
    code: str
    message: str


@dataclass(frozen=True)
class RewardCheck:
    deal_id: int
    eligible: bool
    reasons: List[RewardReason]
    referee_id: int
    referral_id: Optional[int]
    referrer_id: Optional[int]
    kind: str
    amount: float
    entry_id: Optional[int]

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "RewardCheck":
        values = dict(d)
        values["reasons"] = [RewardReason.from_json(r) for r in d["reasons"]]
        return cls(**values)


@dataclass(frozen=True)
class RewardEntry(_Record):
    id: int
    site: str
    deal_id: Optional[int]
    unit: str
    deal_date: _dt.date
    deal_cancelled: bool          # the deal was cancelled after the reward: revoke it?
    referral_id: int
    referrer_id: int
    referrer_name: str
    referee_id: int
    referee_name: str
    kind: str
    amount: float
    status: str                   # granted, revoked
    granted_at: Optional[_dt.datetime]
    granted_by: Optional[int]
    note: str
    revoked_at: Optional[_dt.datetime]
    revoked_by: Optional[int]
    revoke_reason: str
    _dates = ("deal_date",)
    _times = ("granted_at", "revoked_at")


@dataclass(frozen=True)
class RewardTotal(_Record):
    referrer_id: int
    name: str
    archive_no: str
    entries: int
    points: float
    property_fee_months: float
    cash: float


@dataclass(frozen=True)
class Industry(_Record):
    key: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class IndustryMatch(_Record):
    industry: str
    keyword: str
    source: str                   # "company" or "position"


def industries() -> List[Industry]:
    """The built-in industries of the keyword table."""
    return [Industry.from_json(i) for i in call_json(lib.snowball_referral_industries)]


def classify_industry(company: Optional[str] = None, position: Optional[str] = None) -> Optional[IndustryMatch]:
    """The industry the keyword table reads in a company name and a position, or None."""
    found = call_json(lib.snowball_referral_classify_industry, c_text(company), c_text(position))
    return None if found is None else IndustryMatch.from_json(found)


# ---------------------------------------------------------------------------------------------
# The service


class ReferralsService:
    """archive.referrals: referrals, the graph's analytics, personal observation, cross cooperation
    and the reward ledger."""

    def __init__(self, archive):
        self._archive = archive  # keeps the archive (and its handle) alive

    @property
    def _h(self) -> int:
        return handle_or_raise(self._archive._handle)

    # Referrals -------------------------------------------------------------------------------

    @staticmethod
    def _new(referrer_id: Any, referee_id: Any, method: str = "chain", date: Optional[_dt.date] = None,
             materials: Any = None, consultant: Any = None, note: Optional[str] = None) -> Dict[str, Any]:
        doc: Dict[str, Any] = {"referrer_id": _id(referrer_id, "referrer_id"), "referee_id": _id(referee_id, "referee_id"),
                               "method": method}
        if date is not None:
            doc["date"] = iso(date)
        if materials is not None:
            doc["materials"] = _materials(materials)
        if consultant is not None:
            doc["consultant_id"] = _id(consultant, "consultant")
        if note is not None:
            doc["note"] = note
        return doc

    def add(self, referrer_id: Union[int, Customer], referee_id: Union[int, Customer], *, method: str = "chain",
            date: Optional[_dt.date] = None, materials: Any = None, consultant: Any = None,
            note: Optional[str] = None) -> Referral:
        """Registers that ``referrer_id`` introduced ``referee_id``. ``method``: chain, key_person,
        cooperation, event_guest, observation. ``materials``: {"brochure": 3, "business_card": 1,
        "letter": 1, "invitation": 1}. The first claim on a referee is credited, later ones secondary.
        InvalidArgument for a self-referral, a cycle or a referee who is not new; Conflict for a pair
        registered already."""
        doc = self._new(referrer_id, referee_id, method, date, materials, consultant, note)
        return Referral.from_json(call_json(lib.snowball_referral_add, self._h, _dumps(doc)))

    def add_many(self, referrals: Iterable[Mapping[str, Any]]) -> List[Referral]:
        """Many referrals (dicts of add()'s arguments) in one transaction: all or none."""
        docs = [self._new(**dict(r)) for r in referrals]
        return [Referral.from_json(r) for r in call_json(lib.snowball_referral_add_many, self._h, _dumps(docs))]

    def get(self, referral_id: int) -> Referral:
        return Referral.from_json(call_json(lib.snowball_referral_get, self._h, _id(referral_id, "referral_id")))

    def list(self, *, site: Union[str, Site, None] = None, referrer: Any = None, referee: Any = None,
             method: Optional[str] = None, start: Optional[_dt.date] = None, end: Optional[_dt.date] = None,
             credited_only: bool = False, limit: int = 50, offset: int = 0) -> Page[Referral]:
        doc = {k: v for k, v in dict(site=_site(site), referrer_id=_optional_id(referrer, "referrer"),
                                     referee_id=_optional_id(referee, "referee"), method=method, to=iso(end),
                                     credited_only=credited_only, limit=limit, offset=offset).items() if v is not None}
        if start is not None:
            doc["from"] = iso(start)
        data = call_json(lib.snowball_referral_list, self._h, _dumps(doc))
        return Page([Referral.from_json(r) for r in data["items"]], data["total"])

    def of(self, customer: Union[int, Customer]) -> CustomerReferrals:
        """Who introduced the customer (credited and other claims), and whom they introduced."""
        d = call_json(lib.snowball_referral_of_customer, self._h, _id(customer, "customer"))
        return CustomerReferrals(d["customer_id"], Referral.from_json(d["referred_by"]) if d["referred_by"] else None,
                                 [Referral.from_json(r) for r in d["other_claims"]],
                                 [Referral.from_json(r) for r in d["referred"]])

    def remove(self, referral: Union[int, Referral]) -> None:
        """Withdraws a claim registered in error (the referee's next claim becomes credited)."""
        lib.snowball_referral_remove(self._h, _id(referral, "referral"))

    # Analytics --------------------------------------------------------------------------------

    def tree(self, customer_id: Union[int, Customer], max_generations: int = 0) -> ReferralTree:
        """The customer's descendants by generation (credited referrals): a list of lists of ids."""
        d = call_json(lib.snowball_referral_tree, self._h, _id(customer_id, "customer_id"), max_generations)
        members = [[TreeMember.from_json(m) for m in g] for g in d["generations"]]
        return ReferralTree(d["root"], members, [Deal.from_json(x) for x in d["deals"]])

    def metrics(self, site: Union[str, Site], start: _dt.date, end: _dt.date) -> List[MonthMetrics]:
        """Snowball metrics of each month from start's to end's."""
        doc = {"site": _site(site), "from": iso(start), "to": iso(end)}
        return [MonthMetrics.from_json(m) for m in call_json(lib.snowball_referral_metrics, self._h, _dumps(doc))]

    def pagerank(self, site: Union[str, Site, None] = None) -> Dict[int, float]:
        """PageRank on the referee → referrer graph (damping 0.85, dangling rank spread over all
        nodes, L1 change below 1e-12): customer id → rank."""
        return {int(i): r for i, r in call_json(lib.snowball_referral_pagerank, self._h, c_text(_site(site)))}

    def key_persons(self, site: Union[str, Site, None] = None, limit: int = 10, by: str = "descendant_deals", *,
                    decay: Optional[float] = None) -> KeyPersonRanking:
        """The key persons (核心人物), best first, as (customer_id, score) pairs. ``by``:
        "descendant_deals" (deals of the descendants, generation g weighing decay^(g-1), decay 0.5),
        "pagerank" or "betweenness" (estimated on large graphs: ``.exact`` is then False)."""
        doc: Dict[str, Any] = {"by": by, "limit": limit}
        if site is not None:
            doc["site"] = _site(site)
        if decay is not None:
            doc["decay"] = decay
        return KeyPersonRanking(call_json(lib.snowball_referral_key_persons, self._h, _dumps(doc)))

    def circles(self, site: Union[str, Site, None] = None, min_size: int = 2) -> List[Circle]:
        """Social circles (connected components of every claim), largest first."""
        return [Circle.from_json(c) for c in call_json(lib.snowball_referral_circles, self._h, c_text(_site(site)), min_size)]

    def influence(self, site: Union[str, Site, None] = None) -> List[Influence]:
        """Every customer of the graph with referrer, generation, descendants, deals and circle."""
        return [Influence.from_json(i) for i in call_json(lib.snowball_referral_influence, self._h, c_text(_site(site)))]

    # Personal observation and cross cooperation ------------------------------------------------

    def repeat_visitors(self, site: Union[str, Site], min_visits: int = 2, since: Optional[_dt.date] = None, *,
                        until: Optional[_dt.date] = None, consultant: Any = None, limit: int = 50) -> List[RepeatVisitor]:
        """Customers without a deal who visited on at least ``min_visits`` days since ``since``,
        ranked by the intent signal (visit count, recency, shortening gaps)."""
        if since is None:
            raise TypeError("repeat_visitors() needs since=, the first day of the window")
        doc: Dict[str, Any] = {"site": _site(site), "min_visits": min_visits, "since": iso(since), "limit": limit}
        if until is not None:
            doc["until"] = iso(until)
        if consultant is not None:
            doc["consultant_id"] = _id(consultant, "consultant")
        return [RepeatVisitor.from_json(v) for v in call_json(lib.snowball_referral_repeat_visitors, self._h, _dumps(doc))]

    def cooperation_pairs(self, site: Union[str, Site], limit: int = 20) -> List[CooperationPair]:
        """Pairs of customers whose businesses complement each other, not yet in one circle, each
        with its reason."""
        return [CooperationPair.from_json(p)
                for p in call_json(lib.snowball_referral_cooperation_pairs, self._h, c_text(_site(site)), limit)]

    # Settings ---------------------------------------------------------------------------------

    def settings(self, site: Union[str, Site]) -> ReferralSettings:
        return ReferralSettings.from_json(call_json(lib.snowball_referral_settings, self._h, c_text(_site(site))))

    def set_affinities(self, site: Union[str, Site], rules: Optional[Iterable[Any]]) -> ReferralSettings:
        """The site's affinity table: AffinityRule values, dicts or (a, b, weight, reason) tuples;
        None restores the defaults."""
        if rules is None:
            doc: Any = None
        else:
            doc = []
            for r in rules:
                if isinstance(r, AffinityRule):
                    doc.append({"a": r.a, "b": r.b, "weight": r.weight, "reason": r.reason})
                elif isinstance(r, Mapping):
                    doc.append(dict(r))
                else:
                    a, b, weight, reason = r
                    doc.append({"a": a, "b": b, "weight": weight, "reason": reason})
        return ReferralSettings.from_json(call_json(lib.snowball_referral_set_affinities, self._h, c_text(_site(site)),
                                                    _dumps(doc)))

    def set_reward_rule(self, site: Union[str, Site], *, kind: str = "points", amount: float = 0, enabled: bool = True,
                        methods: Optional[Iterable[str]] = None, first_deal_only: bool = True, within_days: int = 0,
                        note: str = "") -> ReferralSettings:
        """The site's reward rule (老带新奖励): on a referee's deal the credited referrer earns
        ``amount`` of ``kind`` (points, property_fee in months, cash in yuan)."""
        doc = {"enabled": enabled, "kind": kind, "amount": amount, "methods": list(methods or []),
               "first_deal_only": first_deal_only, "within_days": within_days, "note": note}
        return ReferralSettings.from_json(call_json(lib.snowball_referral_set_reward_rule, self._h, c_text(_site(site)),
                                                    _dumps(doc)))

    # Rewards ----------------------------------------------------------------------------------

    def check_reward(self, deal: Union[int, Deal]) -> RewardCheck:
        return RewardCheck.from_json(call_json(lib.snowball_reward_check, self._h, _id(deal, "deal")))

    def grant_reward(self, deal: Union[int, Deal], *, by: Any = None, note: Optional[str] = None) -> RewardEntry:
        """Conflict when the deal was rewarded already; InvalidState (with the reason) when it is not eligible."""
        return RewardEntry.from_json(call_json(lib.snowball_reward_grant, self._h, _id(deal, "deal"), _by(by), c_text(note)))

    def settle_rewards(self, site: Union[str, Site], *, by: Any = None) -> List[RewardEntry]:
        """Grants every eligible deal of the site not yet rewarded."""
        return [RewardEntry.from_json(e) for e in call_json(lib.snowball_reward_settle, self._h, c_text(_site(site)), _by(by))]

    def revoke_reward(self, entry: Union[int, RewardEntry], reason: str, *, by: Any = None) -> RewardEntry:
        return RewardEntry.from_json(call_json(lib.snowball_reward_revoke, self._h, _id(entry, "entry"), c_text(reason), _by(by)))

    def reward(self, entry_id: int) -> RewardEntry:
        return RewardEntry.from_json(call_json(lib.snowball_reward_get, self._h, _id(entry_id, "entry_id")))

    def ledger(self, *, site: Union[str, Site, None] = None, referrer: Any = None, include_revoked: bool = True,
               limit: int = 50, offset: int = 0) -> Page[RewardEntry]:
        doc = {k: v for k, v in dict(site=_site(site), referrer_id=_optional_id(referrer, "referrer"),
                                     include_revoked=include_revoked, limit=limit, offset=offset).items() if v is not None}
        data = call_json(lib.snowball_reward_ledger, self._h, _dumps(doc))
        return Page([RewardEntry.from_json(e) for e in data["items"]], data["total"])

    def reward_totals(self, site: Union[str, Site]) -> List[RewardTotal]:
        """Granted rewards per referrer, most entries first."""
        return [RewardTotal.from_json(t) for t in call_json(lib.snowball_reward_totals, self._h, c_text(_site(site)))]
