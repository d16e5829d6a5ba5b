"""/api/v1/groups: finding groups, joining, leaving, requests, members and guidelines.

The same QuerySets, access checks and services as the pages: a group the caller may not see answers 404 (an
unlisted group does not exist for anyone but its members), and a service's field errors answer 400 naming the field.
"""

from datetime import datetime

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from accounts.api_byline import BylineOut
from accounts.blocks import blocked_ids
from accounts.naming import bylines
from lib.paging import counted_page_of, page_field

from ..access import get_group_for_viewer, is_facilitator, membership_of
from ..models import Group, GroupKind, Membership
from ..naming import GROUP_BADGES
from ..services import groups as services
from ..services import membership as members

router = Router(tags=["groups"])

MAX_LIMIT = 100


class ProgramOut(Schema):
    slug: str
    name: str


class GroupOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    program: ProgramOut | None
    description: str
    eligibility: str
    visibility: str = Field(..., description="open, request (join by request) or unlisted (by invitation).")
    readable_by_site_members: bool
    is_member: bool


class GroupDetailOut(GroupOut):
    member_count: int
    guidelines_version: int = Field(..., description="The current version; 0 when the group has none.")
    my_role: str | None
    my_guidelines_version: int | None = Field(..., description="The version you accepted, when you are a member.")
    meetings: list[int] = Field(..., description="Ids of its meetings in the directory (/api/v1/meetings/{id}).")


class GroupPage(Schema):
    count: int
    page: int
    limit: int
    next_page: int | None
    items: list[GroupOut]


class GroupMemberOut(Schema):
    display_name: str = Field(..., description="“A member” when their profile keeps their name from you.")
    by: BylineOut = Field(..., description="The name shown, their username beside it and their roles.")
    role: str
    joined_at: datetime


class MemberPage(Schema):
    count: int
    page: int
    limit: int
    next_page: int | None
    items: list[GroupMemberOut]


class MembershipOut(Schema):
    group_id: int
    role: str
    joined_at: datetime
    guidelines_version: int


class GuidelinesOut(Schema):
    version: int
    text: str
    created_at: datetime | None
    my_accepted_version: int | None


class JoinIn(Schema):
    model_config = {"extra": "forbid"}

    accept_guidelines_version: int = Field(..., ge=0, description="The current guidelines version, accepted.")


class JoinRequestIn(JoinIn):
    message: str = Field("", max_length=members.MAX_MESSAGE)


class LeaveIn(Schema):
    model_config = {"extra": "forbid"}

    successor_username: str | None = Field(
        None, max_length=150, description="When you are the last facilitator: the member who takes over."
    )


class GuidelinesIn(Schema):
    model_config = {"extra": "forbid"}

    text: str = Field(..., min_length=1, max_length=services.MAX_GUIDELINES)


class AcceptIn(Schema):
    model_config = {"extra": "forbid"}

    version: int = Field(..., ge=0)


class JoinRequestOut(Schema):
    id: int
    status: str
    created_at: datetime


class GroupFilters(Schema):
    q: str = Field("", max_length=100, description="Words in the name or description.")
    kind: GroupKind | None = None
    program: str | None = Field(None, max_length=50, description="A program's slug.")
    mine: bool = False
    page: int = page_field()
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


class PageParams(Schema):
    page: int = page_field()
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


def _group_out(group: Group, is_member: bool) -> dict:
    return {
        "id": group.pk,
        "slug": group.slug,
        "name": group.name,
        "kind": group.kind,
        "program": {"slug": group.program.slug, "name": group.program.name} if group.program else None,
        "description": group.description,
        "eligibility": group.eligibility,
        "visibility": group.visibility,
        "readable_by_site_members": group.readable_by_site_members,
        "is_member": is_member,
    }


def _detail_out(user, group: Group) -> dict:
    membership = membership_of(user, group)
    return {
        **_group_out(group, membership is not None),
        "member_count": group.memberships.count(),
        "guidelines_version": services.current_version(group),
        "my_role": membership.role if membership else None,
        "my_guidelines_version": membership.guidelines_version if membership else None,
        "meetings": list(group.meetings.order_by("pk").values_list("pk", flat=True)),
    }


def _membership_out(membership: Membership) -> dict:
    return {
        "group_id": membership.group_id,
        "role": membership.role,
        "joined_at": membership.joined_at,
        "guidelines_version": membership.guidelines_version,
    }


