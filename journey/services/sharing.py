"""Sharing an item of My recovery with one person or one group, and withdrawing it (at once)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.naming import name_for
from groups.models import Group, Membership
from notifications.services import notify

from ..models import Share
from ..sharing import SHAREABLE, kind_of

MAX_MESSAGE = 500


def share_item(owner, item, *, to_user=None, to_group: Group | None = None, message: str = "") -> Share:
    """Share `item` (which `owner` keeps) with one person or one group they belong to; notifies the person."""
    kind = kind_of(item)
    if kind not in SHAREABLE or getattr(item, "user_id", None) != owner.pk:
        raise ValidationError({"item": _("This can't be shared.")})
    message = (message or "").strip()
    errors = {}
    if (to_user is None) == (to_group is None):
        errors["to"] = _("Choose one person or one group.")
    elif to_user is not None and (to_user.pk == owner.pk or not to_user.is_active):
        errors["to_user"] = _("Choose another member.")
    elif to_group is not None:
        if not SHAREABLE[kind].to_groups:
            errors["to_group"] = _("This can be shared with one person only.")
        elif not Membership.objects.filter(group=to_group, user=owner).exists():
            errors["to_group"] = _("You can share only with a group you belong to.")
    if len(message) > MAX_MESSAGE:
        errors["message"] = _("Keep the message to %(count)d characters.") % {"count": MAX_MESSAGE}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            share = Share.objects.create(
                owner=owner,
                content_type=ContentType.objects.get_for_model(item),
                object_id=item.pk,
                to_user=to_user,
                to_group=to_group,
                message=message,
            )
    except IntegrityError:
        field = "to_user" if to_user is not None else "to_group"
        raise ValidationError({field: _("It is already shared there.")}) from None
    if to_user is not None:
        _tell_recipient(share)
    return share


def _tell_recipient(share: Share) -> None:
    notify(
        share.to_user,
        kind="share",
        text=_("%(name)s shared something from their recovery with you.")
        % {"name": name_for(share.to_user, share.owner)},
        url=reverse("journey:shared_item", args=[share.pk]),
    )


def withdraw_share(share: Share) -> None:
    """Stop sharing: the viewer loses access with the next request."""
    share.delete()
