"""The referral graph (老带新): old customers bring new ones.

    r = archive.referrals
    r.add(zhang.id, li.id, method="chain", materials={"brochure": 3})
    r.tree(zhang.id)                       # [[li.id, ...], [grandchildren...], ...]
    r.pagerank()                           # {customer_id: rank}
    r.key_persons(limit=10, by="pagerank") # [(customer_id, score), ...]
    r.repeat_visitors(site="XH", min_visits=3, since=date(2026, 9, 1))
    r.cooperation_pairs(site="XH", limit=20)

Every metric is defined in docs/DATA_MODEL.md ("The referral graph"). Arguments left out (None) take
the library's defaults.
"""

from __future__ import annotations

import datetime as _dt
from ctypes import c_int, c_int64
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Union

from ._native import HANDLE, OUT, TEXT, c_text, call_json, declare, lib, lookup
from ._support import Record, Service, actor, dumps, iso, ref, site_code, without_none
from .records import Customer, Deal, Page, Site

__all__ = [
    "ReferralsService", "Referral", "CustomerReferrals", "TreeMember", "ReferralTree", "MonthMetrics", "KeyPerson",
    "KeyPersonDetail", "KeyPersonRanking", "Circle", "Influence", "IntentSignal", "RepeatVisitor", "CooperationParty",
    "CooperationPair", "AffinityRule", "RewardRule", "ReferralSettings", "RewardReason", "RewardCheck", "RewardEntry",
    "RewardTotal", "Industry", "IndustryMatch", "ReferralKeys", "Approach", "CandidateReason", "KeyPersonCandidate",
    "Introduction", "Handout", "industries", "classify_industry", "referral_keys",
    "REFERRAL_METHODS", "MATERIAL_KINDS",
]

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
    "snowball_referral_keys": [OUT],
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
    "snowball_referral_key_person_candidates": [OUT, HANDLE, TEXT],
    "snowball_referral_approach": [OUT, HANDLE, TEXT],
    "snowball_referral_approaches": [OUT, HANDLE, c_int64],
    "snowball_referral_introduce": [OUT, HANDLE, TEXT],
    "snowball_referral_introduction_outcome": [OUT, HANDLE, c_int64, TEXT],
    "snowball_referral_introduction_get": [OUT, HANDLE, c_int64],
    "snowball_referral_introductions": [OUT, HANDLE, TEXT],
    "snowball_referral_hand_out": [OUT, HANDLE, TEXT],
    "snowball_referral_handout_get": [OUT, HANDLE, c_int64],
    "snowball_referral_handouts": [OUT, HANDLE, TEXT],
})

SiteRef = Union[str, Site, None]


def _materials(materials: Any) -> Optional[Dict[str, int]]:
    """{"brochure": 3}, or (kind, count) pairs."""
    if materials is None:
        return None
    return dict(materials) if isinstance(materials, Mapping) else {kind: count for kind, count in materials}


def _party(value: Any, name: str) -> Any:
    """A customer id, a Customer, or a party of a proposed cooperation pair."""
    return value.customer_id if isinstance(value, CooperationParty) else ref(value, name)


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Referral(Record):
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
    recorded_at: _dt.datetime


@dataclass(frozen=True)
class CustomerReferrals(Record):
    customer_id: int
    referred_by: Optional[Referral]
    other_claims: List[Referral]
    referred: List[Referral]


@dataclass(frozen=True)
class TreeMember(Record):
    customer_id: int
    referrer_id: int
    generation: int
    name: str
    archive_no: str
    site: str
    stage: str
    deals: int


@dataclass(frozen=True)
class ReferralTree(Record):
    """A customer's descendants by generation. As a sequence it is the generations' customer ids
    (``tree[0]`` are the customers the root referred); ``.generations`` (also ``.members``) holds
    them as TreeMember records, ``.deals`` the closed deals among the descendants, by date."""

    root: int
    descendants: int
    generations: List[List[TreeMember]]
    deals: List[Deal]

    @property
    def members(self) -> List[List[TreeMember]]:
        return self.generations

    def _ids(self) -> List[List[int]]:
        return [[m.customer_id for m in generation] for generation in self.generations]

    def __iter__(self) -> Iterator[List[int]]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self.generations)

    def __getitem__(self, index: Any) -> Any:
        return self._ids()[index]

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, list):
            return self._ids() == other
        if isinstance(other, ReferralTree):
            return self.to_json() == other.to_json()
        return NotImplemented

    def __repr__(self) -> str:
        return "ReferralTree(root=%d, %r, deals=%d)" % (self.root, self._ids(), len(self.deals))


