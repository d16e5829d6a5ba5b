"""What accounts does when a member's login ends: their open sockets are closed (`lib.realtime.close_sockets`)."""

from lib.realtime import close_sockets


def close_session_sockets(sender, request, user, **kwargs) -> None:
    """On logout: the sockets opened under this browser's session stop receiving at once."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        close_sockets(session_key=session_key)


def close_member_sockets(sender, request, user, **kwargs) -> None:
    """On a password change, set or reset: every socket of the member closes (other logins are no longer valid;
    the page that changed it opens a new one on its next load)."""
    close_sockets(user_id=user.pk)
