"""`make run`: one process for pages and websockets (uvicorn on peerhaven.asgi), plus the task worker.

For a small site this is enough. For production see README ("Serving in production"): pages on WSGI workers,
only /ws/ on ASGI, chosen by bench/http_handlers.py.
"""

import argparse
import os
import subprocess
import sys

import uvicorn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-worker", action="store_true", help="do not start the background task worker")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")

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
        )
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)


if __name__ == "__main__":
    main()
