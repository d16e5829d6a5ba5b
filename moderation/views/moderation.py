"""Moderation pages: reporting, the moderation queues, actions, appeals and the moderators' log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import is_site_moderator
from accounts.models import User
from accounts.naming import name_for
from groups.access import get_group_for_viewer, get_post_for_reader
from groups.models import SupportNote

from .. import access
from ..forms import ActionForm, AppealForm, DecideAppealForm, ReportForm, add_service_errors
from ..models import ActionKind, Report, ReportReason, ReportStatus
from ..services import actions, appeals, reports, taking

PAGE_SIZE = 50
ACTION_ALIASES = {"until": "duration"}


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------------------------------------------- reporting


def _report(request, *, file, context):
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = file(reason=form.cleaned_data["reason"], detail=form.cleaned_data["detail"])
        except reports.AlreadyReported as already:
            messages.info(request, _("You already reported this. Thank you: a moderator will look at it."))
            return redirect("moderation:report_thanks", report_id=already.report.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("moderation:report_thanks", report_id=report.pk)
    return render(request, "moderation/report_form.html", {"form": form, **context})


@login_required
def report_post(request, post_id):
    post = get_post_for_reader(request.user, post_id)
    if post.author_id == request.user.pk or post.deleted_at is not None:
        raise Http404

    def file(**fields):
        return reports.report_post(request.user, post, **fields)

    return _report(request, file=file, context={"post": post, "about": post.author})


@login_required
def report_note(request, note_id):
    note = get_object_or_404(SupportNote.objects.received_by(request.user).select_related("sender"), pk=note_id)

    def file(**fields):
        return reports.report_note(request.user, note, **fields)

    return _report(request, file=file, context={"note": note, "about": note.sender})


@login_required
def report_member(request, username):
    member = get_object_or_404(User.objects.filter(is_active=True), username=username)
    if member.pk == request.user.pk:
        raise Http404
    slug = request.GET.get("group", "")
    group = get_group_for_viewer(request.user, slug) if slug else None

    def file(**fields):
        return reports.report_member(request.user, member, group=group, **fields)

    return _report(request, file=file, context={"about": member, "group": group})


@login_required
def report_thanks(request, report_id):
    report = get_object_or_404(Report.objects.select_related("member"), pk=report_id, reporter=request.user)
    at_risk = report.reason == ReportReason.AT_RISK
    return render(request, "moderation/report_thanks.html", {"report": report, "at_risk": at_risk})


# ---------------------------------------------------------------------------------------------------- queues


def _queue(request, group):
    page = _page(request, access.open_queue(request.user, group))
    history = access.previous_actions(r.member_id for r in page if r.member_id)
    rows = [(report, history.get(report.member_id, [])) for report in page]
    waiting = list(access.open_appeals_for_moderator(request.user, group)[:PAGE_SIZE])
    context = {"group": group, "page": page, "rows": rows, "appeals": waiting}
    return render(request, "moderation/queue.html", context)


@login_required
def moderation_queue(request):
    access.require_site_moderator(request.user)
    return _queue(request, None)


@login_required
def group_queue(request, slug):
    return _queue(request, access.get_group_for_moderator(request.user, slug))


def _action_kinds(user, *, content: bool, group) -> list[str]:
    kinds: list[str] = [ActionKind.HIDE, ActionKind.REMOVE, ActionKind.RESTORE] if content else []
    kinds.append(ActionKind.WARN)
    if group is not None:
        kinds += [ActionKind.MUTE, ActionKind.REMOVE_FROM_GROUP, ActionKind.LIFT]
    if is_site_moderator(user):
        kinds += [ActionKind.SUSPEND]
        if ActionKind.LIFT not in kinds:
            kinds.append(ActionKind.LIFT)
    return kinds


def _act(request, form, **target):
    """Run the action form's POST; returns True when the action was taken."""
    if not form.is_valid():
        return False
    try:
        actions.take_action(
            request.user,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
            until=form.until(),
            **target,
        )
    except PermissionDenied:
        form.add_error("kind", _("You may not take this action here."))
        return False
    except ValidationError as error:
        add_service_errors(form, error, ACTION_ALIASES)
        return False
    messages.success(request, _("Done. The member has been told, with your reason."))
    return True


def _queue_url(user, report) -> str:
    if report.group_id and not is_site_moderator(user):
        return reverse("moderation:group_queue", args=[report.group.slug])
    return reverse("moderation:moderation_queue")


@login_required
def report_detail(request, report_id):
    report = access.get_report_for_moderator(request.user, report_id)
    content = report.content is not None
    kinds = _action_kinds(request.user, content=content, group=report.group)
    form = ActionForm(request.POST or None, kinds=kinds)
    acting = request.method == "POST" and report.member is not None
    if acting and _act(request, form, member=report.member, report=report, group=report.group):
        return redirect("moderation:report_detail", report_id=report.pk)
    history = access.previous_actions([report.member_id]).get(report.member_id, []) if report.member_id else []
    context = {"report": report, "form": form, "history": history, "is_open": report.status == ReportStatus.OPEN}
    context["back_url"] = _queue_url(request.user, report)
    return render(request, "moderation/report_detail.html", context)


@login_required
@require_POST
def report_dismiss(request, report_id):
    report = access.get_report_for_moderator(request.user, report_id)
    try:
        actions.dismiss_report(request.user, report)
    except (ValidationError, PermissionDenied):
        messages.info(request, _("This report has already been handled."))
    else:
        messages.success(request, _("Report closed: no action needed."))
    return redirect(_queue_url(request.user, report))


