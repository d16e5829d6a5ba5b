import json

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.personal_data import export_for

from . import services
from .access import get_member_for_viewer, get_token_for_owner, is_site_moderator, require_recent_authentication
from .forms import DeleteAccountForm, ProfileForm, TokenForm


@login_required
def account_home(request):
    context = {"mfa_enabled": is_mfa_enabled(request.user), "is_site_moderator": is_site_moderator(request.user)}
    return render(request, "accounts/home.html", context)


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, fellowships=form.cleaned_data["fellowships"], **_profile_fields(form))
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


def _profile_fields(form: ProfileForm) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "fellowships"}


def member_detail(request, username):
    member, shown = get_member_for_viewer(request.user, username)
    return render(request, "accounts/member_detail.html", {"member": member, "shown": shown})


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html")


@login_required
def my_data_download(request):
    payload = {
        "format": "peerhaven-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "data": export_for(request.user),
    }
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="peerhaven-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, _("Your account and everything in it has been deleted. Take care."))
        return redirect("home")
    return render(request, "accounts/delete_account.html", {"form": form})


@login_required
def tokens(request):
    """The member's tokens; creating one needs a recent password or MFA (allauth asks for it, then comes back)."""
    if request.method == "POST":
        require_recent_authentication(request)
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.create_api_token(
                request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                scopes=form.cleaned_data["scopes"],
            )
        except ValidationError as refused:
            form.add_error(None, refused.messages)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "tokens": request.user.api_tokens.all(),
        "new_token": new_token,
        "tokens_max": settings.API_TOKENS_MAX,
    }
    response = render(request, "accounts/tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, token_id):
    require_recent_authentication(request)
    token = get_token_for_owner(request.user, token_id)
    services.revoke_api_token(token)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("accounts:tokens")
