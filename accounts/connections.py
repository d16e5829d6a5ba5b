"""Asking to connect, answering, and letting go: the only writes to connection requests.

A connection means: the other person sees the profile fields shown to "my connections", items of My recovery
can be shared with them from a list, and they appear among the people to reach when things are hard.

A block between two members is never revealed: asking someone who blocked you (or whom you blocked) is answered
exactly as asking for a username nobody has.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify

from . import services
from .blocks import is_blocked_between
from .models import Connection, ConnectionRequest, ConnectionRequestStatus, User

# How members are named lives in naming.py; these names stay importable from here for older callers.
from .naming import StrOrPromise as StrOrPromise
from .naming import connection_name as connection_name
from .naming import name_for, names_for

shown_name = name_for
shown_names = names_for

PENDING = ConnectionRequestStatus.PENDING


def _unknown_member() -> ValidationError:
    return ValidationError({"username": _("No member has that username.")})


def people_of(user: User):
    """The active members `user` is connected with, by display name. One query when evaluated."""
    return User.objects.filter(pk__in=Connection.partner_ids(user), is_active=True).order_by("display_name", "pk")


def request_connection(from_user: User, to_user: User | None, message: str = "") -> ConnectionRequest:
    """Ask `to_user` to connect and notify them (their notification names the sender, never the message).

    When `to_user` already asked `from_user`, that request is accepted instead and returned (status accepted).
    `to_user` None (nobody has the username typed), inactive, or blocked either way are all answered alike.
    """
    message = (message or "").strip()
    if to_user is None or not to_user.is_active:
        raise _unknown_member()
    if to_user.pk == from_user.pk:
        raise ValidationError({"username": _("That is you. Choose another member.")})
    if is_blocked_between(from_user, to_user):
        raise _unknown_member()
    if len(message) > ConnectionRequest.MAX_MESSAGE:
        raise ValidationError(
            {"message": _("Keep the message to %(count)d characters.") % {"count": ConnectionRequest.MAX_MESSAGE}}
        )
    if Connection.between(from_user, to_user):
        raise ValidationError({"username": _("You are already connected with this member.")})
    theirs = ConnectionRequest.objects.filter(from_user=to_user, to_user=from_user, status=PENDING).first()
    if theirs is not None:
        accept_request(from_user, theirs)
        return theirs
    try:
        with transaction.atomic():
            request = ConnectionRequest.objects.create(from_user=from_user, to_user=to_user, message=message)
    except IntegrityError:
        raise ValidationError({"username": _("You already asked this member; their answer is up to them.")}) from None
    _notify(
        to_user,
        kind="connection_request",
        text=_("%(name)s asked to connect with you.") % {"name": name_for(to_user, from_user)},
    )
    return request


def _decide(request: ConnectionRequest, status: ConnectionRequestStatus) -> None:
    """Close a pending request, under a row lock so that two answers cannot both win."""
    locked = ConnectionRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != PENDING:
        raise ValidationError({"request": _("This request is no longer waiting for an answer.")})
    request.status = status
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])


def accept_request(user: User, request: ConnectionRequest) -> Connection:
    """The recipient accepts: the two are connected both ways and the sender is told."""
    if request.to_user_id != user.pk:
        raise ValidationError({"request": _("Only the member who was asked can answer.")})
    if is_blocked_between(user, request.from_user):
        raise ValidationError({"request": _("This request is no longer waiting for an answer.")})
    with transaction.atomic():
        _decide(request, ConnectionRequestStatus.ACCEPTED)
        connection = services.connect(request.from_user, user)
        _notify(
            request.from_user,
            kind="connection_accepted",
            text=_("%(name)s accepted your request to connect.") % {"name": name_for(request.from_user, user)},
        )
    return connection


def decline_request(user: User, request: ConnectionRequest) -> None:
    """The recipient declines. Nobody is notified."""
    if request.to_user_id != user.pk:
        raise ValidationError({"request": _("Only the member who was asked can answer.")})
    with transaction.atomic():
        _decide(request, ConnectionRequestStatus.DECLINED)


def withdraw_request(user: User, request: ConnectionRequest) -> None:
    """The sender takes their request back. Nobody is notified."""
    if request.from_user_id != user.pk:
        raise ValidationError({"request": _("Only the member who asked can withdraw.")})
    with transaction.atomic():
        _decide(request, ConnectionRequestStatus.WITHDRAWN)


def remove_connection(user: User, other: User) -> None:
    """Either side ends the connection. Nobody is notified."""
    if not Connection.between(user, other):
        raise ValidationError({"username": _("You are not connected with this member.")})
    services.disconnect(user, other)


def _notify(user: User, *, kind: str, text: str) -> None:
    notify(user, kind=kind, text=text, url=reverse("accounts:people"))
