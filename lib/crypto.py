"""Encryption at rest for what a member writes about themselves (journal, check-in notes, plan, worksheets).

Keys come from `settings.DATA_ENCRYPTION_KEYS`, a list of Fernet keys (AES-128-CBC with HMAC-SHA256, from the
`cryptography` package). The first key encrypts; every key decrypts. To rotate: put a new key first, keep the
old ones after it, run `manage.py rotate_encryption_key` (which rewrites every encrypted value with the first key
and checks that none needs an old one), then drop the old keys.
"""

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "decrypt", "derive_key", "encrypt", "generate_key", "keys", "reset_keys"]


def derive_key(secret: str) -> bytes:
    """A Fernet key derived from `secret` (used only when no key is configured, i.e. in development and tests)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"peerhaven-data-at-rest", info=b"fernet key v1")
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


def generate_key() -> str:
    return Fernet.generate_key().decode()


@cache
def keys() -> MultiFernet:
    configured = [k.strip() for k in settings.DATA_ENCRYPTION_KEYS if k.strip()]
    if not configured:
        configured = [derive_key(settings.SECRET_KEY).decode()]
    try:
        return MultiFernet([Fernet(k) for k in configured])
    except ValueError as error:
        raise ImproperlyConfigured(
            "DATA_ENCRYPTION_KEYS must hold url-safe base64 Fernet keys of 32 bytes "
            "(make one with `manage.py rotate_encryption_key --new-key`)."
        ) from error


def reset_keys() -> None:
    """Forget the cached keys (after the setting changes, e.g. in a test of rotation)."""
    keys.cache_clear()


def encrypt(text: str) -> str:
    return keys().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    return keys().decrypt(token.encode("ascii")).decode("utf-8")


def needs_rotation(token: str) -> bool:
    """True when `token` was not encrypted with the first (current) key."""
    current = MultiFernet([keys()._fernets[0]])
    try:
        current.decrypt(token.encode("ascii"))
    except InvalidToken:
        return True
    return False
