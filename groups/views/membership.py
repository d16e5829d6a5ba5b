"""Group pages: joining (open groups, requests, invitations by name or link), accepting new guidelines, leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.connections import shown_names

from ..access import get_group_for_viewer, membership_of
from ..forms import add_service_errors
from ..forms.groups import AcceptGuidelinesForm, JoinRequestForm, LeaveForm
from ..models import JoinRequest, RequestStatus
from ..services import groups as services
from ..services import membership as members
from .groups import detail_context


def _detail_with_errors(request, group, **forms):
    return render(request, "groups/group_detail.html", detail_context(request, group, **forms), status=400)


def _group_level_error(request, group, error: ValidationError):
    """Errors about the group itself (already a member, wrong kind of group) are told at the top of its page."""
    if "group" not in error.message_dict:
        return None
    messages.error(request, " ".join(error.message_dict["group"]))
    return redirect("groups:detail", group.slug)


def _accepted_version(form) -> int | None:
    return form.cleaned_data["version"] if form.cleaned_data.get("accept") else None


@login_required
@require_POST
def join(request, slug):
    group = get_group_for_viewer(request.user, slug)
    form = AcceptGuidelinesForm(request.POST, auto_id="join_%s")
    if form.is_valid():
        try:
            members.join_group(request.user, group, _accepted_version(form))
        except ValidationError as error:
            if answer := _group_level_error(request, group, error):
                return answer
            add_service_errors(form, error, fallback="accept")
        else:
            messages.success(request, _("Welcome to %(group)s.") % {"group": group.name})
            return redirect("groups:detail", group.slug)
    return _detail_with_errors(request, group, join_form=form)


@login_required
@require_POST
def ask_to_join(request, slug):
    group = get_group_for_viewer(request.user, slug)
    form = JoinRequestForm(request.POST, auto_id="request_%s")
    if form.is_valid():
        try:
            members.request_to_join(
                request.user, group, form.cleaned_data["message"], accept_guidelines_version=_accepted_version(form)
            )
        except ValidationError as error:
            if answer := _group_level_error(request, group, error):
                return answer
            add_service_errors(form, error, fallback="accept")
        else:
            messages.success(request, _("Your request is with the facilitators. You'll get a notification."))
            return redirect("groups:detail", group.slug)
    return _detail_with_errors(request, group, request_form=form)


@login_required
@require_POST
def withdraw_request(request, slug):
    group = get_group_for_viewer(request.user, slug)
    join_request = get_object_or_404(JoinRequest, group=group, user=request.user, status=RequestStatus.PENDING)
    members.withdraw_request(join_request)
    messages.success(request, _("Your request is withdrawn."))
    return redirect("groups:detail", group.slug)


@login_required
@require_POST
def accept_guidelines(request, slug):
    group = get_group_for_viewer(request.user, slug)
    membership = membership_of(request.user, group)
    if membership is None:
        raise Http404
    form = AcceptGuidelinesForm(request.POST, auto_id="accept_%s")
    if form.is_valid():
        try:
            services.accept_guidelines(membership, _accepted_version(form))
        except ValidationError as error:
            add_service_errors(form, error, fallback="accept")
        else:
            messages.success(request, _("Thank you: you can take part again."))
            return redirect("groups:detail", group.slug)
    return _detail_with_errors(request, group, accept_form=form)


@login_required
def leave(request, slug):
    group = get_group_for_viewer(request.user, slug)
    membership = membership_of(request.user, group)
    if membership is None:
        raise Http404
    successors = members.successor_choices(membership)
    names = shown_names(request.user, [m.user for m in successors])
    for successor in successors:
        successor.shown_name = names[successor.user_id]
    form = LeaveForm(request.POST if request.method == "POST" else None, successors=successors)
    if request.method == "POST" and form.is_valid():
        successor = None
        if form.cleaned_data.get("successor"):
            successor = next((m for m in successors if str(m.pk) == form.cleaned_data["successor"]), None)
        try:
            members.leave_group(membership, successor=successor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("You have left %(group)s. You are welcome back any time.") % {"group": group.name}
            )
            return redirect("groups:list")
    return render(request, "groups/leave.html", {"group": group, "form": form})


def _invitation_page(request, invitation, form=None):
    group = invitation.group
    guidelines = services.current_guidelines(group)
    form = form or AcceptGuidelinesForm(initial={"version": guidelines.version if guidelines else 0})
    context = {
        "invitation": invitation,
        "group": group,
        "guidelines": guidelines,
        "form": form,
        "already_member": membership_of(request.user, group) is not None,
    }
    return render(request, "groups/invitation.html", context, status=400 if form.errors else 200)


def _answer_invitation(request, invitation):
    if request.method == "POST" and request.POST.get("action") == "decline" and invitation.invited_id:
        members.decline_invitation(request.user, invitation)
        messages.success(request, _("Invitation declined."))
        return redirect("groups:list")
    if request.method == "POST":
        form = AcceptGuidelinesForm(request.POST)
        if form.is_valid():
            try:
                members.accept_invitation(request.user, invitation, _accepted_version(form))
            except ValidationError as error:
                add_service_errors(form, error, fallback="accept")
            else:
                messages.success(request, _("Welcome to %(group)s.") % {"group": invitation.group.name})
                return redirect("groups:detail", invitation.group.slug)
        return _invitation_page(request, invitation, form)
    return _invitation_page(request, invitation)


@login_required
def invitation(request, invitation_id):
    """An invitation made to this member by name: the group, its guidelines, accept or decline."""
    found = get_object_or_404(
        members.open_invitations().select_related("group", "group__program", "created_by"),
        pk=invitation_id,
        invited=request.user,
    )
    return _answer_invitation(request, found)


@login_required
def invite_link(request, token):
    """An invitation link: whoever holds it (and is logged in) sees the group and its guidelines, then joins."""
    found = members.invitation_for_token(token)
    if found is None:
        raise Http404
    return _answer_invitation(request, found)


urlpatterns = [
    path("groups/invite/<str:token>/", invite_link, name="invite_link"),
    path("groups/invitations/<int:invitation_id>/", invitation, name="invitation"),
    path("groups/<slug:slug>/join/", join, name="join"),
    path("groups/<slug:slug>/request/", ask_to_join, name="request"),
    path("groups/<slug:slug>/request/withdraw/", withdraw_request, name="withdraw_request"),
    path("groups/<slug:slug>/guidelines/accept/", accept_guidelines, name="accept_guidelines"),
    path("groups/<slug:slug>/leave/", leave, name="leave"),
]
