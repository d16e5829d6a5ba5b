"""`Idempotency-Key` on API writes (POST/PUT/PATCH/DELETE under /api/v1/).

The key row is inserted, the view runs and its answer is stored in ONE database transaction. So either the
write and its key are both committed, or neither is: a process killed between the write and the key's storage
rolls back both, and the retry writes once. A retry after commit finds the key and gets the stored answer.

Concurrency: the unique (member, key) constraint decides. On PostgreSQL a transaction-scoped advisory lock on
the key is tried first; if another request holds it, the retry gets 409 at once. On SQLite (IMMEDIATE
transactions) writers are serialised: a retry waits for the first to commit and then gets its answer, or
gets 409 if the database stays locked past the busy timeout.

Answers 5xx are rolled back with their key (the retry runs again); 401, 403, 409 and 429 are not kept either,
since nothing was written and a later retry may succeed.
"""

import hashlib
import zlib

from django.db import IntegrityError, OperationalError, connection, transaction
from django.http import HttpResponse, JsonResponse

from accounts.models import PersonalAccessToken, hash_token

from .models import IdempotencyKey

HEADER = "HTTP_IDEMPOTENCY_KEY"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
NOT_KEPT = {401, 403, 408, 409, 429}
MAX_KEY = 255


def _member(request):
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization.lower().startswith("bearer "):
        found = (
            PersonalAccessToken.objects.usable()
            .select_related("user")
            .filter(token_hash=hash_token(authorization[7:].strip()))
            .first()
        )
        return found.user if found is not None and found.user.is_active else None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def fingerprint(request) -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.get_full_path().encode(), request.body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _problem(status: int, message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=status)


def _replay(row: IdempotencyKey, print_: str) -> HttpResponse:
    if row.fingerprint != print_:
        return _problem(422, "This Idempotency-Key was used for another request; use a new key.")
    if row.status is None:
        return _problem(409, "A request with this Idempotency-Key is still running; retry in a moment.")
    response = HttpResponse(row.body.encode(), status=row.status, content_type=row.content_type or None)
    if row.location:
        response["Location"] = row.location
    response["Idempotent-Replayed"] = "true"
    return response


def _advisory_lock(user_id: int, key: str) -> bool:
    if connection.vendor != "postgresql":
        return True
    lock_id = zlib.crc32(f"{user_id}:{key}".encode()) - 2**31
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [user_id % 2**31, lock_id])
        return bool(cursor.fetchone()[0])


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.META.get(HEADER)
        if key is None or request.method not in WRITES or not request.path.startswith("/api/v1/"):
            return self.get_response(request)
        if not key or len(key) > MAX_KEY or not key.isascii() or not key.isprintable():
            return _problem(400, f"Idempotency-Key must be 1 to {MAX_KEY} printable ASCII characters.")
        user = _member(request)
        if user is None:  # ninja answers 401; nothing to remember for nobody
            return self.get_response(request)
        print_ = fingerprint(request)
        try:
            return self._once(request, user, key, print_)
        except OperationalError:  # SQLite: still locked by the first request past the busy timeout
            return _problem(409, "A request with this Idempotency-Key is still running; retry in a moment.")

    def _once(self, request, user, key: str, print_: str):
        with transaction.atomic():
            if not _advisory_lock(user.pk, key):
                return _problem(409, "A request with this Idempotency-Key is still running; retry in a moment.")
            try:
                with transaction.atomic():
                    row = IdempotencyKey.objects.create(user=user, key=key, fingerprint=print_)
            except IntegrityError:
                existing = IdempotencyKey.objects.filter(user=user, key=key).first()
                if existing is None:  # the first one rolled back meanwhile; the client retries
                    return _problem(409, "A request with this Idempotency-Key is still running; retry in a moment.")
                return _replay(existing, print_)
            response = self.get_response(request)
            if response.status_code >= 500 or response.status_code in NOT_KEPT or response.streaming:
                transaction.set_rollback(True)
                return response
            row.status = response.status_code
            row.content_type = response.get("Content-Type", "")[:100]
            row.location = response.get("Location", "")[:500]
            row.body = response.content.decode("utf-8", errors="replace")
            row.save(update_fields=["status", "content_type", "location", "body"])
            return response
