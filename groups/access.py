"""Who may see and do what in groups. Views, the API and consumers all ask here; nothing checks by hand.

Reading: `get_group_for_viewer` (the group's public page; with `require_membership` its members list, with
`require_facilitator` its management pages), `get_group_for_reader` (its discussion, resources and events),
`get_thread_for_reader`, `get_post_for_reader` (with `require_author` for editing and deleting). Each takes a slug
or, for the API, `group_id=`. Anything a viewer may not read answers 404; a post they read but did not write
answers 403 to an edit (it exists for them, it is just not theirs).
Acting: `membership_of`, `is_group_staff`, `can_post` (with the reason when not).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.access import is_site_moderator, is_suspended
from accounts.models import Role
from accounts.naming import UNNAMED as NAMING_UNNAMED

from .models import Event, Group, GroupRole, Membership, Post, Resource, Thread

# Beside what a member wrote in a group, one who keeps their name from the viewer is "A member" (accounts.naming):
# never their username, which would say who wrote it.
UNNAMED = NAMING_UNNAMED


def _lookup(slug: str | None, group_id: int | None) -> dict:
    if (slug is None) == (group_id is None):
        raise TypeError("Name the group by slug or by group_id, not both.")
    return {"slug": slug} if slug is not None else {"pk": group_id}


def get_group_for_viewer(
    user,
    slug: str | None = None,
    *,
    group_id: int | None = None,
    require_membership: bool = False,
    require_facilitator: bool = False,
) -> Group:
    """The group if `user` may see it at all; 404 otherwise (an unlisted group does not exist to outsiders).

    `require_membership`: only its members (the members list). `require_facilitator`: only its facilitators and the
    site's administrators, who manage any group, unlisted ones included. One query, plus one for each flag.
    """
    groups = Group.objects.all() if require_facilitator else Group.objects.visible_to(user)
    group = get_object_or_404(groups.select_related("program"), **_lookup(slug, group_id))
    if require_membership and membership_of(user, group) is None:
        raise Http404
    if require_facilitator and not is_facilitator(user, group):
        raise Http404
    return group


def membership_of(user, group) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(group=group, user=user).first()


def is_group_staff(user, group, membership: Membership | None = None) -> bool:
    """Facilitators and moderators of this group, and the site's moderators and administrators."""
    if user is None or not user.is_authenticated:
        return False
    if is_site_moderator(user):
        return True
    membership = membership or membership_of(user, group)
    return membership is not None and membership.role in (GroupRole.FACILITATOR, GroupRole.MODERATOR)


def is_facilitator(user, group, membership: Membership | None = None) -> bool:
    """Facilitators manage members, requests, invitations and pinned posts (site administrators may too)."""
    if user is None or not user.is_authenticated:
        return False
    if user.has_role(Role.ADMIN):
        return True
    membership = membership or membership_of(user, group)
    return membership is not None and membership.role == GroupRole.FACILITATOR


def get_group_for_reader(user, slug: str | None = None, *, group_id: int | None = None) -> Group:
    """The group if `user` may read its discussion, resources and events (members, or every member of the site
    when the group opens its discussion); 404 for anyone else, including anonymous visitors and, whichever way the
    group is named, suspended members."""
    group = get_object_or_404(Group.objects.readable_by(user).select_related("program"), **_lookup(slug, group_id))
    if is_suspended(user):
        raise Http404
    return group


def get_thread_for_reader(user, thread_id: int) -> Thread:
    """A thread `user` may read, in a group they may read (suspended members read nothing); 404 otherwise."""
    thread = get_object_or_404(Thread.objects.visible_to(user).select_related("group", "author"), pk=thread_id)
    get_group_for_reader(user, group_id=thread.group_id)
    return thread


def get_resource_for_reader(user, resource_id: int) -> Resource:
    """A resource of the site's library (members) or of a group the user may read; 404 otherwise."""
    return get_object_or_404(Resource.objects.visible_to(user).select_related("group", "author"), pk=resource_id)


def get_event_for_reader(user, event_id: int) -> Event:
    """A site-wide event (members) or an event of a group the user may read; 404 otherwise."""
    return get_object_or_404(Event.objects.visible_to(user).select_related("group", "organizer"), pk=event_id)


def get_post_for_reader(user, post_id: int, *, require_author: bool = False) -> Post:
    """A post `user` may read, in a group they may read (suspended members read nothing); 404 otherwise.

    `require_author` (editing, deleting): a post the reader may see but did not write answers 403, on the page and
    in the API alike; 404 would hide nothing, since the post is in front of them."""
    post = get_object_or_404(Post.objects.visible_to(user).select_related("thread__group", "author"), pk=post_id)
    get_group_for_reader(user, group_id=post.thread.group_id)
    if require_author and post.author_id != user.pk:
        raise PermissionDenied(_("Only the person who wrote a post can edit or delete it."))
    return post


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str | Promise = ""  # shown to the member: a lazy translation

    def __bool__(self) -> bool:
        return self.allowed


def can_post(user, group, membership: Membership | None = None) -> Permission:
    """Whether `user` may start threads and reply in `group`, and if not, why (shown to them, kindly)."""
    if user is None or not user.is_authenticated:
        return Permission(False, _("Log in to take part."))
    membership = membership or membership_of(user, group)
    if membership is None:
        return Permission(False, _("Join the group to take part."))
    current = group.guidelines_versions.values_list("version", flat=True).first() or 0
    if membership.guidelines_version < current:
        return Permission(False, _("The group's guidelines have changed: read and accept them to post again."))
    if is_suspended(user):
        return Permission(False, _("Your account is suspended for now."))
    if membership.muted_until and membership.muted_until > timezone.now():
        return Permission(False, _("A moderator has paused your posting in this group for a while."))
    return Permission(True)
