"""Moderation in the API: reports, actions, appeals, the member's own moderation page."""

from .moderation import router

__all__ = ["router"]
