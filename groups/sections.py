"""Sections that apps above groups add to a group's page (My recovery lists what members shared with the group).
Groups never imports them: each registers a provider when it starts."""

from collections.abc import Callable

_providers: list[Callable] = []


def register_group_page_section(provider: Callable) -> None:
    """`provider(user, group, membership)` returns None (nothing to show) or a dict with the `template` to include
    and what it needs; registered once, in `AppConfig.ready`."""
    if provider not in _providers:
        _providers.append(provider)


def group_page_sections(user, group, membership) -> list[dict]:
    """The sections to show on `group`'s page for this viewer, in the order they were registered."""
    return [section for provider in _providers if (section := provider(user, group, membership))]
