"""The risk check for what a member writes in a group: a post, a reply, a note, an event, the group's own texts.
One place: it runs `safety.crisis.check_text` and, when the text suggests a kind of risk, tells the apps above
(moderation raises the priority alert with the kind, never the words) through `groups.signals.risk_written`."""

from django.utils.translation import gettext as _

from safety.crisis import CrisisCheck, check_text

from ..signals import risk_written


def alert_if_risky(member, *, sender, text: str, group=None, post=None, note=None, where: str = "", seen_help=False):
    """Check `text`; if at risk, send `risk_written` (inside the caller's write). Returns the `CrisisCheck`."""
    result: CrisisCheck = check_text(text)
    if result.at_risk:
        if seen_help:
            detail = _("Found by the risk check; the writer was shown help before posting.")
        else:
            detail = _("Found by the risk check.")
        if where:
            detail = f"{detail} ({where})"
        risk_written.send(
            sender=sender,
            member=member,
            post=post,
            note=note,
            group=group,
            detail=detail,
            kind=result.kind,
            emergency=result.emergency,
        )
    return result