@dataclass(frozen=True)
class MonthMetrics(Record):
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


class KeyPerson(NamedTuple):
    customer_id: int
    score: float


@dataclass(frozen=True)
class KeyPersonDetail(Record, codec_name="KeyPerson"):
    customer_id: int
    score: float
    name: str
    archive_no: str
    site: str
    referees: int
    descendants: int
    descendant_deals: int


@dataclass(frozen=True)
class KeyPersonRanking(Record):
    """A ranking. As a sequence it is (customer_id, score) pairs, best first; ``.by`` the measure,
    ``.exact`` False when betweenness was estimated from sampled sources (``.sources`` of ``.nodes``),
    and ``.people`` the same persons with their names, referees, descendants and deals."""

    by: str
    exact: bool
    nodes: int
    sources: int
    people: List[KeyPersonDetail]

    def _pairs(self) -> List[KeyPerson]:
        return [KeyPerson(p.customer_id, p.score) for p in self.people]

    def __iter__(self) -> Iterator[KeyPerson]:
        return iter(self._pairs())

    def __len__(self) -> int:
        return len(self.people)

    def __getitem__(self, index: Any) -> Any:
        return self._pairs()[index]


@dataclass(frozen=True)
class Circle(Record):
    id: int                       # its smallest customer id
    members: List[int]
    referrals: int
    owners: int
    deals: int
    hub: int                      # the member with the most descendants


@dataclass(frozen=True)
class Influence(Record):
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
class IntentSignal(Record):
    score: float
    frequency: float
    recency: float
    acceleration: float
    gap_trend: Optional[float]


@dataclass(frozen=True)
class RepeatVisitor(Record):
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
    construction_site_days: int = 0

    @property
    def score(self) -> float:
        return self.signal.score


@dataclass(frozen=True)
class CooperationParty(Record):
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
class CooperationPair(Record):
    a: CooperationParty
    b: CooperationParty
    score: float
    weight: float
    reason: str
    explanation: str
    worked: int                   # the site's introductions of this industry pair that worked
    no_result: int                # ... and that came to nothing
    learned: float                # the factor they put on the rule's weight (1: nothing learned)


@dataclass(frozen=True)
class AffinityRule(Record):
    a: str
    b: str
    weight: float
    reason: str


@dataclass(frozen=True)
class RewardRule(Record):
    enabled: bool
    kind: str                     # points, property_fee (months), cash (yuan)
    amount: float
    methods: List[str]
    first_deal_only: bool
    within_days: int
    note: str


@dataclass(frozen=True)
class ReferralSettings(Record):
    site: str
    affinities: List[AffinityRule]
    default_affinities: bool
    reward: RewardRule


@dataclass(frozen=True)
class RewardReason(Record):
    code: str
    message: str


@dataclass(frozen=True)
class RewardCheck(Record):
    deal_id: int
    eligible: bool
    reasons: List[RewardReason]
    referee_id: int
    referral_id: Optional[int]
    referrer_id: Optional[int]
    kind: str
    amount: float
    entry_id: Optional[int]


@dataclass(frozen=True)
class RewardEntry(Record):
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
    granted_at: _dt.datetime
    granted_by: Optional[int]
    note: str
    revoked_at: Optional[_dt.datetime]
    revoked_by: Optional[int]
    revoke_reason: str


@dataclass(frozen=True)
class RewardTotal(Record):
    referrer_id: int
    name: str
    archive_no: str
    entries: int
    points: float
    property_fee_months: float
    cash: float


