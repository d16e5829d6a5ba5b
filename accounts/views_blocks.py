"""Pages: the member's blocks (list, block, unblock). The blocked person is never told. The block page answers the
same for any username, member or not (accounts/blocks.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import blocks as services
from .blocks_listed import blocked_list, name_for_blocker


@login_required
def block_list(request):
    return render(request, "accounts/blocks/list.html", {"blocks": blocked_list(request.user)})


@login_required
def block(request, username):
    other, already = services.block_target(request.user, username)
    _username, name = name_for_blocker(request.user, other, username)
    error = ""
    if request.method == "POST":
        try:
            services.block_username(request.user, username)
        except ValidationError as problem:
            error = " ".join(m for msgs in problem.message_dict.values() for m in msgs)
        else:
            messages.success(
                request,
                _("You have blocked %(name)s. You won't see each other's posts and notes any more.") % {"name": name},
            )
            return redirect("accounts:blocks")
    self_block = other is not None and other.pk == request.user.pk
    context = {"name": name, "already": already, "error": error, "self_block": self_block}
    return render(request, "accounts/blocks/confirm.html", context)


@login_required
@require_POST
def unblock(request, username):
    if services.unblock_username(request.user, username):
        _username, name = name_for_blocker(request.user, None, username)
        messages.success(request, _("You have unblocked %(name)s.") % {"name": name})
    return redirect("accounts:blocks")


urlpatterns = [
    path("me/blocks/", block_list, name="blocks"),
    path("me/blocks/add/<str:username>/", block, name="block"),
    path("me/blocks/<str:username>/unblock/", unblock, name="unblock"),
]
