"""Pages: the member's blocks (list, block, unblock). The blocked person is never told."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import blocks as services
from .models import User
from .naming import name_for, names_for


@login_required
def block_list(request):
    blocks = list(services.blocks_made_by(request.user))
    names = names_for(request.user, [b.blocked for b in blocks])
    for b in blocks:
        b.shown_name = names[b.blocked_id]
    return render(request, "accounts/blocks/list.html", {"blocks": blocks})


@login_required
def block(request, username):
    other = get_object_or_404(User.objects.filter(is_active=True), username=username)
    already = services.blocks_made_by(request.user).filter(blocked=other).exists()
    error = ""
    if request.method == "POST":
        try:
            services.block(request.user, other)
        except ValidationError as problem:
            error = " ".join(m for msgs in problem.message_dict.values() for m in msgs)
        else:
            messages.success(
                request,
                _("You have blocked %(name)s. You won't see each other's posts and notes any more.")
                % {"name": name_for(request.user, other)},
            )
            return redirect("accounts:blocks")
    context = {
        "other": other,
        "other_name": name_for(request.user, other),
        "already": already,
        "error": error,
        "self_block": other.pk == request.user.pk,
    }
    return render(request, "accounts/blocks/confirm.html", context)


@login_required
@require_POST
def unblock(request, username):
    other = get_object_or_404(User, username=username)
    if services.unblock(request.user, other):
        messages.success(request, _("You have unblocked %(name)s.") % {"name": name_for(request.user, other)})
    return redirect("accounts:blocks")


urlpatterns = [
    path("me/blocks/", block_list, name="blocks"),
    path("me/blocks/add/<str:username>/", block, name="block"),
    path("me/blocks/<str:username>/unblock/", unblock, name="unblock"),
]
