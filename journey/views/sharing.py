"""Sharing pages: share one item, see and withdraw what I share, and read what others share with me."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import find_member_for
from accounts.connections import connection_name, people_of
from accounts.naming import UNNAMED, names_for
from groups.models import Group

from ..access import get_own, get_share_for_owner, get_share_for_viewer
from ..forms.counters import add_service_errors
from ..forms.sharing import ShareForm
from ..models import Share
from ..services import sharing as services
from ..sharing import SHAREABLE


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@login_required
def share_item(request, kind, pk):
    if kind not in SHAREABLE:
        raise Http404
    shareable = SHAREABLE[kind]
    item = get_own(shareable.model, request.user, pk)
    groups = Group.objects.filter(memberships__user=request.user).order_by("name")
    initial = {}
    if request.GET.get("milestone"):
        initial["message"] = _("I reached %(milestone)s!") % {"milestone": request.GET["milestone"][:60]}
    form = ShareForm(
        request.POST if request.method == "POST" else None,
        groups=groups,
        people=[(p.username, connection_name(p)) for p in people_of(request.user)],
        allow_groups=shareable.to_groups,
        initial=initial,
    )
    back = _next(request, request.path)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = data.get("to_person") or data["to_user"]
        to_user = find_member_for(request.user, person) if person else None
        to_group = groups.filter(pk=data["to_group"]).first() if data.get("to_group") else None
        if data["to_user"] and to_user is None:
            form.add_error("to_user", _("No member has that username."))
        else:
            try:
                services.share_item(request.user, item, to_user=to_user, to_group=to_group, message=data["message"])
            except ValidationError as error:
                person_field = "to_person" if data.get("to_person") else "to_user"
                # The service names the person "to_user"; show its words next to the field the member used.
                errors = {(person_field if k == "to_user" else k): v for k, v in error.message_dict.items()}
                add_service_errors(form, ValidationError(errors), fallback=person_field)
            else:
                messages.success(request, _("Shared. You can withdraw it at any time."))
                return redirect(back)
    shares = list(Share.objects.for_item(item).select_related("to_user", "to_group"))
    _name(request.user, [share for share in shares if share.to_user_id], "to_user")
    context = {
        "item": item,
        "kind": kind,
        "shareable": shareable,
        "form": form,
        "shares": shares,
        "next": back,
    }
    return render(request, "journey/share.html", context)


@login_required
@require_POST
def withdraw(request, share_id):
    share = get_share_for_owner(request.user, share_id)
    services.withdraw_share(share)
    messages.success(request, _("No longer shared."))
    return redirect(_next(request, "journey:my_shares"))


@login_required
def my_shares(request):
    shares = (
        Share.objects.owned_by(request.user)
        .select_related("to_user", "to_group", "content_type")
        .prefetch_related("item")  # one query per kind of item, not one per share
    )
    rows = [(share, share.item) for share in shares]
    _name(request.user, [share for share, _item in rows], "to_user")
    return render(request, "journey/my_shares.html", {"rows": [r for r in rows if r[1] is not None]})


@login_required
def shared_with_me(request):
    shares = (
        Share.objects.visible_to(request.user)
        .select_related("owner", "to_group", "content_type")
        .prefetch_related("item")
    )
    rows = [(share, share.item) for share in shares]
    _name(request.user, [share for share, _item in rows], "owner", hidden=UNNAMED)
    return render(request, "journey/shared_with_me.html", {"rows": [r for r in rows if r[1] is not None]})


@login_required
def shared_item(request, share_id):
    share = get_share_for_viewer(request.user, share_id)
    shareable = SHAREABLE[share.content_type.model]
    _name(request.user, [share], "owner", hidden=UNNAMED)
    context = {"share": share, "item": share.item, "shareable": shareable}
    return render(request, "journey/shared_item.html", context)


def _name(viewer, shares, person: str, hidden=None) -> None:
    """Give each share `<person>_name`: that person as `viewer` may see them (accounts.naming, one query)."""
    names = names_for(viewer, [getattr(share, person) for share in shares], hidden=hidden)
    for share in shares:
        setattr(share, f"{person}_name", names[getattr(share, f"{person}_id")])


urlpatterns = [
    path("me/recovery/share/<slug:kind>/<int:pk>/", share_item, name="share"),
    path("me/recovery/shares/", my_shares, name="my_shares"),
    path("me/recovery/shares/<int:share_id>/withdraw/", withdraw, name="withdraw_share"),
    path("shared-with-me/", shared_with_me, name="shared_with_me"),
    path("shared-with-me/<int:share_id>/", shared_item, name="shared_item"),
]
