"""Moderation pages: "talk to a moderator", offered with the help shown before posting."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from groups.access import get_group_for_reader

from ..alerts import ask_to_talk


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def _readable_group(user, value):
    """The group the member was writing in, if they may read it; anything else is ignored, never an error (someone
    asking for help must never meet a form error)."""
    try:
        return get_group_for_reader(user, group_id=int(value))
    except (TypeError, ValueError, Http404):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def talk_to_moderator(request):
    """GET: a page with the one button. POST: tell the moderators (and the group's facilitators) that this member
    asked to talk; an HTMX request gets just the confirmation, in place of the button."""
    next_url = _safe_next(request)
    if request.method == "GET":
        return render(request, "moderation/talk/talk_to_moderator.html", {"next": next_url})
    ask_to_talk(request.user, group=_readable_group(request.user, request.POST.get("group")))
    if request.htmx:
        return render(request, "moderation/talk/_talk_requested.html", {"next": next_url})
    return render(request, "moderation/talk/talk_requested.html", {"next": next_url})


urlpatterns: list = [
    path("help/talk-to-a-moderator/", talk_to_moderator, name="talk_to_moderator"),
]
