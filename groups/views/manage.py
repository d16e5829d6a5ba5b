"""Group pages: managing a group (its facilitators and the site's administrators; everyone else gets 404).

The group's fields, its meetings in the directory, its guidelines, members and roles, join requests, invitations.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.connections import shown_name, shown_names
from directory.models import Meeting

from ..access import get_group_for_viewer
from ..forms import add_service_errors
from ..forms.groups import (
    GroupForm,
    GuidelinesForm,
    InviteLinkForm,
    InviteMemberForm,
    MeetingLinkForm,
    MeetingSearchForm,
    RemoveMemberForm,
    RoleForm,
)
from ..models import GroupRole, JoinRequest, Membership, RequestStatus
from ..services import groups as services
from ..services import membership as members

MEMBERS_PER_PAGE = 50
REQUESTS_PER_PAGE = 50
MEETING_RESULTS = 20


def _name(viewer, rows, person: str) -> None:
    """Give each row `shown_name`: the name of its `person` as the facilitator may see it (one query)."""
    rows = list(rows)
    names = shown_names(viewer, [getattr(row, person) for row in rows])
    for row in rows:
        row.shown_name = names[getattr(row, f"{person}_id")]


def _posted_id(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _render(request, template, group, section, **context):
    status = 400 if any(getattr(f, "errors", None) for f in context.values()) else 200
    return render(request, template, {"group": group, "section": section, **context}, status=status)


@login_required
def manage(request, slug):
    group = get_group_for_viewer(request.user, slug, require_facilitator=True)
    initial = {name: getattr(group, name) for name in services.GROUP_FIELDS}
    form = GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_group(group, request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group is updated."))
            return redirect("groups:manage", group.slug)
    pending = JoinRequest.objects.filter(group=group, status=RequestStatus.PENDING).count()
    return _render(request, "groups/manage/edit.html", group, "edit", form=form, pending=pending)


@login_required
def manage_meetings(request, slug):
    group = get_group_for_viewer(request.user, slug, require_facilitator=True)
    link_form = MeetingLinkForm(request.POST if request.POST.get("action") == "link" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "unlink":
            services.unlink_meeting(group, request.user, request.POST.get("meeting", ""))
            messages.success(request, _("The meeting is no longer shown on the group's page."))
            return redirect("groups:manage_meetings", group.slug)
        if action == "link" and link_form.is_valid():
            try:
                services.link_meeting(group, request.user, link_form.cleaned_data["meeting"])
            except ValidationError as error:
                add_service_errors(link_form, error, fallback="meeting")
            else:
                messages.success(request, _("The meeting is shown on the group's page."))
                return redirect("groups:manage_meetings", group.slug)
    search_form = MeetingSearchForm(request.GET or None)
    results = []
    if search_form.is_valid() and search_form.cleaned_data["q"]:
        words = search_form.cleaned_data["q"].split()[:5]
        results = Meeting.objects.filter(is_active=True).select_related("program")
        for word in words:
            results = results.filter(
                Q(name__icontains=word) | Q(location_name__icontains=word) | Q(formatted_address__icontains=word)
            )
        results = list(results.order_by("name", "pk")[:MEETING_RESULTS])
    linked = group.meetings.select_related("program").order_by("day", "time", "pk")
    return _render(
        request,
        "groups/manage/meetings.html",
        group,
        "meetings",
        link_form=link_form,
        search_form=search_form,
        results=results,
        linked=linked,
    )


@login_required
def manage_guidelines(request, slug):
    group = get_group_for_viewer(request.user, slug, require_facilitator=True)
    current = services.current_guidelines(group)
    form = GuidelinesForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_guidelines(group, request.user, form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The new guidelines are current. Members accept them on their next visit."))
            return redirect("groups:manage_guidelines", group.slug)
    versions = group.guidelines_versions.select_related("created_by").order_by("-version")[:20]
    return _render(
        request, "groups/manage/guidelines.html", group, "guidelines", form=form, current=current, versions=versions
    )


@login_required
def manage_members(request, slug):
    group = get_group_for_viewer(request.user, slug, require_facilitator=True)
    form = RoleForm(request.POST or None)
    if request.method == "POST":
        membership = get_object_or_404(Membership, group=group, pk=_posted_id(request, "membership"))
        if form.is_valid():
            try:
                members.set_role(request.user, membership, form.cleaned_data["role"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(name)s is now: %(role)s.")
                    % {"name": shown_name(request.user, membership.user), "role": GroupRole(membership.role).label},
                )
        else:
            messages.error(request, _("Choose a role."))
        return redirect(reverse("groups:manage_members", args=[group.slug]) + f"?page={request.GET.get('page', 1)}")
    memberships = Membership.objects.roster(group)
    page = Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    _name(request.user, page, "user")
    return _render(
        request, "groups/manage/members.html", group, "members", page=page, roles=GroupRole.choices, now=timezone.now()
    )


@login_required
def manage_remove_member(request, slug, membership_id):
    group = get_group_for_viewer(request.user, slug, require_facilitator=True)
    membership = get_object_or_404(Membership.objects.select_related("user", "group"), group=group, pk=membership_id)
    form = RemoveMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            members.remove_member(request.user, membership, form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error, fallback="reason")
        else:
            name = shown_name(request.user, membership.user)
            messages.success(request, _("%(name)s is no longer in the group.") % {"name": name})
            return redirect("groups:manage_members", group.slug)
    return _render(request, "groups/manage/remove_member.html", group, "members", form=form, membership=membership)


@login_required
def manage_requests(request, slug):
    group = get_group_for_viewer(request.user, slug, require_facilitator=True)
    if request.method == "POST":
        join_request = get_object_or_404(
            JoinRequest.objects.select_related("user", "group"), group=group, pk=_posted_id(request, "request")
        )
        approve = request.POST.get("decision") == "approve"
        try:
            members.decide_request(request.user, join_request, approve)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            name = shown_name(request.user, join_request.user)
            messages.success(
                request, (_("%(name)s is now a member.") if approve else _("Request declined.")) % {"name": name}
            )
        return redirect("groups:manage_requests", group.slug)
    pending = JoinRequest.objects.filter(group=group, status=RequestStatus.PENDING).select_related("user")
    page = Paginator(pending.order_by("created_at", "pk"), REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    _name(request.user, page, "user")
    return _render(request, "groups/manage/requests.html", group, "requests", page=page)


@login_required
def manage_invitations(request, slug):
    group = get_group_for_viewer(request.user, slug, require_facilitator=True)
    action = request.POST.get("action") if request.method == "POST" else None
    invite_form = InviteMemberForm(request.POST if action == "invite" else None)
    link_form = InviteLinkForm(request.POST if action == "link" else None)
    new_link = None
    if action == "revoke":
        invitation = get_object_or_404(group.invitations.all(), pk=_posted_id(request, "invitation"))
        members.revoke_invitation(request.user, invitation)
        messages.success(request, _("Invitation revoked."))
        return redirect("groups:manage_invitations", group.slug)
    if action == "invite" and invite_form.is_valid():
        try:
            invitation = members.invite_member(request.user, group, **invite_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(invite_form, error, fallback="username")
        else:
            name = shown_name(request.user, invitation.invited)
            messages.success(request, _("%(name)s is invited and has been notified.") % {"name": name})
            return redirect("groups:manage_invitations", group.slug)
    if action == "link" and link_form.is_valid():
        try:
            _invitation, token = members.create_invite_link(request.user, group, **link_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(link_form, error, fallback="expires_at")
        else:
            # Shown this once, never stored: the page is rendered, not redirected.
            new_link = request.build_absolute_uri(reverse("groups:invite_link", args=[token]))
            link_form = InviteLinkForm()
    invitations = list(members.open_invitations().filter(group=group).select_related("invited", "created_by")[:100])
    _name(request.user, [inv for inv in invitations if inv.invited is not None], "invited")
    return _render(
        request,
        "groups/manage/invitations.html",
        group,
        "invitations",
        invite_form=invite_form,
        link_form=link_form,
        new_link=new_link,
        invitations=invitations,
    )


urlpatterns = [
    path("groups/<slug:slug>/manage/", manage, name="manage"),
    path("groups/<slug:slug>/manage/meetings/", manage_meetings, name="manage_meetings"),
    path("groups/<slug:slug>/manage/guidelines/", manage_guidelines, name="manage_guidelines"),
    path("groups/<slug:slug>/manage/members/", manage_members, name="manage_members"),
    path(
        "groups/<slug:slug>/manage/members/<int:membership_id>/remove/",
        manage_remove_member,
        name="manage_remove_member",
    ),
    path("groups/<slug:slug>/manage/requests/", manage_requests, name="manage_requests"),
    path("groups/<slug:slug>/manage/invitations/", manage_invitations, name="manage_invitations"),
]
