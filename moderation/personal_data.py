"""What moderation keeps about a member: reports they made, actions taken about them, their appeals.

Reports made about a member are moderation records: the member sees the actions (with reasons) and appeals, not
who reported them. Reports they made are theirs to see. All go by cascade (or lose the reporter) on deletion.
"""

from lib.personal_data import model_row, register_exporter

from .models import Appeal, ModerationAction, Report


@register_exporter("moderation", models=("moderation.Report", "moderation.ModerationAction", "moderation.Appeal"))
def export_moderation(user) -> dict:
    return {
        "reports_made": [model_row(r, skip=("reporter", "handled_by")) for r in Report.objects.filter(reporter=user)],
        "actions_about_me": [
            model_row(a, skip=("moderator", "member", "report")) for a in ModerationAction.objects.filter(member=user)
        ],
        "appeals": [model_row(a, skip=("member", "decided_by")) for a in Appeal.objects.filter(member=user)],
    }
