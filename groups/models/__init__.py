"""Groups and mutual aid, one module per part; import from here (`from groups.models import Thread`)."""

from .discussion import ContentStatus, Mention, Post, Reaction, ReactionKind, Thread, ThreadRead
from .events import RSVP, Event, EventKind, EventStatus, RSVPStatus
from .groups import (
    Group,
    GroupKind,
    GroupQuerySet,
    GroupRole,
    GroupVisibility,
    Guidelines,
    Invitation,
    JoinRequest,
    Membership,
    MembershipQuerySet,
    RequestStatus,
)
from .notes import SupportNote
from .resources import Need, Resource, ResourceHelped, ResourceKind

__all__ = [
    "RSVP",
    "ContentStatus",
    "Event",
    "EventKind",
    "EventStatus",
    "Group",
    "GroupKind",
    "GroupQuerySet",
    "GroupRole",
    "GroupVisibility",
    "Guidelines",
    "Invitation",
    "JoinRequest",
    "Membership",
    "MembershipQuerySet",
    "Mention",
    "Need",
    "Post",
    "RSVPStatus",
    "Reaction",
    "ReactionKind",
    "RequestStatus",
    "Resource",
    "ResourceHelped",
    "ResourceKind",
    "SupportNote",
    "Thread",
    "ThreadRead",
]