def _back(request, report) -> str:
    """Where a take or release button returns: the page it was pressed on (this site only), else the report."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("moderation:report_detail", args=[report.pk])


def _taken_by_name(viewer, report) -> str:
    return name_for(viewer, report.taken_by, moderation=True) if report.taken_by else _("a former moderator")


@login_required
@require_POST
def report_take(request, report_id):
    """ "I'll take this": the moderator looks after the alert; the others see who."""
    report = access.get_report_for_moderator(request.user, report_id)
    try:
        taking.take_alert(report, request.user)
    except taking.AlreadyTaken as taken:
        messages.info(
            request, _("%(name)s has already taken this alert.") % {"name": _taken_by_name(request.user, taken.report)}
        )
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(request, _("You took this alert. The other moderators see that you are on it."))
    return redirect(_back(request, report))


@login_required
@require_POST
def report_release(request, report_id):
    """The moderator who took the alert hands it back."""
    report = access.get_report_for_moderator(request.user, report_id)
    try:
        taking.release_alert(report, request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(request, _("You handed the alert back: it waits for another moderator."))
    return redirect(_back(request, report))


@login_required
def member_moderation(request, username):
    """A member as moderators see them: past actions and reports, and the actions form. Group staff come with
    `?group=<slug>` and see and act within that group only."""
    slug = request.GET.get("group", "")
    group = access.get_group_for_moderator(request.user, slug) if slug else None
    if group is None:
        access.require_site_moderator(request.user)
    member = get_object_or_404(User, username=username)
    form = ActionForm(request.POST or None, kinds=_action_kinds(request.user, content=False, group=group))
    if request.method == "POST" and _act(request, form, member=member, group=group):
        target = redirect("moderation:member_moderation", username=member.username)
        if group is not None:
            target["Location"] += f"?group={group.slug}"
        return target
    history = access.actions_for_moderator(request.user, group).filter(member=member)
    about = access.urgent_first(access.reports_for_moderator(request.user, group).filter(member=member), "-created_at")
    context = {"member": member, "group": group, "form": form, "history": history[:PAGE_SIZE]}
    context["reports"] = about[:PAGE_SIZE]
    return render(request, "moderation/member.html", context)


@login_required
def appeal_detail(request, appeal_id):
    appeal = access.get_appeal_for_moderator(request.user, appeal_id)
    may_decide = access.may_decide(request.user, appeal) and appeal.status == "open"
    form = DecideAppealForm(request.POST or None)
    if request.method == "POST" and may_decide and form.is_valid():
        try:
            appeals.decide_appeal(
                request.user,
                appeal,
                overturn=form.cleaned_data["decision"] == "overturn",
                response=form.cleaned_data["response"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded. The member has been told."))
            return redirect("moderation:appeal_detail", appeal_id=appeal.pk)
    context = {"appeal": appeal, "action": appeal.action, "form": form, "may_decide": may_decide}
    context["decider"] = appeals.decider_text(appeal)
    return render(request, "moderation/appeal_detail.html", context)


@login_required
def moderation_log(request):
    access.require_site_moderator(request.user)
    page = _page(request, access.actions_for_moderator(request.user))
    return render(request, "moderation/log.html", {"page": page, "group": None})


@login_required
def group_log(request, slug):
    group = access.get_group_for_moderator(request.user, slug)
    page = _page(request, access.actions_for_moderator(request.user, group))
    return render(request, "moderation/log.html", {"page": page, "group": group})


# ---------------------------------------------------------------------------------------------------- the member


@login_required
def my_moderation(request):
    rows = [
        (
            action,
            None if hasattr(action, "appeal") else AppealForm(auto_id=f"id_appeal_{action.pk}_%s"),
            appeals.decider_text(action.appeal) if hasattr(action, "appeal") else None,
        )
        for action in access.actions_about(request.user)[:200]
    ]
    return render(request, "moderation/my_moderation.html", {"rows": rows})


@login_required
def appeal_action(request, action_id):
    action = access.get_action_for_member(request.user, action_id)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = appeals.appeal(request.user, action, form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            who = appeals.decider_text(made)
            messages.success(request, _("Your appeal is sent. It will be decided by %(who)s.") % {"who": who})
            return redirect("moderation:my_moderation")
    return render(request, "moderation/appeal_form.html", {"action": action, "form": form})


urlpatterns = [
    path("report/post/<int:post_id>/", report_post, name="report_post"),
    path("report/note/<int:note_id>/", report_note, name="report_note"),
    path("report/member/<str:username>/", report_member, name="report_member"),
    path("report/<int:report_id>/thanks/", report_thanks, name="report_thanks"),
    path("moderation/", moderation_queue, name="moderation_queue"),
    path("moderation/log/", moderation_log, name="moderation_log"),
    path("moderation/reports/<int:report_id>/", report_detail, name="report_detail"),
    path("moderation/reports/<int:report_id>/dismiss/", report_dismiss, name="report_dismiss"),
    path("moderation/reports/<int:report_id>/take/", report_take, name="report_take"),
    path("moderation/reports/<int:report_id>/release/", report_release, name="report_release"),
    path("moderation/members/<str:username>/", member_moderation, name="member_moderation"),
    path("moderation/appeals/<int:appeal_id>/", appeal_detail, name="appeal_detail"),
    path("groups/<slug:slug>/moderation/", group_queue, name="group_queue"),
    path("groups/<slug:slug>/moderation/log/", group_log, name="group_log"),
    path("me/moderation/", my_moderation, name="my_moderation"),
    path("me/moderation/<int:action_id>/appeal/", appeal_action, name="appeal"),
]
