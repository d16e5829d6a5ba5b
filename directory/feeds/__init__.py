"""Feed formats. Each parser turns a file's text into (position, Meeting Guide-shaped record) pairs.

A record the parser cannot even read becomes (position, RecordProblem); a file it cannot read at all raises
FeedError, and nothing is imported.
"""


class FeedError(Exception):
    """The whole feed is unreadable (not JSON, not CSV, wrong shape); the message says where and why."""
