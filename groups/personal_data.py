"""What groups keep about a member, for "Download my data"; and what "Delete my account" erases first.

Deleting the member removes memberships, requests, reactions, reads, RSVPs and notes received by cascade. Their
posts lose their author (SET_NULL) — so the eraser below first empties their words, leaving "deleted" in place so
that a thread's numbering holds. Notes they sent are deleted. A thread they started keeps the others' replies under
a neutral title, or goes when nobody else wrote in it. Events they organised and resources they added go, with the
resource's file.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.connections import shown_names
from lib.personal_data import model_row, register_eraser, register_exporter

from .access import UNNAMED
from .models import (
    RSVP,
    Event,
    Invitation,
    JoinRequest,
    Membership,
    Mention,
    Post,
    Reaction,
    Resource,
    ResourceHelped,
    SupportNote,
    Thread,
    ThreadRead,
)
from .services.resources import erase_resources_of


@register_exporter(
    "groups",
    models=("groups.Membership", "groups.JoinRequest", "groups.Invitation", "groups.Guidelines", "groups.Group"),
)
def export_groups(user) -> dict:
    return {
        "memberships": [
            {"group": m.group.name, **model_row(m, skip=("group", "user"))}
            for m in Membership.objects.filter(user=user).select_related("group")
        ],
        "join_requests": [
            {"group": r.group.name, **model_row(r, skip=("group", "user", "decided_by"))}
            for r in JoinRequest.objects.filter(user=user).select_related("group")
        ],
        "invitations_received": [
            {"group": i.group.name, **model_row(i, skip=("group", "invited", "created_by", "token_hash"))}
            for i in Invitation.objects.filter(invited=user).select_related("group")
        ],
    }


@register_exporter(
    "discussion",
    models=("groups.Thread", "groups.Post", "groups.Reaction", "groups.Mention", "groups.ThreadRead"),
)
def export_discussion(user) -> dict:
    return {
        "threads_started": [
            {"group": t.group.name, "title": t.title, "created_at": t.created_at.isoformat()}
            for t in Thread.objects.filter(author=user).select_related("group")
        ],
        "posts": [
            {"group": p.thread.group.name, "thread": p.thread.title, **model_row(p, skip=("author", "thread", "html"))}
            for p in Post.objects.filter(author=user).select_related("thread__group")
        ],
        "reactions": [model_row(r, skip=("user",)) for r in Reaction.objects.filter(user=user)],
        "mentions_of_me": [m.post_id for m in Mention.objects.filter(user=user)],
        "read_positions": [model_row(r, skip=("user",)) for r in ThreadRead.objects.filter(user=user)],
    }


@register_exporter("support_notes", models=("groups.SupportNote",))
def export_notes(user) -> dict:
    received = list(SupportNote.objects.filter(recipient=user).select_related("sender"))
    # The sender's name as the member may see it (the one rule, accounts.connections.shown_name).
    senders = shown_names(user, [n.sender for n in received], hidden=UNNAMED)
    return {
        "received": [
            {"from": senders[n.sender_id] if n.sender else None, **model_row(n, skip=("sender", "recipient", "html"))}
            for n in received
        ],
        "sent": [model_row(n, skip=("sender", "html")) for n in SupportNote.objects.filter(sender=user)],
    }


@register_exporter(
    "resources_and_events",
    models=("groups.Resource", "groups.ResourceHelped", "groups.Event", "groups.RSVP"),
)
def export_resources_and_events(user) -> dict:
    return {
        "resources_added": [model_row(r, skip=("author", "html")) for r in Resource.objects.filter(author=user)],
        "helped_me": [h.resource_id for h in ResourceHelped.objects.filter(user=user)],
        "events_organised": [model_row(e, skip=("organizer", "html")) for e in Event.objects.filter(organizer=user)],
        "rsvps": [model_row(r, skip=("user",)) for r in RSVP.objects.filter(user=user)],
    }


@register_eraser
def erase_words(user) -> None:
    """Before the member's row goes: empty their posts (kept as "deleted" for numbering) and delete notes sent."""
    Post.objects.filter(author=user).update(body="", html="", deleted_at=timezone.now())
    SupportNote.objects.filter(sender=user).delete()
    for thread in Thread.objects.filter(author=user):
        if Post.objects.filter(thread=thread, deleted_at__isnull=True).exists():
            thread.title = _("A conversation started by a member who has left")
            thread.save(update_fields=["title"])
        else:
            thread.delete()
    # An event names a place and a time the organiser chose; past or future, it goes with them (RSVPs by cascade).
    Event.objects.filter(organizer=user).delete()
    erase_resources_of(user)
