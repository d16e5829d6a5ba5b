"""Group pages: the list of groups, a group's own page, starting a group, and the members page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from accounts.blocks import blocked_ids
from accounts.naming import bylines

from ..access import get_group_for_viewer, is_facilitator, is_group_staff, membership_of
from ..forms import add_service_errors
from ..forms.groups import AcceptGuidelinesForm, GroupFilterForm, JoinRequestForm, NewGroupForm
from ..models import Group, GroupVisibility, JoinRequest, Membership, RequestStatus
from ..sections import group_page_sections
from ..services import groups as services
from ..services import membership as members

GROUPS_PER_PAGE = 20
MEMBERS_PER_PAGE = 50


def group_list(request):
    form = GroupFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        program = data["program"]
        filters = {"words": data["q"], "kind": data["kind"], "program": program.slug if program else None}
        filters["mine"] = data["mine"]
    groups = Group.objects.listed_for(request.user, **filters)
    page = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_create": services.may_create_groups(request.user),
    }
    return render(request, "groups/group_list.html", context)


def detail_context(request, group: Group, **forms) -> dict:
    """Everything the group page shows for this viewer; `forms` are bound forms to show with their errors."""
    user = request.user
    membership = membership_of(user, group)
    guidelines = services.current_guidelines(group)
    version = guidelines.version if guidelines else 0
    readable = user.is_authenticated and Group.objects.readable_by(user).filter(pk=group.pk).exists()
    invitation = members.pending_invitation_for(user, group) if membership is None else None
    pending_request = None
    if user.is_authenticated and membership is None and group.visibility == GroupVisibility.REQUEST:
        pending_request = JoinRequest.objects.filter(group=group, user=user, status=RequestStatus.PENDING).first()
    initial = {"version": version}
    context = {
        "group": group,
        "membership": membership,
        "member_count": group.memberships.count(),
        "guidelines": guidelines,
        "needs_acceptance": membership is not None and membership.guidelines_version < version,
        "readable": readable,
        "invitation": invitation,
        "pending_request": pending_request,
        "meetings": group.meetings.select_related("program").order_by("day", "time", "pk"),
        "sections": group_page_sections(user, group, membership),
        "manage": is_facilitator(user, group, membership) if user.is_authenticated else False,
        "moderates": is_group_staff(user, group, membership),
        "join_form": forms.get("join_form") or AcceptGuidelinesForm(initial=initial, auto_id="join_%s"),
        "request_form": forms.get("request_form") or JoinRequestForm(initial=initial, auto_id="request_%s"),
        "accept_form": forms.get("accept_form") or AcceptGuidelinesForm(initial=initial, auto_id="accept_%s"),
    }
    return context


def group_detail(request, slug):
    group = get_group_for_viewer(request.user, slug)
    return render(request, "groups/group_detail.html", detail_context(request, group))


@login_required
def group_create(request):
    if not services.may_create_groups(request.user):
        raise Http404
    form = NewGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(request, _("“%(name)s” is ready. You are its facilitator.") % {"name": group.name})
            return redirect("groups:detail", group.slug)
    return render(request, "groups/group_form.html", {"form": form})


@login_required
def group_members(request, slug):
    """The members of the group, for its members: display name, role and when they joined."""
    group = get_group_for_viewer(request.user, slug, require_membership=True)
    memberships = Membership.objects.roster(group, leave_out=blocked_ids(request.user))
    page = Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    # The role has its own column: the bylines add @username and the site's roles only.
    names = bylines(request.user, [m.user for m in page])
    for m in page:
        m.shown_name = names[m.user_id]
    context = {"group": group, "page": page}
    return render(request, "groups/members.html", context)


urlpatterns = [
    path("groups/", group_list, name="list"),
    path("groups/new/", group_create, name="create"),
    path("groups/<slug:slug>/", group_detail, name="detail"),
    path("groups/<slug:slug>/members/", group_members, name="members"),
]
