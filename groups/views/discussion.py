"""Group pages: the discussion (threads, posts, reactions, staff actions on a thread).

Only readers of the group see any of it (members, or every member of the site when the group opens its
discussion); anyone else gets 404, anonymous visitors the login page. Every page is noindex.
Crisis language: before a post is saved, `safety.crisis.check_text` runs; when it reads as someone at risk and the
writer has not yet seen the offer of help, the form comes back with their text kept and the help above it. One more
press posts it: posting is never blocked.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.blocks import blocked_ids
from safety.crisis import check_text

from ..access import can_post, get_group_for_reader, get_post_for_reader, get_thread_for_reader, is_group_staff
from ..forms import add_service_errors
from ..forms.discussion import EditForm, ReplyForm, SlowModeForm, ThreadForm
from ..models import ContentStatus, Post, Reaction, ReactionKind, Thread, ThreadRead
from ..naming import group_bylines
from ..services import discussion as services

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 50


def _needs_help_first(form) -> str:
    """The kind of risk ("overdose", "suicide"…) when the text reads as someone at risk and the writer has not been
    offered help yet; else "". The help panel leads with what that kind needs."""
    if form.cleaned_data.get("seen_help"):
        return ""
    text = " ".join(str(form.cleaned_data.get(name) or "") for name in ("title", "body"))
    result = check_text(text)
    return result.kind if result.at_risk else ""


def _with_help_seen(form_class, request, **kwargs):
    """The same form, text kept, now carrying seen_help so that one more press posts it."""
    data = request.POST.copy()
    data["seen_help"] = "1"
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def _refused(request, error: PermissionDenied, form=None):
    reason = str(error) or _("You cannot do this here.")
    if form is not None:
        form.add_error(None, reason)
    else:
        messages.error(request, reason)


def _thread_in_group(request, slug: str, thread_id: int):
    group = get_group_for_reader(request.user, slug)
    thread = get_thread_for_reader(request.user, thread_id)
    if thread.group_id != group.pk:
        raise Http404
    thread.group = group
    return group, thread


@login_required
def thread_list(request, slug):
    group = get_group_for_reader(request.user, slug)
    threads = Thread.objects.visible_to(request.user).filter(group=group).select_related("author")
    page = Paginator(threads.order_by("-pinned", "-last_post_at", "-pk"), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    threads_on_page = list(page.object_list)
    last_read = dict(
        ThreadRead.objects.filter(user=request.user, thread__in=[t.pk for t in threads_on_page]).values_list(
            "thread_id", "last_read"
        )
    )
    names = group_bylines(request.user, group, [t.author for t in threads_on_page])
    for thread in threads_on_page:
        thread.unread = max(0, thread.post_count - last_read.get(thread.pk, 0))
        thread.shown_author = names[thread.author_id]
    context = {
        "group": group,
        "page": page,
        "threads": threads_on_page,
        "permission": can_post(request.user, group),
    }
    return render(request, "groups/discussion/thread_list.html", context)


@login_required
def thread_new(request, slug):
    group = get_group_for_reader(request.user, slug)
    permission = can_post(request.user, group)
    form = ThreadForm(request.POST or None)
    show_help = False
    if request.method == "POST" and permission and form.is_valid():
        show_help = _needs_help_first(form)
        if show_help:
            form = _with_help_seen(ThreadForm, request)
        else:
            try:
                thread = services.start_thread(request.user, group, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                _refused(request, error, form)
            else:
                messages.success(request, _("Your thread is posted. Thank you for sharing."))
                return redirect("groups:thread", group.slug, thread.pk)
    context = {"group": group, "form": form, "permission": permission, "show_help": show_help}
    return render(request, "groups/discussion/thread_new.html", context, status=200 if permission else 403)


def _decorate_posts(request, thread: Thread, posts: list[Post]) -> None:
    """What each post shows: author name, reactions (one aggregate query), quote, what the viewer may do."""
    ids = [post.pk for post in posts]
    counts: dict[int, dict[str, tuple[int, bool]]] = {}
    rows = (
        Reaction.objects.filter(post_id__in=ids)
        .values("post_id", "kind")
        .annotate(n=Count("id"), mine=Count("id", filter=Q(user=request.user)))
    )
    for row in rows:
        counts.setdefault(row["post_id"], {})[row["kind"]] = (row["n"], row["mine"] > 0)
    blocked = blocked_ids(request.user)
    authors = [post.author for post in posts] + [post.quote.author for post in posts if post.quote is not None]
    names = group_bylines(request.user, thread.group_id, authors)
    for post in posts:
        post.shown_author = names[post.author_id]
        post.is_mine = post.author_id == request.user.pk
        post.editable = services.can_edit(request.user, post)
        mine = counts.get(post.pk, {})
        post.reaction_rows = [
            {
                "kind": kind.value,
                "label": kind.label,
                "count": mine.get(kind.value, (0, False))[0],
                "mine": mine.get(kind.value, (0, False))[1],
            }
            for kind in ReactionKind
        ]
        quote = post.quote
        post.quote_available = bool(
            quote is not None
            and quote.deleted_at is None
            and quote.status == ContentStatus.VISIBLE
            and quote.author_id not in blocked
        )
        if quote is not None:
            quote.shown_author = names[quote.author_id]


def _thread_page(request, group, thread, reply_form, show_help=False, status=200):
    posts = (
        Post.objects.visible_to(request.user)
        .filter(thread=thread)
        .select_related("author", "quote", "quote__author")
        .order_by("number")
    )
    paginator = Paginator(posts, POSTS_PER_PAGE)
    page_number = request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if page_number == "last" else page_number)
    posts_on_page = list(page.object_list)
    _decorate_posts(request, thread, posts_on_page)
    if posts_on_page and request.method == "GET":
        services.mark_read(request.user, thread, posts_on_page[-1].number)
    permission = can_post(request.user, group)
    staff = is_group_staff(request.user, group)
    context = {
        "group": group,
        "thread": thread,
        "page": page,
        "posts": posts_on_page,
        "permission": permission,
        "may_reply": bool(permission) and (not thread.locked or staff),
        "is_staff": staff,
        "reply_form": reply_form,
        "slow_mode_form": SlowModeForm(initial={"seconds": thread.slow_mode_seconds}) if staff else None,
        "show_help": show_help,
        "thread_author": group_bylines(request.user, group, [thread.author])[thread.author_id],
        "edit_minutes": settings.POST_EDIT_MINUTES,
    }
    return render(request, "groups/discussion/thread.html", context, status=status)


def _quote_for(request, thread, value) -> Post | None:
    if not value:
        return None
    try:
        return Post.objects.visible_to(request.user).filter(thread=thread).get(pk=int(value))
    except (Post.DoesNotExist, ValueError, TypeError):
        return None


@login_required
def thread_detail(request, slug, thread_id):
    """The thread's posts, 50 a page (`?page=N` or `?page=last`); a POST here is a reply."""
    group, thread = _thread_in_group(request, slug, thread_id)
    if request.method != "POST":
        quoted = _quote_for(request, thread, request.GET.get("quote"))
        initial = {}
        if quoted is not None and quoted.deleted_at is None:
            initial = {"quote": quoted.pk}
        form = ReplyForm(initial=initial)
        form.quoted = quoted
        return _thread_page(request, group, thread, form)
    form = ReplyForm(request.POST)
    show_help = False
    if form.is_valid():
        show_help = _needs_help_first(form)
        if show_help:
            form = _with_help_seen(ReplyForm, request)
        else:
            data = form.cleaned_data
            quote = None
            if data.get("quote"):
                quote = _quote_for(request, thread, data["quote"])
                if quote is None:
                    form.add_error(None, _("That post cannot be quoted."))
            if not form.errors:
                try:
                    post = services.reply(
                        request.user, thread, body=data["body"], quote=quote, seen_help=data["seen_help"]
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                except PermissionDenied as error:
                    _refused(request, error, form)
                else:
                    messages.success(request, _("Your reply is posted."))
                    return redirect(services.post_url(post))
    form.quoted = _quote_for(request, thread, form.data.get("quote"))
    return _thread_page(request, group, thread, form, show_help=show_help, status=200 if show_help else 400)


@login_required
def post_link(request, post_id):
    """Where a post lives: its thread, on the right page, at its anchor (notifications link here)."""
    post = get_post_for_reader(request.user, post_id)
    before = Post.objects.visible_to(request.user).filter(thread=post.thread, number__lt=post.number).count()
    url = reverse("groups:thread", args=[post.thread.group.slug, post.thread_id])
    return redirect(f"{url}?page={before // POSTS_PER_PAGE + 1}#post-{post.number}")


@login_required
def post_edit(request, post_id):
    post = get_post_for_reader(request.user, post_id, require_author=True)
    group = post.thread.group
    form = EditForm(request.POST or None, initial={"body": post.body})
    show_help = False
    if not services.can_edit(request.user, post):
        messages.info(
            request,
            _("Posts can be edited for %(minutes)d minutes; this one can no longer be changed.")
            % {"minutes": settings.POST_EDIT_MINUTES},
        )
        return redirect(services.post_url(post))
    if request.method == "POST" and form.is_valid():
        show_help = _needs_help_first(form)
        if show_help:
            form = _with_help_seen(EditForm, request)
        else:
            try:
                services.edit_post(
                    request.user, post, form.cleaned_data["body"], seen_help=form.cleaned_data["seen_help"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                _refused(request, error, form)
            else:
                messages.success(request, _("Your post is updated."))
                return redirect(services.post_url(post))
    context = {"group": group, "post": post, "form": form, "show_help": show_help}
    return render(request, "groups/discussion/post_edit.html", context)


@login_required
def post_delete(request, post_id):
    post = get_post_for_reader(request.user, post_id, require_author=True)
    if request.method == "POST":
        services.delete_own_post(request.user, post)
        messages.success(request, _("Your post is deleted."))
        return redirect(services.post_url(post))
    return render(request, "groups/discussion/post_delete.html", {"group": post.thread.group, "post": post})


@login_required
@require_POST
def react(request, post_id):
    """Add (`op=add`, the default) or take back (`op=remove`) a reaction of support. With HTMX, answers just the
    post's reactions (and a line for screen readers); without, goes back to the post."""
    post = get_post_for_reader(request.user, post_id)
    group = post.thread.group
    kind = request.POST.get("kind", "")
    problem = ""
    try:
        if request.POST.get("op") == "remove":
            services.unreact(request.user, post, kind)
        else:
            services.react(request.user, post, kind)
    except ValidationError as error:
        problem = " ".join(m for msgs in error.message_dict.values() for m in msgs)
    except PermissionDenied as error:
        problem = str(error) or _("You cannot do this here.")
    if not request.htmx:
        if problem:
            messages.error(request, problem)
        return redirect(services.post_url(post))
    _decorate_posts(request, post.thread, [post])
    context = {"post": post, "may_react": bool(can_post(request.user, group)), "announcement": problem}
    return render(request, "groups/discussion/_reactions_swap.html", context)


@login_required
@require_POST
def thread_staff(request, slug, thread_id):
    """Pin, close or slow a thread (the group's facilitators and moderators)."""
    group, thread = _thread_in_group(request, slug, thread_id)
    if not is_group_staff(request.user, group):
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action in ("pin", "unpin"):
            services.pin_thread(request.user, thread, action == "pin")
            done = _("Thread pinned.") if action == "pin" else _("Thread unpinned.")
        elif action in ("lock", "unlock"):
            services.lock_thread(request.user, thread, action == "lock")
            done = _("Thread closed to new replies.") if action == "lock" else _("Thread open to replies again.")
        elif action == "slow_mode":
            services.set_slow_mode(request.user, thread, request.POST.get("seconds", ""))
            done = _("Slow mode updated.")
        else:
            raise ValidationError({"action": _("Unknown action.")})
    except ValidationError as error:
        messages.error(request, " ".join(m for msgs in error.message_dict.values() for m in msgs))
    else:
        messages.success(request, done)
    return redirect("groups:thread", group.slug, thread.pk)


urlpatterns = [
    path("groups/<slug:slug>/threads/", thread_list, name="threads"),
    path("groups/<slug:slug>/threads/new/", thread_new, name="thread_new"),
    path("groups/<slug:slug>/threads/<int:thread_id>/", thread_detail, name="thread"),
    path("groups/<slug:slug>/threads/<int:thread_id>/staff/", thread_staff, name="thread_staff"),
    path("groups/posts/<int:post_id>/", post_link, name="post_link"),
    path("groups/posts/<int:post_id>/edit/", post_edit, name="post_edit"),
    path("groups/posts/<int:post_id>/delete/", post_delete, name="post_delete"),
    path("groups/posts/<int:post_id>/react/", react, name="react"),
]
