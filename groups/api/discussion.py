"""/api/v1/ for a group's discussion: threads, posts, reactions, read marks.

The same access functions (404 for what the caller may not read) and services as the pages. Posts answer `html`
(sanitised) and, to their author only, `body`. A post whose words read as someone at risk is saved (posting is
never blocked), moderators are alerted, and the 201 answer tells the writer alone `at_risk` and `help_url`.
Lists are paginated (`?page=`, `?limit=`) with a fixed number of queries.
"""

from datetime import datetime

from django.db.models import Count, Q
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status

from accounts.api_byline import BylineOut
from accounts.blocks import blocked_ids
from accounts.naming import Byline
from lib.paging import counted_page_of, page_field

from ..access import get_group_for_reader, get_post_for_reader, get_thread_for_reader
from ..models import ContentStatus, Post, Reaction, ReactionKind, Thread, ThreadRead
from ..naming import group_bylines
from ..services import discussion as services

router = Router(tags=["discussion"])

MAX_LIMIT = 100


class PageQuery(Schema):
    model_config = {"extra": "forbid"}

    page: int = page_field()
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


class ThreadOut(Schema):
    id: int
    group: int
    title: str
    author: str = Field(..., description="The name shown: display name, or “A member” when kept private.")
    by: BylineOut = Field(..., description="Who started it: the name shown, their username and roles beside it.")
    created_at: datetime
    last_post_at: datetime
    post_count: int
    unread: int = Field(..., description="Posts after the caller's read mark.")
    pinned: bool
    locked: bool
    slow_mode_seconds: int


class ThreadPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ThreadOut]


class ReactionOut(Schema):
    kind: str
    count: int
    mine: bool


class PostOut(Schema):
    id: int
    thread: int
    number: int
    author: str = Field(..., description="The name shown: display name, or “A member” when kept private.")
    by: BylineOut = Field(..., description="Who wrote it: the name shown, their username and roles beside it.")
    mine: bool
    html: str
    body: str | None = Field(None, description="The Markdown source, for its author only.")
    quote: int | None = Field(None, description="The quoted post's id, when it is still available to the caller.")
    created_at: datetime
    edited_at: datetime | None
    deleted: bool
    status: str
    reactions: list[ReactionOut]
    at_risk: bool | None = Field(None, description="Only in the writer's own answer to a new post.")
    help_url: str | None = None


class PostPage(Schema):
    count: int
    page: int
    pages: int
    items: list[PostOut]


class ThreadIn(Schema):
    model_config = {"extra": "forbid"}

    title: str = Field(..., max_length=services.MAX_TITLE)
    body: str = Field(..., max_length=services.MAX_BODY)


class ThreadCreated(ThreadOut):
    first_post: PostOut


class PostIn(Schema):
    model_config = {"extra": "forbid"}

    body: str = Field(..., max_length=services.MAX_BODY)
    quote: int | None = None


class PostPatch(Schema):
    model_config = {"extra": "forbid"}

    body: str = Field(..., max_length=services.MAX_BODY)


class ReadIn(Schema):
    model_config = {"extra": "forbid"}

    up_to: int = Field(..., ge=0, description="The highest post number read.")


class ReadOut(Schema):
    last_read: int
    unread: int


def _thread_out(thread: Thread, last_read: int, author: Byline) -> dict:
    return {
        "id": thread.pk,
        "group": thread.group_id,
        "title": thread.title,
        "author": author.name,
        "by": author.as_dict(),
        "created_at": thread.created_at,
        "last_post_at": thread.last_post_at,
        "post_count": thread.post_count,
        "unread": max(0, thread.post_count - last_read),
        "pinned": thread.pinned,
        "locked": thread.locked,
        "slow_mode_seconds": thread.slow_mode_seconds,
    }


def _starter(user, thread: Thread) -> Byline:
    return group_bylines(user, thread.group_id, [thread.author])[thread.author_id]


def _posts_out(user, posts: list[Post]) -> list[dict]:
    """One aggregate query for the reactions and one for blocks, whatever the number of posts."""
    counts: dict[int, dict[str, tuple[int, bool]]] = {}
    rows = (
        Reaction.objects.filter(post_id__in=[p.pk for p in posts])
        .values("post_id", "kind")
        .annotate(n=Count("id"), mine=Count("id", filter=Q(user=user)))
    )
    for row in rows:
        counts.setdefault(row["post_id"], {})[row["kind"]] = (row["n"], row["mine"] > 0)
    blocked = blocked_ids(user) if any(p.quote_id for p in posts) else set()
    group_id = posts[0].thread.group_id if posts else None
    names = group_bylines(user, group_id, [post.author for post in posts])
    out = []
    for post in posts:
        quote = post.quote
        quote_ok = bool(
            quote is not None
            and quote.deleted_at is None
            and quote.status == ContentStatus.VISIBLE
            and quote.author_id not in blocked
        )
        mine = post.author_id == user.pk
        reactions = counts.get(post.pk, {})
        out.append(
            {
                "id": post.pk,
                "thread": post.thread_id,
                "number": post.number,
                "author": names[post.author_id].name,
                "by": names[post.author_id].as_dict(),
                "mine": mine,
                "html": post.html,
                "body": post.body if mine else None,
                "quote": quote.pk if quote_ok and quote is not None else None,
                "created_at": post.created_at,
                "edited_at": post.edited_at,
                "deleted": post.deleted_at is not None,
                "status": post.status,
                "reactions": [{"kind": kind, "count": n, "mine": own} for kind, (n, own) in sorted(reactions.items())],
            }
        )
    return out


