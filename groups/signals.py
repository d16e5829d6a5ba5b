"""What groups tells the apps above it. Groups never imports them: they listen (moderation raises the alert and
keeps the moderators' log)."""

from django.dispatch import Signal

# Sent inside the write, with `member` (the writer), `post` or `note`, `group` (or None) and `detail` (for the
# moderators: how it was found), when what was written suggests the writer may be at risk.
risk_written = Signal()

# Sent inside the write, with `group`, `member` (who was removed), `by` and `reason` (the member is told it), when a
# facilitator removes a member from a group.
member_removed = Signal()