@dataclass(frozen=True)
class Industry(Record):
    key: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class IndustryMatch(Record):
    industry: str
    keyword: str
    source: str                   # "company" or "position"


@dataclass(frozen=True)
class ReferralKeys(Record):
    """The keys of the referral module's enums, as the library defines them."""

    methods: List[str]
    materials: List[str]
    measures: List[str]
    reward_kinds: List[str]
    approach_channels: List[str]
    approach_outcomes: List[str]
    introduction_outcomes: List[str]


@dataclass(frozen=True)
class Approach(Record):
    """An approach to a (would-be) key person: also an entry of the contact log (``contact_id``)."""

    id: int
    customer_id: int
    site: str
    date: _dt.date
    consultant_id: Optional[int]
    channel: str                  # phone, sms, wechat, letter, email, visit_office, home_visit, event
    outcome: str                  # no_answer, reached, interested, agreed, declined
    note: str
    contact_id: Optional[int]
    recorded_at: _dt.datetime


@dataclass(frozen=True)
class CandidateReason(Record):
    code: str                     # social_organisations, leads_organisation, sociability, position,
    points: float                 # admired_by, circle, family, standing (its points: the factor)
    message: str


@dataclass(frozen=True)
class KeyPersonCandidate(Record):
    """A customer who referred no one yet but looks like a core figure (核心人物), with the reasons
    for the score and the approaches made so far."""

    customer_id: int
    name: str
    archive_no: str
    stage: str
    tier: str
    consultant_id: Optional[int]
    score: float
    reasons: List[CandidateReason]
    admired_by: int               # customers of the site naming them their most admired person (field 38)
    circle_size: int
    family_members: int
    approaches: List[Approach]


@dataclass(frozen=True)
class Introduction(Record):
    """Two customers introduced to each other (交叉合作); ``a`` is the smaller id."""

    id: int
    site: str
    a_id: int
    a_name: str
    a_industry: str
    b_id: int
    b_name: str
    b_industry: str
    date: _dt.date
    consultant_id: Optional[int]
    outcome: str                  # pending, worked, no_result
    outcome_date: Optional[_dt.date]
    outcome_by: Optional[int]
    note: str
    recorded_at: _dt.datetime


@dataclass(frozen=True)
class Handout(Record):
    """Material handed out before the person was on file; ``customer_id`` once matched.
    ``referral_suggested``: matched through a referring customer, no referral registered yet."""

    id: int
    site: str
    kind: str
    count: int
    name: str
    phone: str                    # the normal form, or a partial mobile "138****8000"
    partial_phone: bool
    consultant_id: Optional[int]
    referrer_id: Optional[int]
    referrer_name: str
    date: _dt.date
    note: str
    customer_id: Optional[int]
    customer_name: str
    customer_archive_no: str
    matched_at: Optional[_dt.datetime]
    referral_id: Optional[int]
    referral_suggested: bool
    recorded_at: _dt.datetime

    @property
    def matched(self) -> bool:
        return self.customer_id is not None


def industries() -> List[Industry]:
    """The built-in industries of the keyword table."""
    return [Industry.from_json(i) for i in call_json(lib.snowball_referral_industries)]


def classify_industry(company: Optional[str] = None, position: Optional[str] = None) -> Optional[IndustryMatch]:
    """The industry the keyword table reads in a company name and a position, or None."""
    found = lookup("company", lib.snowball_referral_classify_industry, c_text(company), c_text(position))
    return None if found is None else IndustryMatch.from_json(found)


def referral_keys() -> ReferralKeys:
    """The referral methods, material kinds, key-person measures and reward kinds the library knows."""
    return ReferralKeys.from_json(call_json(lib.snowball_referral_keys))


_KEYS = referral_keys()
REFERRAL_METHODS = tuple(_KEYS.methods)
MATERIAL_KINDS = tuple(_KEYS.materials)


# ---------------------------------------------------------------------------------------------
# The service


