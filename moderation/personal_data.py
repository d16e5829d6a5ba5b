"""What moderation keeps about a member: reports they made, actions taken about them, their appeals.

Reports made about a member are moderation records: the member sees the actions (with reasons) and appeals, not
who reported them. Reports they made are theirs to see. On deletion, actions about them and their appeals go by
cascade; reports they made stay as moderation records (what was reported, what was done) without the reporter
and without the words they wrote.
"""

from lib.personal_data import model_row, register_eraser, register_exporter

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


@register_eraser
def erase_report_words(user) -> None:
    """Reports the member made keep the moderators' record; their own words ("what happened") go."""
    Report.objects.filter(reporter=user).update(detail="")
