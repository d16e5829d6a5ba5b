"""Who may see and do what in groups. Views, the API and consumers all ask here; nothing checks by hand.

Reading: `get_group_for_viewer` (the group's public page), `get_group_for_reader` (its discussion, resources and
events), `get_thread_for_reader`, `get_post_for_reader`. Anything a viewer may not read answers 404.
Acting: `membership_of`, `is_group_staff`, `can_post` (with the reason when not).
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import is_site_moderator, is_suspended
from accounts.models import Role

from .models import Event, Group, GroupRole, Membership, Post, Resource, Thread


def get_group_for_viewer(user, slug: str) -> Group:
    """The group if `user` may see it at all; 404 otherwise (an unlisted group does not exist to outsiders)."""
    return get_object_or_404(Group.objects.visible_to(user).select_related("program"), slug=slug)


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


def get_group_for_reader(user, slug: str) -> Group:
    """The group if `user` may read its discussion, resources and events (members, or every member of the site
    when the group opens its discussion); 404 for anyone else, including anonymous visitors."""
    group = get_object_or_404(Group.objects.readable_by(user).select_related("program"), slug=slug)
    if is_suspended(user):
        raise Http404
    return group


def get_group_for_reader_by_id(user, group_id: int) -> Group:
    """As `get_group_for_reader`, by id (the API's filters name groups by id)."""
    group = Group.objects.readable_by(user).filter(pk=group_id).first()
    if group is None:
        raise Http404("No such group.")
    return group


def get_thread_for_reader(user, thread_id: int) -> Thread:
    return get_object_or_404(Thread.objects.visible_to(user).select_related("group", "author"), pk=thread_id)


def get_resource_for_reader(user, resource_id: int) -> Resource:
    """A resource of the site's library (members) or of a group the user may read; 404 otherwise."""
    return get_object_or_404(Resource.objects.visible_to(user).select_related("group", "author"), pk=resource_id)


def get_event_for_reader(user, event_id: int) -> Event:
    """A site-wide event (members) or an event of a group the user may read; 404 otherwise."""
    return get_object_or_404(Event.objects.visible_to(user).select_related("group", "organizer"), pk=event_id)


def get_post_for_reader(user, post_id: int) -> Post:
    return get_object_or_404(Post.objects.visible_to(user).select_related("thread__group", "author"), pk=post_id)


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str = ""

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
