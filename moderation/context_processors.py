from accounts.access import is_site_moderator


def moderation_links(request) -> dict:
    """Whether the header links the site's moderation queue: for site moderators only. Lazy, and the roles are
    cached on the member (the MFA check has read them), so pages that do not ask cost nothing."""
    user = getattr(request, "user", None)
    return {"moderates_site": lambda: is_site_moderator(user)}
