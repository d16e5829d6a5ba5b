"""What safety keeps about a member: reports they made, actions taken about them, their appeals, their blocks.

Reports made about a member are moderation records: the member sees the actions (with reasons) and appeals, not
who reported them. Reports they made are theirs to see. All go by cascade (or lose the reporter) on deletion.
"""

from lib.personal_data import model_row, register_exporter

from .models import Appeal, Block, ModerationAction, Report


@register_exporter("safety", models=("safety.Report", "safety.ModerationAction", "safety.Appeal", "safety.Block"))
def export_safety(user) -> dict:
    return {
        "reports_made": [model_row(r, skip=("reporter", "handled_by")) for r in Report.objects.filter(reporter=user)],
        "actions_about_me": [
            model_row(a, skip=("moderator", "member", "report")) for a in ModerationAction.objects.filter(member=user)
        ],
        "appeals": [model_row(a, skip=("member", "decided_by")) for a in Appeal.objects.filter(member=user)],
        "blocked": [b.blocked.username for b in Block.objects.filter(blocker=user).select_related("blocked")],
    }
