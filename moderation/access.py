"""Who may moderate what, and the moderators' lists. Views, the API and the services all ask here.

A site moderator (or administrator) moderates everything; a group's facilitators and moderators what belongs to
their group (its posts, notes written from it, reports filed under it, mutes and removals in it). Anything a
moderator may not handle answers 404, as for anyone else.
"""

from django.db.models import BooleanField, Case, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import is_site_moderator
from groups.access import get_group_for_viewer, is_group_staff
from groups.models import Group, GroupRole, Membership

from .models import Appeal, AppealDecider, AppealStatus, ModerationAction, Report, ReportStatus


def require_site_moderator(user) -> None:
    """The site's moderation pages: 404 for anyone but a site moderator (they do not exist to others)."""
    if not is_site_moderator(user):
        raise Http404


def get_group_for_moderator(user, slug: str) -> Group:
    """The group, if `user` may see it and moderates it (its facilitators and moderators, site moderators); 404
    otherwise."""
    group = get_group_for_viewer(user, slug)
    if not is_group_staff(user, group):
        raise Http404
    return group


def is_moderator(user) -> bool:
    """Whether `user` moderates anything at all: the site, or at least one group."""
    groups = moderated_groups(user)
    return groups is None or bool(groups)


def moderated_groups(user) -> list[int] | None:
    """Ids of the groups `user` moderates as a facilitator or moderator; None means every group (site staff)."""
    if is_site_moderator(user):
        return None
    if user is None or not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, role__in=[GroupRole.FACILITATOR, GroupRole.MODERATOR]).values_list(
            "group_id", flat=True
        )
    )


def reports_for_moderator(user, group: Group | None = None):
    """Reports `user` may handle: all of them for site moderators, their groups' for group staff (only `group`'s
    when given). An empty QuerySet for anyone else."""
    queryset = Report.objects.select_related(
        "reporter",
        "member",
        "group",
        "taken_by",
        "post__thread__group",
        "post__author",
        "note__sender",
        "note__recipient",
    )
    groups = moderated_groups(user)
    if groups is not None:
        queryset = queryset.filter(group_id__in=groups)
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset


def urgent_first(queryset, *then: str):
    """Open at-risk alerts first (oldest first), then the rest in the order `then` (oldest first by default)."""
    urgent = Case(
        When(Q(priority=True, status=ReportStatus.OPEN), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    rest = then or ("created_at", "pk")
    return queryset.annotate(urgent=urgent).order_by("-urgent", *rest)


def open_queue(user, group: Group | None = None):
    """Open reports in the order moderators should read them: people who may be at risk first, then oldest."""
    return urgent_first(reports_for_moderator(user, group).filter(status=ReportStatus.OPEN))


def get_report_for_moderator(user, report_id: int) -> Report:
    """The report, if `user` may handle it; 404 otherwise."""
    return get_object_or_404(reports_for_moderator(user), pk=report_id)


def actions_for_moderator(user, group: Group | None = None):
    """The moderators' log `user` may read: everything for site moderators, their groups' actions for group
    staff."""
    queryset = ModerationAction.objects.select_related("moderator", "member", "group", "report")
    groups = moderated_groups(user)
    if groups is not None:
        queryset = queryset.filter(group_id__in=groups)
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset.order_by("-created_at", "-pk")


def open_appeals_for_moderator(user, group: Group | None = None):
    """Open appeals `user` may decide (an appeal is never decided by the moderator who took the action)."""
    queryset = Appeal.objects.filter(status=AppealStatus.OPEN).select_related(
        "member", "action__moderator", "action__group"
    )
    groups = moderated_groups(user)
    if groups is not None:
        queryset = queryset.filter(action__group_id__in=groups)
    if group is not None:
        queryset = queryset.filter(action__group=group)
    return queryset.order_by("created_at", "pk")


def get_appeal_for_moderator(user, appeal_id: int) -> Appeal:
    queryset = Appeal.objects.select_related("member", "action__moderator", "action__group", "action__post")
    groups = moderated_groups(user)
    if groups is not None:
        queryset = queryset.filter(action__group_id__in=groups)
    return get_object_or_404(queryset, pk=appeal_id)


def previous_actions(member_ids) -> dict[int, list[ModerationAction]]:
    """Each member's past actions, newest first (one query for the whole page)."""
    found: dict[int, list[ModerationAction]] = {}
    for action in ModerationAction.objects.filter(member_id__in=set(member_ids)).select_related("group"):
        found.setdefault(action.member_id, []).append(action)
    return found


def actions_about(member):
    """What moderators did about `member`, with any appeal (for their own page)."""
    return (
        ModerationAction.objects.filter(member=member)
        .select_related("group", "appeal", "post__thread", "note")
        .order_by("-created_at", "-pk")
    )


def get_action_for_member(member, action_id: int) -> ModerationAction:
    return get_object_or_404(actions_about(member), pk=action_id)


def may_moderate(user, group: Group | None) -> bool:
    """Site moderators everywhere; a group's staff in their group."""
    if group is None:
        return is_site_moderator(user)
    return is_group_staff(user, group)


def may_decide(moderator, appeal_: Appeal) -> bool:
    """Anyone who moderates the action's scope, except the member and the moderator who took it; that moderator
    only when the appeal went back to them because nobody else moderates (`AppealDecider.SAME_MODERATOR`)."""
    action = appeal_.action
    if appeal_.member_id == moderator.pk:
        return False
    if action.moderator_id == moderator.pk:
        return appeal_.decider == AppealDecider.SAME_MODERATOR and may_moderate(moderator, action.group)
    return may_moderate(moderator, action.group)