class ReferralsService(Service):
    """archive.referrals: referrals, the graph's analytics, personal observation, cross cooperation
    and the reward ledger."""

    # Referrals -------------------------------------------------------------------------------

    @staticmethod
    def _new(referrer_id: Any, referee_id: Any, method: Optional[str] = None, date: Optional[_dt.date] = None,
             materials: Any = None, consultant: Any = None, note: Optional[str] = None) -> Dict[str, Any]:
        return without_none(referrer_id=ref(referrer_id, "referrer_id"), referee_id=ref(referee_id, "referee_id"),
                            method=method, date=iso(date), materials=_materials(materials),
                            consultant_id=ref(consultant, "consultant"), note=note)

    def add(self, referrer_id: Union[int, Customer], referee_id: Union[int, Customer], *, method: Optional[str] = None,
            date: Optional[_dt.date] = None, materials: Any = None, consultant: Any = None,
            note: Optional[str] = None) -> Referral:
        """Registers that ``referrer_id`` introduced ``referee_id``. ``method``: one of
        REFERRAL_METHODS (the library's default: chain).
        ``materials``: {"brochure": 3, "business_card": 1, "letter": 1, "invitation": 1}. The first
        claim on a referee is credited, later ones secondary. InvalidArgument for a self-referral, a
        cycle or a referee who is not new; Conflict for a pair registered already."""
        doc = self._new(referrer_id, referee_id, method, date, materials, consultant, note)
        return Referral.from_json(call_json(lib.snowball_referral_add, self._h, dumps(doc)))

    def add_many(self, referrals: Iterable[Mapping[str, Any]]) -> List[Referral]:
        """Many referrals (dicts of add()'s arguments) in one transaction: all or none."""
        docs = [self._new(**dict(r)) for r in referrals]
        return [Referral.from_json(r) for r in call_json(lib.snowball_referral_add_many, self._h, dumps(docs))]

    def get(self, referral_id: int) -> Referral:
        return Referral.from_json(call_json(lib.snowball_referral_get, self._h, ref(referral_id, "referral_id")))

    def list(self, *, site: SiteRef = None, referrer: Any = None, referee: Any = None, method: Optional[str] = None,
             start: Optional[_dt.date] = None, end: Optional[_dt.date] = None, credited_only: Optional[bool] = None,
             limit: Optional[int] = None, offset: Optional[int] = None) -> Page[Referral]:
        doc = without_none(site=site_code(site), referrer_id=ref(referrer, "referrer"), referee_id=ref(referee, "referee"),
                           method=method, to=iso(end), credited_only=credited_only, limit=limit, offset=offset)
        if start is not None:
            doc["from"] = iso(start)
        return Page.from_json(call_json(lib.snowball_referral_list, self._h, dumps(doc)), Referral.from_json)

    def of(self, customer: Union[int, Customer]) -> CustomerReferrals:
        """Who introduced the customer (credited and other claims), and whom they introduced."""
        return CustomerReferrals.from_json(call_json(lib.snowball_referral_of_customer, self._h, ref(customer, "customer")))

    def remove(self, referral: Union[int, Referral]) -> None:
        """Withdraws a claim registered in error (the referee's next claim becomes credited)."""
        lib.snowball_referral_remove(self._h, ref(referral, "referral"))

    # Analytics --------------------------------------------------------------------------------

    def tree(self, customer_id: Union[int, Customer], max_generations: Optional[int] = None) -> ReferralTree:
        """The customer's descendants by generation (credited referrals): a list of lists of ids.
        ``max_generations`` None: every generation (the C API's 0)."""
        data = call_json(lib.snowball_referral_tree, self._h, ref(customer_id, "customer_id"), max_generations or 0)
        return ReferralTree.from_json(data)

    def metrics(self, site: Union[str, Site], start: _dt.date, end: _dt.date) -> List[MonthMetrics]:
        """Snowball metrics of each month from start's to end's."""
        doc = {"site": site_code(site), "from": iso(start), "to": iso(end)}
        return [MonthMetrics.from_json(m) for m in call_json(lib.snowball_referral_metrics, self._h, dumps(doc))]

    def pagerank(self, site: SiteRef = None) -> Dict[int, float]:
        """PageRank on the referee → referrer graph (damping 0.85, dangling rank spread over all
        nodes, L1 change below 1e-12): customer id → rank."""
        return {int(i): r for i, r in call_json(lib.snowball_referral_pagerank, self._h, c_text(site_code(site)))}

    def key_persons(self, site: SiteRef = None, limit: Optional[int] = None, by: Optional[str] = None, *,
                    decay: Optional[float] = None) -> KeyPersonRanking:
        """The key persons (核心人物), best first, as (customer_id, score) pairs. ``by``:
        "descendant_deals" (the default: deals of the descendants, generation g weighing
        decay^(g-1)), "pagerank" or "betweenness" (estimated on large graphs: ``.exact`` is then False)."""
        doc = without_none(site=site_code(site), by=by, limit=limit, decay=decay)
        return KeyPersonRanking.from_json(call_json(lib.snowball_referral_key_persons, self._h, dumps(doc)))

    def circles(self, site: SiteRef = None, min_size: int = 2) -> List[Circle]:
        """Social circles (connected components of every claim) of at least ``min_size`` members,
        largest first."""
        data = call_json(lib.snowball_referral_circles, self._h, c_text(site_code(site)), min_size)
        return [Circle.from_json(c) for c in data]

    def influence(self, site: SiteRef = None) -> List[Influence]:
        """Every customer of the graph with referrer, generation, descendants, deals and circle."""
        return [Influence.from_json(i) for i in call_json(lib.snowball_referral_influence, self._h, c_text(site_code(site)))]

    # Personal observation and cross cooperation ------------------------------------------------

    def repeat_visitors(self, site: Union[str, Site], min_visits: Optional[int] = None,
                        since: Optional[_dt.date] = None, *, until: Optional[_dt.date] = None, consultant: Any = None,
                        limit: Optional[int] = None, place: Optional[str] = None) -> List[RepeatVisitor]:
        """Customers without a deal who visited on at least ``min_visits`` days from ``since`` (the
        first day of the window, required) to ``until``, ranked by the intent signal (visit count,
        recency, shortening gaps). ``place="construction_site"`` counts only the visits to the
        construction site (``"sales_office"`` those to the office); each visitor says on how many of
        their days they came to the construction site."""
        doc = without_none(site=site_code(site), min_visits=min_visits, since=iso(since), until=iso(until),
                           consultant_id=ref(consultant, "consultant"), limit=limit, place=place)
        return [RepeatVisitor.from_json(v) for v in call_json(lib.snowball_referral_repeat_visitors, self._h, dumps(doc))]

    def cooperation_pairs(self, site: Union[str, Site], limit: int = 20) -> List[CooperationPair]:
        """Pairs of customers whose businesses complement each other, not yet in one circle, each
        with its reason."""
        data = call_json(lib.snowball_referral_cooperation_pairs, self._h, c_text(site_code(site)), limit)
        return [CooperationPair.from_json(p) for p in data]

    # Key persons before they refer anyone ------------------------------------------------------

    def key_person_candidates(self, site: Union[str, Site], *, limit: Optional[int] = None,
                              owners_only: Optional[bool] = None) -> List[KeyPersonCandidate]:
        """Customers of the site who referred no one yet, scored from their social organisations,
        sociability, position, who names them their most admired person, their circle and family;
        best first, each with ``.reasons`` and the ``.approaches`` made."""
        doc = without_none(site=site_code(site), limit=limit, owners_only=owners_only)
        data = call_json(lib.snowball_referral_key_person_candidates, self._h, dumps(doc))
        return [KeyPersonCandidate.from_json(k) for k in data]

    def approach(self, customer: Union[int, Customer], *, channel: Optional[str] = None, outcome: Optional[str] = None,
                 date: Optional[_dt.date] = None, by: Any = None, note: Optional[str] = None) -> Approach:
        """Records an approach to the customer (and its entry in the contact log). ``channel``: phone
        (the library's default), sms, wechat, letter, email, visit_office, home_visit, event;
        ``outcome``: reached (default), no_answer, interested, agreed, declined; ``by``: the
        consultant (default the customer's)."""
        doc = without_none(customer_id=ref(customer, "customer"), channel=channel, outcome=outcome, date=iso(date),
                           consultant_id=ref(by, "by"), note=note)
        return Approach.from_json(call_json(lib.snowball_referral_approach, self._h, dumps(doc)))

    def approaches(self, customer: Union[int, Customer]) -> List[Approach]:
        """The approaches made to the customer, by date."""
        data = call_json(lib.snowball_referral_approaches, self._h, ref(customer, "customer"))
        return [Approach.from_json(a) for a in data]

    # Cooperation introductions ------------------------------------------------------------------

    def introduce(self, a: Union[int, Customer, CooperationParty], b: Union[int, Customer, CooperationParty], *,
                  by: Any = None, date: Optional[_dt.date] = None, note: Optional[str] = None) -> Introduction:
        """Records that customers ``a`` and ``b`` (of one site) were introduced to each other; a
        pair once (Conflict). A proposed pair's parties may be given as they are."""
        doc = without_none(a_id=_party(a, "a"), b_id=_party(b, "b"), consultant_id=ref(by, "by"), date=iso(date),
                           note=note)
        return Introduction.from_json(call_json(lib.snowball_referral_introduce, self._h, dumps(doc)))

    def introduction_outcome(self, introduction: Union[int, Introduction], outcome: str, *, by: Any = None,
                             date: Optional[_dt.date] = None, note: Optional[str] = None) -> Introduction:
        """What came of an introduction: "worked", "no_result" (or "pending" again). The matcher
        learns from it."""
        doc = without_none(outcome=outcome, by=ref(by, "by"), date=iso(date), note=note)
        data = call_json(lib.snowball_referral_introduction_outcome, self._h, ref(introduction, "introduction"), dumps(doc))
        return Introduction.from_json(data)

    def introduction(self, introduction_id: int) -> Introduction:
        data = call_json(lib.snowball_referral_introduction_get, self._h, ref(introduction_id, "introduction_id"))
        return Introduction.from_json(data)

    def introductions(self, site: Union[str, Site], *, customer: Any = None, outcome: Optional[str] = None,
                      limit: Optional[int] = None, offset: Optional[int] = None) -> Page[Introduction]:
        """The site's introductions, newest first."""
        doc = without_none(site=site_code(site), customer_id=ref(customer, "customer"), outcome=outcome, limit=limit,
                           offset=offset)
        return Page.from_json(call_json(lib.snowball_referral_introductions, self._h, dumps(doc)), Introduction.from_json)

    # Material handed out ------------------------------------------------------------------------

    def hand_out(self, site: Union[str, Site], kind: str, *, name: Optional[str] = None, phone: Optional[str] = None,
                 count: Optional[int] = None, by: Any = None, referrer: Any = None, date: Optional[_dt.date] = None,
                 note: Optional[str] = None) -> Handout:
        """Records material (brochure 楼书, business_card 名片, letter, invitation) handed to someone not
        on file yet: ``name`` and/or ``phone`` (a partial mobile such as "138****8000" is fine), by a
        consultant (``by``) and/or a referring customer (``referrer``). Matched when a customer with
        a phone that fits is filed."""
        doc = without_none(site=site_code(site), kind=kind, name=name, phone=phone, count=count,
                           consultant_id=ref(by, "by"), referrer_id=ref(referrer, "referrer"), date=iso(date), note=note)
        return Handout.from_json(call_json(lib.snowball_referral_hand_out, self._h, dumps(doc)))

    def handout(self, handout_id: int) -> Handout:
        return Handout.from_json(call_json(lib.snowball_referral_handout_get, self._h, ref(handout_id, "handout_id")))

    def materials(self, site: Union[str, Site], *, matched: Optional[bool] = None, referrer: Any = None,
                  limit: Optional[int] = None, offset: Optional[int] = None) -> Page[Handout]:
        """The material handed out at the site, newest first; ``matched`` True or False for one kind."""
        doc = without_none(site=site_code(site), matched=matched, referrer_id=ref(referrer, "referrer"), limit=limit,
                           offset=offset)
        return Page.from_json(call_json(lib.snowball_referral_handouts, self._h, dumps(doc)), Handout.from_json)

    # Settings ---------------------------------------------------------------------------------

    def settings(self, site: Union[str, Site]) -> ReferralSettings:
        return ReferralSettings.from_json(call_json(lib.snowball_referral_settings, self._h, c_text(site_code(site))))

    def set_affinities(self, site: Union[str, Site], rules: Optional[Iterable[Any]]) -> ReferralSettings:
        """The site's affinity table: AffinityRule values, dicts or (a, b, weight, reason) tuples;
        None restores the defaults."""
        doc: Any = None
        if rules is not None:
            doc = [r.to_json() if isinstance(r, AffinityRule) else dict(r) if isinstance(r, Mapping)
                   else dict(zip(("a", "b", "weight", "reason"), r)) for r in rules]
        data = call_json(lib.snowball_referral_set_affinities, self._h, c_text(site_code(site)), dumps(doc))
        return ReferralSettings.from_json(data)

    def set_reward_rule(self, site: Union[str, Site], *, kind: Optional[str] = None, amount: Optional[float] = None,
                        enabled: Optional[bool] = None, methods: Optional[Iterable[str]] = None,
                        first_deal_only: Optional[bool] = None, within_days: Optional[int] = None,
                        note: Optional[str] = None) -> ReferralSettings:
        """The site's reward rule (老带新奖励): on a referee's deal the credited referrer earns
        ``amount`` of ``kind`` (points, property_fee in months, cash in yuan). A rule set is
        switched on unless ``enabled=False``."""
        doc = without_none(enabled=enabled, kind=kind, amount=amount, methods=None if methods is None else list(methods),
                           first_deal_only=first_deal_only, within_days=within_days, note=note)
        data = call_json(lib.snowball_referral_set_reward_rule, self._h, c_text(site_code(site)), dumps(doc))
        return ReferralSettings.from_json(data)

    # Rewards ----------------------------------------------------------------------------------

    def check_reward(self, deal: Union[int, Deal]) -> RewardCheck:
        return RewardCheck.from_json(call_json(lib.snowball_reward_check, self._h, ref(deal, "deal")))

    def grant_reward(self, deal: Union[int, Deal], *, by: Any = None, note: Optional[str] = None) -> RewardEntry:
        """Conflict when the deal was rewarded already; InvalidState (with the reason) when it is not eligible."""
        data = call_json(lib.snowball_reward_grant, self._h, ref(deal, "deal"), actor(by), c_text(note))
        return RewardEntry.from_json(data)

    def settle_rewards(self, site: Union[str, Site], *, by: Any = None) -> List[RewardEntry]:
        """Grants every eligible deal of the site not yet rewarded."""
        data = call_json(lib.snowball_reward_settle, self._h, c_text(site_code(site)), actor(by))
        return [RewardEntry.from_json(e) for e in data]

    def revoke_reward(self, entry: Union[int, RewardEntry], reason: str, *, by: Any = None) -> RewardEntry:
        data = call_json(lib.snowball_reward_revoke, self._h, ref(entry, "entry"), c_text(reason), actor(by))
        return RewardEntry.from_json(data)

    def reward(self, entry_id: int) -> RewardEntry:
        return RewardEntry.from_json(call_json(lib.snowball_reward_get, self._h, ref(entry_id, "entry_id")))

    def ledger(self, *, site: SiteRef = None, referrer: Any = None, include_revoked: Optional[bool] = None,
               limit: Optional[int] = None, offset: Optional[int] = None) -> Page[RewardEntry]:
        doc = without_none(site=site_code(site), referrer_id=ref(referrer, "referrer"), include_revoked=include_revoked,
                           limit=limit, offset=offset)
        return Page.from_json(call_json(lib.snowball_reward_ledger, self._h, dumps(doc)), RewardEntry.from_json)

    def reward_totals(self, site: Union[str, Site]) -> List[RewardTotal]:
        """Granted rewards per referrer, most entries first."""
        return [RewardTotal.from_json(t) for t in call_json(lib.snowball_reward_totals, self._h, c_text(site_code(site)))]
