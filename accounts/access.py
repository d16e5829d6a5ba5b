"""Who may see what of a member. Views, the API and consumers all ask here."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import PROFILE_FIELDS, Connection, PersonalAccessToken, User, Visibility

_RANK = {
    Visibility.ONLY_ME: 0,
    Visibility.CONNECTIONS: 1,
    Visibility.MEMBERS: 2,
    Visibility.EVERYONE: 3,
}


def relationship(viewer, member: User) -> Visibility:
    """The widest visibility level that `viewer` falls within for `member` (ONLY_ME means: is the member)."""
    if viewer is not None and viewer.is_authenticated:
        if viewer.pk == member.pk:
            return Visibility.ONLY_ME
        if Connection.between(viewer, member):
            return Visibility.CONNECTIONS
        return Visibility.MEMBERS
    return Visibility.EVERYONE


def can_see_field(viewer, member: User, field: str) -> bool:
    if viewer is not None and viewer.is_authenticated and viewer.pk == member.pk:
        return True
    level = Visibility(getattr(member, f"{field}_visibility"))
    if level == Visibility.ONLY_ME:
        return False
    return _RANK[level] >= _RANK[relationship(viewer, member)]


def visible_profile(viewer, member: User) -> dict:
    """The profile fields of `member` that `viewer` may see, by name; absent fields are hidden."""
    shown = {}
    for field in PROFILE_FIELDS:
        if not can_see_field(viewer, member, field):
            continue
        if field == "fellowships":
            shown[field] = [p.name for p in member.fellowships.all()]
        else:
            shown[field] = getattr(member, field)
    return shown


def get_member_for_viewer(viewer, username: str) -> tuple[User, dict]:
    """The member and what `viewer` may see of them; 404 when the viewer may see nothing at all."""
    member = get_object_or_404(User, username=username, is_active=True)
    shown = visible_profile(viewer, member)
    if "display_name" not in shown:
        raise Http404("No such member.")
    return member, shown


def get_token_for_owner(user: User, token_id: int) -> PersonalAccessToken:
    return get_object_or_404(PersonalAccessToken, pk=token_id, user=user)


def get_request_for_recipient(user, request_id: int):
    """A pending connection request to `user`; 404 for anyone else's, or one already answered."""
    from .connections import incoming_requests

    return get_object_or_404(incoming_requests(user), pk=request_id)


def get_request_for_sender(user, request_id: int):
    """A pending connection request `user` sent; 404 for anyone else's, or one already answered."""
    from .connections import outgoing_requests

    return get_object_or_404(outgoing_requests(user), pk=request_id)
