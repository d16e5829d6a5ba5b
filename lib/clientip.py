"""Who is on the other end of a request: the one rule for a client's address (lock-outs, rate limits).

`REMOTE_ADDR` is the peer that opened the connection. Only when that peer is one of `settings.TRUSTED_PROXIES`
(addresses or networks, e.g. the reverse proxy on 127.0.0.1) is `X-Forwarded-For` read, from the right: each
trusted proxy appends the address it saw, so the right-most entry that is not a trusted proxy is the client.
Entries to its left were written by the client and prove nothing. With no trusted proxy configured no forwarded
header is believed, so a visitor cannot pick their own address to escape a per-address limit.
"""

from collections.abc import Iterable
from functools import lru_cache
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Address = IPv4Address | IPv6Address
Network = IPv4Network | IPv6Network


@lru_cache(maxsize=8)
def parse_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """`("127.0.0.1", "10.0.0.0/8")` as networks; a malformed entry is a configuration error that names it."""
    networks = []
    for entry in entries:
        try:
            networks.append(ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network (e.g. 127.0.0.1 or 10.0.0.0/8)"
            ) from None
    return tuple(networks)


def trusted_networks() -> tuple[Network, ...]:
    return parse_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def parse_address(value: str) -> Address | None:
    """An address as a proxy writes it (`203.0.113.7`, `2001:db8::1`, `[2001:db8::1]`), else None."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    try:
        address = ip_address(value)
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, networks: Iterable[Network]) -> bool:
    return any(address in network for network in networks)


def is_trusted_proxy(request: HttpRequest) -> bool:
    """True when the peer that sent `request` is one of `TRUSTED_PROXIES` (so its forwarded headers count)."""
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    return peer is not None and _is_trusted(peer, trusted_networks())


def client_ip(request: HttpRequest) -> str:
    """The client's address: `REMOTE_ADDR`, unless that is a trusted proxy, then the right-most
    `X-Forwarded-For` entry that is not a trusted proxy (the left-most one when every entry is a proxy)."""
    remote = request.META.get("REMOTE_ADDR", "")
    peer = parse_address(remote)
    networks = trusted_networks()
    if peer is None or not _is_trusted(peer, networks):
        return str(peer) if peer is not None else remote
    client = peer
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = parse_address(entry)
        if hop is None:
            # Not written by a proxy we trust: stop at the last address a trusted hop vouched for.
            break
        client = hop
        if not _is_trusted(hop, networks):
            break
    return str(client)
