"""/api/v1/resources: the resource libraries, through the same visibility and services as the pages.

Files are added through the page only (multipart upload with the browser's form); the API adds links and written
resources (coping strategies, tools, readings) and lists and downloads nothing but metadata — a file resource
gives `file_url`, the page route that checks access again.
"""

from datetime import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import field_validator

from accounts.api_byline import BylineOut
from lib.paging import page_field, page_of
from lib.vocabularies import Domain

from ..access import get_group_for_reader, get_resource_for_reader
from ..models import Resource, ResourceHelped, ResourceKind
from ..models.resources import Need
from ..naming import bylines_of_items
from ..services import resources as services

router = Router(tags=["resources"])

MAX_LIMIT = 100


class ResourceOut(Schema):
    id: int
    group: int | None = Field(..., description="The group's id; null for the site's library.")
    kind: str
    title: str
    description: str = Field(..., description="Markdown source.")
    html: str = Field(..., description="Sanitised HTML of the description.")
    url: str
    file_url: str | None = Field(..., description="Download through the site (access checked); null when no file.")
    file_type: str
    file_size: int
    domains: list[str]
    needs: list[str]
    helped_count: int
    helped_by_me: bool
    author: str | None = Field(..., description="Who shared it, as you may see them: “A member” when kept private.")
    by: BylineOut | None = Field(None, description="Who shared it: the name shown, their username and roles beside it.")
    created_at: datetime


class ResourcePage(Schema):
    items: list[ResourceOut]
    page: int
    has_next: bool


class ResourceFilters(Schema):
    group: int | None = Field(None, description="Only this group's library (a group you may read).")
    site: bool = Field(False, description="Only the site's library.")
    domain: str = ""
    need: str = ""
    kind: str = ""
    q: str = Field("", max_length=100)
    page: int = page_field()
    limit: int = Field(20, ge=1, le=MAX_LIMIT)

    @field_validator("domain")
    @classmethod
    def known_domain(cls, value):
        if value and value not in Domain.values:
            raise ValueError(f"must be one of {', '.join(Domain.values)}")
        return value

    @field_validator("need")
    @classmethod
    def known_need(cls, value):
        if value and value not in Need.values:
            raise ValueError(f"must be one of {', '.join(Need.values)}")
        return value

    @field_validator("kind")
    @classmethod
    def known_kind(cls, value):
        if value and value not in ResourceKind.values:
            raise ValueError(f"must be one of {', '.join(ResourceKind.values)}")
        return value


class ResourceIn(Schema):
    model_config = {"extra": "forbid"}

    group: int | None = Field(None, description="A group you may post in; null for the site's library (site staff).")
    kind: str = Field(..., description="coping, tool, reading or link (files: through the page).")
    title: str = Field(..., max_length=150)
    description: str = Field("", max_length=services.MAX_DESCRIPTION)
    url: str = Field("", max_length=500)
    domains: list[str] = Field(default_factory=list, max_length=len(Domain.values))
    needs: list[str] = Field(default_factory=list, max_length=len(Need.values))


class HelpedOut(Schema):
    helped_by_me: bool
    helped_count: int


def _out(resource: Resource, helped_ids: set[int], authors: dict) -> dict:
    return {
        "id": resource.pk,
        "group": resource.group_id,
        "kind": resource.kind,
        "title": resource.title,
        "description": resource.description,
        "html": resource.html,
        "url": resource.url,
        "file_url": reverse("groups:resource_file", args=[resource.pk]) if resource.file else None,
        "file_type": resource.file_type,
        "file_size": resource.file_size,
        "domains": resource.domains,
        "needs": resource.needs,
        "helped_count": resource.helped_count,
        "helped_by_me": resource.pk in helped_ids,
        "author": authors[resource.pk].name if resource.author_id else None,
        "by": authors[resource.pk].as_dict() if resource.author_id else None,
        "created_at": resource.created_at,
    }


def _authors(user, resources) -> dict:
    """Who shared each resource, as `user` may see them (accounts.naming; three queries), by resource id."""
    return dict(zip([r.pk for r in resources], bylines_of_items(user, resources, "author"), strict=True))


def _helped_ids(user, resources) -> set[int]:
    ids = [resource.pk for resource in resources]
    if not ids:
        return set()
    return set(ResourceHelped.objects.filter(user=user, resource_id__in=ids).values_list("resource_id", flat=True))


@router.get("/resources", response=ResourcePage, summary="Resources you may see (the site's and your groups')")
def list_resources(request, filters: Query[ResourceFilters]):
    group = get_group_for_reader(request.auth, group_id=filters.group) if filters.group is not None else None
    queryset = services.find_resources(
        request.auth,
        group=group,
        site_only=filters.site,
        domain=filters.domain,
        need=filters.need,
        kind=filters.kind,
        q=filters.q,
    )
    paged = page_of(queryset, filters.page, filters.limit)
    items = paged.items
    helped = _helped_ids(request.auth, items)
    authors = _authors(request.auth, items)
    return {"items": [_out(r, helped, authors) for r in items], "page": filters.page, "has_next": paged.has_next}


@router.get("/resources/{resource_id}", response=ResourceOut, summary="One resource")
def get_resource(request, resource_id: int):
    resource = get_resource_for_reader(request.auth, resource_id)
    return _out(resource, _helped_ids(request.auth, [resource]), _authors(request.auth, [resource]))


@router.post("/resources", response={201: ResourceOut}, summary="Add a link or a written resource")
def add_resource(request, payload: ResourceIn):
    data = payload.model_dump()
    group_id = data.pop("group")
    group = get_group_for_reader(request.auth, group_id=group_id) if group_id is not None else None
    if data["kind"] == ResourceKind.FILE:
        raise DjangoValidationError({"kind": "Files are added through the site's page."})
    resource = services.add_resource(request.auth, group=group, **data)
    resource = get_resource_for_reader(request.auth, resource.pk)
    return Status(201, _out(resource, set(), _authors(request.auth, [resource])))


@router.post("/resources/{resource_id}/helped", response=HelpedOut, summary="Say “this helped me”")
def mark_helped(request, resource_id: int):
    resource = services.set_helped(request.auth, get_resource_for_reader(request.auth, resource_id), True)
    return {"helped_by_me": True, "helped_count": resource.helped_count}


@router.delete("/resources/{resource_id}/helped", response=HelpedOut, summary="Take back “this helped me”")
def unmark_helped(request, resource_id: int):
    resource = services.set_helped(request.auth, get_resource_for_reader(request.auth, resource_id), False)
    return {"helped_by_me": False, "helped_count": resource.helped_count}


@router.delete("/resources/{resource_id}", response={204: None}, summary="Remove a resource (author or staff)")
def delete_resource(request, resource_id: int):
    resource = get_resource_for_reader(request.auth, resource_id)
    if not services.can_delete(request.auth, resource):
        raise HttpError(403, "Only the person who added it or the group's staff can remove it.")
    services.delete_resource(request.auth, resource)
    return Status(204, None)
