"""The member's own people in the help panel. Safety knows crisis lines; the people a member can call live in
apps above it (their recovery plan in journey, their connections in accounts), which register a provider here when
they start. Safety never imports them."""

from collections.abc import Callable

# kind ("people": name, phone and tel: link of those to call; "connections": display names) -> provider(user)
_providers: dict[str, Callable] = {}


def register_help_contacts(kind: str, provider: Callable) -> None:
    """`provider(user)` returns the list the help panel shows under `kind` (registered once, in `AppConfig.ready`)."""
    _providers[kind] = provider


def help_contacts(user) -> dict[str, list]:
    """Every registered kind of contact for `user` (empty lists for an anonymous visitor). A query or so each."""
    if user is None or not user.is_authenticated:
        return {kind: [] for kind in _providers}
    return {kind: provider(user) for kind, provider in _providers.items()}


def tel_uri(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""
