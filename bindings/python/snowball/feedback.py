"""Complaints, suggestions and praise; satisfaction surveys."""

from __future__ import annotations

from ._native import declare

__all__ = ["FeedbackService", "SurveysService"]

declare({})


class FeedbackService:
    """archive.feedback"""

    def __init__(self, archive):
        self._archive = archive


class SurveysService:
    """archive.surveys"""

    def __init__(self, archive):
        self._archive = archive
