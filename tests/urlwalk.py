"""Every URL of the site as a concrete path, for the site-wide safety tests."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    path: str
    name: str | None
    namespace: str


def _concrete(pattern: str, samples: dict[str, str]) -> str:
    pattern = pattern.replace("^", "").replace("$", "").replace("\\", "")

    def sample(name: str) -> str:
        return samples.get(name, "1")

    pattern = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: sample(m.group(1)), pattern)
    pattern = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: sample(m.group(1)), pattern)
    return "/" + pattern


def all_routes(samples: dict[str, str]) -> list[Route]:
    routes: dict[str, Route] = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace]))
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                path = _concrete(prefix + str(p.pattern), samples)
                routes.setdefault(path, Route(path, p.name, namespace))

    walk(get_resolver().url_patterns, "", "")
    return list(routes.values())
