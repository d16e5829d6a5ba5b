"""Which host names and addresses are loopback: reachable only from this machine."""

from ipaddress import ip_address

# `testserver` is the name Django's test client uses; nothing outside this machine can reach it.
LOOPBACK_NAMES = frozenset({"localhost", "testserver"})


def is_loopback_host(host: str) -> bool:
    """True for `localhost`, `*.localhost`, `127.0.0.0/8`, `::1` and `[::1]`; False for any other name, an
    address such as `0.0.0.0` (every interface), or a pattern such as `*` or `.example.org`."""
    host = host.strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False
