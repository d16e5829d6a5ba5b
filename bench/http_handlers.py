"""How much each way of running Django costs per request, in-process (no server, no socket).

Serves GET /healthz (one SQL query) and GET / (the home page, a template and a query) through:
  wsgi        Django's WSGIHandler, called directly;
  asgi-django Django's ASGIHandler (what `runserver` with daphne or `uvicorn peerhaven.asgi` would use by default);
  asgi-a2wsgi the WSGIHandler inside a2wsgi's thread pool: what peerhaven.asgi does for plain HTTP.
Prints the median and p95 per request for each. Run: make bench-http (or python bench/http_handlers.py).
"""

import asyncio
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from a2wsgi import WSGIMiddleware  # noqa: E402
from django.core.asgi import get_asgi_application  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

N = int(os.environ.get("BENCH_REQUESTS", "1500"))


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def scope(path: str) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000),
    }


def time_wsgi(app, path: str) -> list[float]:
    samples = []
    for _ in range(N):
        started = time.perf_counter()
        status: list[str] = []

        def start_response(line, headers, exc_info=None, status=status):
            status.append(line)

        body = b"".join(app(environ(path), start_response))
        samples.append(time.perf_counter() - started)
        assert status[0].startswith("200"), (status, body[:200])
    return samples


def time_asgi(app, path: str) -> list[float]:
    async def one() -> float:
        sent = []
        messages = [{"type": "http.request", "body": b"", "more_body": False}]
        never = asyncio.Event()

        async def receive():
            if messages:
                return messages.pop()
            await never.wait()  # the client stays connected until the response is sent

        async def send(message):
            sent.append(message)

        started = time.perf_counter()
        await app(scope(path), receive, send)
        elapsed = time.perf_counter() - started
        assert sent[0]["status"] == 200, sent[0]
        return elapsed

    async def many():
        return [await one() for _ in range(N)]

    return asyncio.run(many())


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1e6, ordered[int(len(ordered) * 0.95) - 1] * 1e6


def main() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.conf import settings

    if not settings.DEBUG:
        call_command("collectstatic", "--noinput", verbosity=0)
    print(f"DEBUG={settings.DEBUG}, database: {settings.DATABASES['default']['ENGINE']}")
    wsgi = get_wsgi_application()
    runners = {
        "wsgi": lambda path: time_wsgi(wsgi, path),
        "asgi-django": lambda path: time_asgi(get_asgi_application(), path),
        "asgi-a2wsgi": lambda path: time_asgi(WSGIMiddleware(wsgi, workers=8), path),
    }
    print(f"{N} sequential requests each, in-process; microseconds per request")
    print(f"{'path':10} {'handler':12} {'median':>9} {'p95':>9} {'x wsgi':>7}")
    for path in ("/healthz", "/"):
        base = None
        for name, run in runners.items():
            run(path)  # warm-up
            median, p95 = summary(run(path))
            base = base or median
            print(f"{path:10} {name:12} {median:9.0f} {p95:9.0f} {median / base:7.2f}")


if __name__ == "__main__":
    main()
