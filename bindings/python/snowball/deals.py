"""A deal's stages after it is recorded (archive.customers.record_deal): advance, cancel, the step
history, and the sites' sales settings (the stage at which a buyer becomes an owner)."""

from __future__ import annotations

import datetime as _dt
from typing import List, Optional, Union

from ._native import c_text, call_json, lib
from ._support import Service, dumps, iso, ref, site_code, without_none
from .records import Consultant, Deal, DealStep, SalesSettings, Site

ConsultantRef = Union[int, Consultant, None]


class Deals(Service):
    """Deal stages: reservation (认筹) → subscription (认购) → contract (签约), and cancellation."""

    def get(self, deal_id: Union[int, Deal]) -> Deal:
        return Deal.from_json(call_json(lib.snowball_deal_get, self._h, ref(deal_id, "deal_id")))

    def advance(self, deal_id: Union[int, Deal], stage: str, *, date: Optional[_dt.date] = None,
                amount: Optional[float] = None, by: Union[int, Consultant]) -> Deal:
        """Moves an open deal forward to ``stage`` (steps may be skipped; moving back is
        InvalidState). A contract's amount is its price (default: the deal's price)."""
        doc = without_none(date=iso(date), amount=amount, by=ref(by, "by"))
        return Deal.from_json(call_json(lib.snowball_deal_advance, self._h, ref(deal_id, "deal_id"), c_text(stage),
                                        dumps(doc)))

    def cancel(self, deal_id: Union[int, Deal], reason: str, *, by: ConsultantRef = None) -> Deal:
        """Cancels an open deal (退房 / 退订); an owner with no open deal at the owner stage is a
        visitor again."""
        return Deal.from_json(call_json(lib.snowball_deal_cancel_by, self._h, ref(deal_id, "deal_id"), c_text(reason),
                                        ref(by, "by") or 0))

    def steps(self, deal_id: Union[int, Deal]) -> List[DealStep]:
        return [DealStep.from_json(s) for s in call_json(lib.snowball_deal_steps, self._h, ref(deal_id, "deal_id"))]

    def settings(self, site: Union[str, Site]) -> SalesSettings:
        return SalesSettings.from_json(call_json(lib.snowball_sales_settings, self._h, c_text(site_code(site))))

    def set_owner_stage(self, site: Union[str, Site], owner_stage: str) -> SalesSettings:
        """The stage at which the site's buyers become owners ("contract" by default)."""
        return SalesSettings.from_json(call_json(lib.snowball_sales_set_owner_stage, self._h, c_text(site_code(site)),
                                                 c_text(owner_stage)))
