"""The production stack for `make prod-smoke`, started from a clean copy of the repository on loopback.

The commands are read from README.md ("Serving in production"), the nginx site from deploy/nginx/peerhaven.conf:
what the smoke runs is what an operator is told to run. Only ports, paths and the name are replaced.
"""

import datetime
import os
import re
import shlex
import signal
import ssl
import subprocess
import tarfile
import time
import urllib.request
from dataclasses import dataclass, field
from io import BytesIO
from ipaddress import ip_address
from pathlib import Path

import redis
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .helpers import DATA_KEY, ROOT, SECRET_KEY

NGINX = "/usr/sbin/nginx"
HOST = "127.0.0.1"
PORTS = {"https": 18143, "http": 18180, "web": 18101, "sockets": 18102}
# The README's ports, replaced by ours (nothing outside 18100-18199 is touched).
README_PORTS = {"8001": PORTS["web"], "8002": PORTS["sockets"]}
DATABASE = "ph_prodsmoke"
POSTGRES = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/1"
BASE_URL = f"https://{HOST}:{PORTS['https']}"


def readme_commands() -> tuple[list[str], list[list[str]]]:
    """The variables the README's production block exports, and its commands (each split into words)."""
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Serving in production") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README.md's 'Serving in production' has a ```sh block"
    exported, commands = [], []
    for line in block.group(1).splitlines():
        line = line.split("  #")[0].strip()
        if line.startswith("export "):
            exported = [word.split("=")[0] for word in shlex.split(line)[1:]]
        elif line:
            commands.append(shlex.split(line))
    return exported, commands


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 valid for a day (cryptography is already a dependency, for Fernet)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ip_address(HOST))]), False)
        .sign(key, hashes.SHA256())
    )
    cert, keyfile = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert, keyfile


def nginx_site(folder: Path, cert: Path, key: Path, static_root: Path) -> str:
    """deploy/nginx/peerhaven.conf with our ports, paths and name; fails if the file no longer has what we replace."""
    site = (ROOT / "deploy" / "nginx" / "peerhaven.conf").read_text()
    replacements = [
        ("server 127.0.0.1:8001;", f"server {HOST}:{PORTS['web']};"),
        ("server 127.0.0.1:8002;", f"server {HOST}:{PORTS['sockets']};"),
        ("    listen [::]:80;\n", ""),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("listen 80;", f"listen {HOST}:{PORTS['http']};"),
        ("listen 443 ssl http2;", f"listen {HOST}:{PORTS['https']} ssl http2;"),
        ("return 301 https://$host$request_uri;", f"return 301 https://$host:{PORTS['https']}$request_uri;"),
        ("server_name peerhaven.example.org;", f"server_name {HOST};"),
        ("/etc/letsencrypt/live/peerhaven.example.org/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/peerhaven.example.org/privkey.pem", str(key)),
        ("alias /srv/peerhaven/static/;", f"alias {static_root}/;"),
        ("/var/log/nginx/peerhaven.error.log", str(folder / "error.log")),
    ]
    for old, new in replacements:
        assert old in site, f"deploy/nginx/peerhaven.conf no longer has {old!r}"
        site = site.replace(old, new)
    return site


def nginx_main(folder: Path, site: Path) -> str:
    """A main configuration like Debian's /etc/nginx/nginx.conf (with its http-wide access log) in `folder`."""
    user = "user root root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {folder / "access.log"};
{temp}
    include {site};
}}
"""


@dataclass
class Stack:
    folder: Path
    env: dict[str, str]
    timings: list[tuple[str, float]] = field(default_factory=list)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    @property
    def app(self) -> Path:
        return self.folder / "app"

    @property
    def nginx_dir(self) -> Path:
        return self.folder / "nginx"

    def lap(self, what: str) -> None:
        self.timings.append((what, time.monotonic() - self.started))

    def run(self, command: list[str], timeout: int = 300) -> None:
        result = subprocess.run(
            command, cwd=self.app, env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert result.returncode == 0, f"{shlex.join(command)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"

    def start(self, name: str, command: list[str]) -> None:
        log = (self.folder / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=self.app, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def assert_running(self) -> None:
        for name, process in self.processes.items():
            assert process.poll() is None, f"{name} exited with {process.returncode}:\n{self.log(name)[-3000:]}"

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


def clean_copy(folder: Path) -> Path:
    """The committed tree (`git archive HEAD`) in `folder/app`, with the shared virtualenv linked in."""
    app = folder / "app"
    app.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(app, filter="data")
    (app / ".venv").symlink_to((ROOT / ".venv").resolve())
    return app


def production_env(folder: Path, exported: list[str]) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "PEERHAVEN_TESTING": "0",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "DATA_ENCRYPTION_KEYS": DATA_KEY,
        "ALLOWED_HOSTS": HOST,
        "BEHIND_TLS_PROXY": "1",
        "TRUSTED_PROXIES": HOST,
        "DATABASE_URL": POSTGRES,
        "REDIS_URL": REDIS_URL,
        # Our own keys and channel names in Redis db 1, deleted at the end.
        "REDIS_PREFIX": f"prodsmoke{os.getpid()}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "SITE_URL": BASE_URL,
        "RATE_LIMITS": "off",
    }
    missing = [name for name in exported if name not in env]
    assert not missing, f"the README exports {missing}, which the smoke does not set"
    return env


def with_our_ports(command: list[str]) -> list[str]:
    return [str(README_PORTS.get(word, word)) for word in command]


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def wait_for(url: str, timeout: float, stack: Stack) -> None:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    deadline = time.monotonic() + timeout
    while True:
        stack.assert_running()
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"{url} did not answer 200 within {timeout}s"
        time.sleep(0.3)


def delete_redis_keys(prefix: str) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    keys = [key for pattern in (f"{prefix}:*", f"peerhaven{prefix}*") for key in client.scan_iter(pattern)]
    if keys:
        client.delete(*keys)