@router.get("/groups", response=GroupPage, summary="Groups you may see")
def list_groups(request, filters: Query[GroupFilters]):
    """Listed groups, and the unlisted ones you belong to; filters: words, kind, program slug, your groups only."""
    groups = Group.objects.listed_for(
        request.auth, words=filters.q, kind=filters.kind, program=filters.program, mine=filters.mine
    )
    page = counted_page_of(groups, filters.page, filters.limit)
    return {
        "count": page.count,
        "page": filters.page,
        "limit": filters.limit,
        "next_page": page.next_page,
        "items": [_group_out(g, g.is_mine) for g in page.items],
    }


@router.get("/groups/{group_id}", response=GroupDetailOut, summary="One group")
def get_group(request, group_id: int):
    return _detail_out(request.auth, get_group_for_viewer(request.auth, group_id=group_id))


@router.post("/groups/{group_id}/join", response={201: MembershipOut}, summary="Join an open group")
def join_group(request, group_id: int, payload: JoinIn):
    group = get_group_for_viewer(request.auth, group_id=group_id)
    membership = members.join_group(request.auth, group, payload.accept_guidelines_version)
    return Status(201, _membership_out(membership))


@router.post("/groups/{group_id}/leave", response={204: None}, summary="Leave a group")
def leave_group(request, group_id: int, payload: LeaveIn | None = None):
    group = get_group_for_viewer(request.auth, group_id=group_id)
    membership = membership_of(request.auth, group)
    if membership is None:
        raise HttpError(404, "You are not a member of this group.")
    successor = None
    if payload and payload.successor_username:
        successor = members.successor_by_username(membership, payload.successor_username)
    members.leave_group(membership, successor=successor)
    return Status(204, None)


@router.post("/groups/{group_id}/requests", response={201: JoinRequestOut}, summary="Ask to join a group")
def request_to_join(request, group_id: int, payload: JoinRequestIn):
    group = get_group_for_viewer(request.auth, group_id=group_id)
    join_request = members.request_to_join(
        request.auth,
        group,
        payload.message,
        accept_guidelines_version=payload.accept_guidelines_version,
    )
    return Status(201, {"id": join_request.pk, "status": join_request.status, "created_at": join_request.created_at})


@router.get("/groups/{group_id}/members", response=MemberPage, summary="Members of a group you belong to")
def list_members(request, group_id: int, params: Query[PageParams]):
    """For members of the group only (everyone else: 404). Display name, role and joined date; oldest first."""
    user = request.auth
    group = get_group_for_viewer(user, group_id=group_id, require_membership=True)
    page = counted_page_of(Membership.objects.roster(group, leave_out=blocked_ids(user)), params.page, params.limit)
    items = page.items
    staff = {m.user_id: [GROUP_BADGES[m.role]] for m in items if m.role in GROUP_BADGES}
    names = bylines(user, [m.user for m in items], roles=staff)
    return {
        "count": page.count,
        "page": params.page,
        "limit": params.limit,
        "next_page": page.next_page,
        "items": [
            {
                "display_name": names[m.user_id].name,
                "by": names[m.user_id].as_dict(),
                "role": m.role,
                "joined_at": m.joined_at,
            }
            for m in items
        ],
    }


def _guidelines_out(user, group: Group) -> dict:
    current = services.current_guidelines(group)
    membership = membership_of(user, group)
    return {
        "version": current.version if current else 0,
        "text": current.text if current else "",
        "created_at": current.created_at if current else None,
        "my_accepted_version": membership.guidelines_version if membership else None,
    }


@router.get("/groups/{group_id}/guidelines", response=GuidelinesOut, summary="A group's current guidelines")
def get_guidelines(request, group_id: int):
    group = get_group_for_viewer(request.auth, group_id=group_id)
    return _guidelines_out(request.auth, group)


@router.post("/groups/{group_id}/guidelines", response={201: GuidelinesOut}, summary="Publish a new version")
def publish_guidelines(request, group_id: int, payload: GuidelinesIn):
    """Facilitators only: the text becomes the current version, and members are asked to accept it again."""
    group = get_group_for_viewer(request.auth, group_id=group_id)
    if not is_facilitator(request.auth, group):
        raise HttpError(403, "Only the group's facilitators publish its guidelines.")
    services.publish_guidelines(group, request.auth, payload.text)
    return Status(201, _guidelines_out(request.auth, group))


@router.post("/groups/{group_id}/guidelines/accept", response=MembershipOut, summary="Accept the current guidelines")
def accept_guidelines(request, group_id: int, payload: AcceptIn):
    group = get_group_for_viewer(request.auth, group_id=group_id)
    membership = membership_of(request.auth, group)
    if membership is None:
        raise HttpError(404, "You are not a member of this group.")
    membership = services.accept_guidelines(membership, payload.version)
    return _membership_out(membership)
