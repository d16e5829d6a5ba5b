"""Running manage.py as an operator would: a fresh process with only the environment given."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "test-only-" + "k3y!" * 16
DATA_KEY = "dGVzdC1vbmx5LWtleS0wMTIzNDU2Nzg5YWJjZGVmZ2g="
BASE_ENV = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), "PEERHAVEN_TESTING": "0"}
PRODUCTION_ENV = {
    **BASE_ENV,
    "DEBUG": "0",
    "SECRET_KEY": SECRET_KEY,
    "DATA_ENCRYPTION_KEYS": DATA_KEY,
    "ALLOWED_HOSTS": "peerhaven.example.org",
}


def run(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    """`python *args` in the repository with exactly `env`."""
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def manage(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return run("manage.py", *args, env=env, timeout=timeout)