def _with_risk(data: dict, post) -> dict:
    if getattr(post, "at_risk", False):
        data["at_risk"] = True
        data["help_url"] = reverse("safety:help")
    return data


@router.get("/groups/{group_id}/threads", response=ThreadPage, summary="Threads of a group")
def list_threads(request, group_id: int, params: Query[PageQuery]):
    group = get_group_for_reader(request.auth, group_id=group_id)
    threads = Thread.objects.visible_to(request.auth).filter(group=group).select_related("author")
    page = counted_page_of(threads.order_by("-pinned", "-last_post_at", "-pk"), params.page, params.limit, clamp=True)
    items = page.items
    last_read = dict(
        ThreadRead.objects.filter(user=request.auth, thread__in=[t.pk for t in items]).values_list(
            "thread_id", "last_read"
        )
    )
    names = group_bylines(request.auth, group, [t.author for t in items])
    return {
        "count": page.count,
        "page": page.page,
        "pages": page.pages,
        "items": [_thread_out(t, last_read.get(t.pk, 0), names[t.author_id]) for t in items],
    }


@router.post("/groups/{group_id}/threads", response={201: ThreadCreated}, summary="Start a thread")
def create_thread(request, group_id: int, payload: ThreadIn):
    group = get_group_for_reader(request.auth, group_id=group_id)
    thread = services.start_thread(request.auth, group, title=payload.title, body=payload.body)
    post = thread.first_post
    post.quote = None
    data = _thread_out(thread, thread.post_count, _starter(request.auth, thread))
    data["first_post"] = _with_risk(_posts_out(request.auth, [post])[0], post)
    return Status(201, data)


@router.get("/threads/{thread_id}", response=ThreadOut, summary="One thread")
def get_thread(request, thread_id: int):
    thread = get_thread_for_reader(request.auth, thread_id)
    read = ThreadRead.objects.filter(user=request.auth, thread=thread).values_list("last_read", flat=True).first()
    return _thread_out(thread, read or 0, _starter(request.auth, thread))


@router.get("/threads/{thread_id}/posts", response=PostPage, summary="Posts of a thread, oldest first")
def list_posts(request, thread_id: int, params: Query[PageQuery]):
    thread = get_thread_for_reader(request.auth, thread_id)
    posts = (
        Post.objects.visible_to(request.auth).filter(thread=thread).select_related("author", "quote").order_by("number")
    )
    page = counted_page_of(posts, params.page, params.limit, clamp=True)
    items = page.items
    return {
        "count": page.count,
        "page": page.page,
        "pages": page.pages,
        "items": _posts_out(request.auth, items),
    }


@router.post("/threads/{thread_id}/posts", response={201: PostOut}, summary="Reply in a thread")
def create_post(request, thread_id: int, payload: PostIn):
    thread = get_thread_for_reader(request.auth, thread_id)
    quote = None
    if payload.quote is not None:
        quote = Post.objects.visible_to(request.auth).filter(thread=thread, pk=payload.quote).first()
        if quote is None:
            raise ValidationError([{"loc": ("body", "quote"), "msg": "No post of this thread with that id."}])
    post = services.reply(request.auth, thread, body=payload.body, quote=quote)
    return Status(201, _with_risk(_posts_out(request.auth, [post])[0], post))


@router.patch("/posts/{post_id}", response=PostOut, summary="Edit my post (within the edit window)")
def edit_post(request, post_id: int, payload: PostPatch):
    post = get_post_for_reader(request.auth, post_id, require_author=True)
    services.edit_post(request.auth, post, payload.body)
    return _with_risk(_posts_out(request.auth, [post])[0], post)


@router.delete("/posts/{post_id}", response={204: None}, summary="Delete my post (it stays as “deleted”)")
def delete_post(request, post_id: int):
    post = get_post_for_reader(request.auth, post_id, require_author=True)
    services.delete_own_post(request.auth, post)
    return Status(204, None)


def _kind(kind: str) -> str:
    if kind not in ReactionKind.values:
        raise ValidationError([{"loc": ("path", "kind"), "msg": f"must be one of {', '.join(ReactionKind.values)}"}])
    return kind


@router.post("/posts/{post_id}/reactions/{kind}", response={201: PostOut}, summary="React with support")
def add_reaction(request, post_id: int, kind: str):
    post = get_post_for_reader(request.auth, post_id)
    services.react(request.auth, post, _kind(kind))
    return Status(201, _posts_out(request.auth, [post])[0])


@router.delete("/posts/{post_id}/reactions/{kind}", response={204: None}, summary="Take back a reaction")
def remove_reaction(request, post_id: int, kind: str):
    post = get_post_for_reader(request.auth, post_id)
    services.unreact(request.auth, post, _kind(kind))
    return Status(204, None)


@router.post("/threads/{thread_id}/read", response=ReadOut, summary="Mark a thread read up to a post number")
def mark_read(request, thread_id: int, payload: ReadIn):
    thread = get_thread_for_reader(request.auth, thread_id)
    last_read = services.mark_read(request.auth, thread, payload.up_to)
    return {"last_read": last_read, "unread": max(0, thread.post_count - last_read)}
