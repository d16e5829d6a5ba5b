"""`make run`: one process for pages and websockets (uvicorn on peerhaven.asgi), plus the task worker.

For a small site this is enough. For production see README ("Serving in production"): pages on WSGI workers,
only /ws/ on ASGI, chosen by bench/http_handlers.py.
"""

import argparse
import os
import subprocess
import sys

import uvicorn
from django.conf import settings

from lib.hosts import is_loopback_host


def refuse_public_host_with_dev_keys(host: str) -> str | None:
    """Why `host` may not be served with these settings, or None: DEBUG with the published development keys
    listens on loopback only."""
    if settings.DEBUG and settings.USING_DEV_KEYS and not is_loopback_host(host):
        return (
            f"--host {host} is not loopback: with DEBUG=1 set SECRET_KEY and DATA_ENCRYPTION_KEYS first (the"
            " development keys are public and would encrypt members' journals), or serve on 127.0.0.1."
        )
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-worker", action="store_true", help="do not start the background task worker")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")
    refusal = refuse_public_host_with_dev_keys(args.host)
    if refusal:
        parser.exit(2, f"peerhaven.serve: {refusal}\n")

    worker = None
    if not args.no_worker:
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "2", "--no-reload"])
    try:
        # No access log: a finder URL can hold a person's location (near=…), which we never keep.
        uvicorn.run(
            "peerhaven.asgi:application",
            host=args.host,
            port=args.port,
            log_level="info",
            lifespan="off",
            access_log=False,
            # The client's address is decided by lib/clientip.py from TRUSTED_PROXIES; uvicorn must not rewrite
            # it from X-Forwarded-For first (by default it believes any loopback peer).
            proxy_headers=False,
        )
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)


if __name__ == "__main__":
    main()
