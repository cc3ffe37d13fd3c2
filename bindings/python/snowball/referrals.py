"""The referral graph: old customers bring new ones."""

from __future__ import annotations

from ._native import declare

__all__ = ["ReferralsService"]

declare({})


class ReferralsService:
    """archive.referrals"""

    def __init__(self, archive):
        self._archive = archive
