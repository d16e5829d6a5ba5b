"""What My recovery does when the apps below it say something happened, and what it lends them."""

from django.db.models import Q

from accounts.blocks import blocked_ids, members_parted
from accounts.connections import shown_names
from groups.access import UNNAMED
from groups.sections import register_group_page_section
from safety.contacts import register_help_contacts, tel_uri

from .models import RecoveryPlan, Share
from .sharing import SHAREABLE

SHARES_SHOWN = 10


def withdraw_shares_between(sender, *, a, b, **kwargs) -> None:
    """A block parts two members: nothing of My recovery stays shared between them, either way."""
    Share.objects.filter(Q(owner=a, to_user=b) | Q(owner=b, to_user=a)).delete()


def plan_people(user) -> list[dict]:
    """The "people I can call" of the member's own recovery plan, with tel: links (for the help panel). One query."""
    plan = RecoveryPlan.objects.filter(user=user).first()
    people = []
    for person in (plan.people if plan else None) or []:
        if not isinstance(person, dict):
            continue
        name, phone = str(person.get("name") or "").strip(), str(person.get("phone") or "").strip()
        if name or phone:
            people.append({"name": name or phone, "phone": phone, "tel": tel_uri(phone)})
    return people


def group_shares_section(user, group, membership) -> dict | None:
    """On a group's page, for its members: the My-recovery shares made to the group, newest first (blocked people
    left out)."""
    if membership is None:
        return None
    shares = list(
        Share.objects.visible_to(user)
        .to_group(group)
        .exclude(owner_id__in=blocked_ids(user))
        .select_related("owner", "content_type")[:SHARES_SHOWN]
    )
    names = shown_names(user, [share.owner for share in shares], hidden=UNNAMED)
    rows = []
    for share in shares:
        share.owner_name = names[share.owner_id]
        shareable = SHAREABLE.get(share.content_type.model)
        rows.append((share, shareable.label if shareable else share.content_type.name))
    return {"template": "journey/_group_shares.html", "shares": rows} if rows else None


def plan_coping(user) -> list[str]:
    """The lines of "what helps me cope" in the member's recovery plan, for their private help."""
    plan = RecoveryPlan.objects.filter(user=user).first()
    if plan is None or not plan.coping:
        return []
    return [line.strip(" -*•\t") for line in plan.coping.splitlines() if line.strip(" -*•\t")][:8]


def connect() -> None:
    members_parted.connect(withdraw_shares_between, dispatch_uid="journey.withdraw_shares_between")
    register_help_contacts("people", plan_people)
    register_help_contacts("coping", plan_coping)
    register_group_page_section(group_shares_section)
