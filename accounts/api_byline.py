"""The `by` object of the API: a member as they appear beside what they wrote (accounts.naming.Byline)."""

from ninja import Field, Schema


class BylineOut(Schema):
    display_name: str = Field(
        ..., description="Their display name as you may see it; “A member” (or @username) when they keep it from you."
    )
    username: str | None = Field(None, description="Beside a display name you may see; null when it is hidden.")
    roles: list[str] = Field(
        default_factory=list,
        description="Roles they hold where they wrote: admin, moderator (the site's), facilitator, group_moderator.",
    )
    former_member: bool = Field(False, description="The account is gone.")
