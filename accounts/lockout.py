"""How django-axes names the account a login attempt was for."""


def attempted_username(request, credentials=None) -> str:
    """allauth passes `username` to authenticate(), while its form posts the field as `login`; use either,
    lower-cased so that "River" and "river" count as one account."""
    value = (credentials or {}).get("username") or (credentials or {}).get("login")
    if not value and request is not None:
        data = getattr(request, "POST", {}) or {}
        value = data.get("login") or data.get("username")
    return (value or "").strip().lower()
