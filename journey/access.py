"""Who may see what in My recovery. Pages and the API both ask here; nothing checks access by hand.

- A member's own items: `get_own(Model, user, pk)` (404 for anyone else: the item does not exist for them).
- Items shared with a viewer: `get_share_for_viewer(viewer, share_id)` and `shared_items_for(viewer)`.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Counter, Share


def get_own(model, user, pk):
    """The member's own `model` row `pk`, or 404. `model` may be a model or an `owned_by`-able queryset."""
    queryset = model.objects.owned_by(user) if isinstance(model, type) else model.owned_by(user)
    return get_object_or_404(queryset, pk=pk)


def get_counter_for_owner(user, counter_id: int) -> Counter:
    """The member's own counter with its periods, or 404 (for anyone else, the counter does not exist)."""
    return get_object_or_404(Counter.objects.owned_by(user), pk=counter_id)


def get_share_for_viewer(viewer, share_id: int) -> Share:
    """A share made to the viewer (or to one of their groups), with its live item; 404 once withdrawn."""
    share = get_object_or_404(Share.objects.visible_to(viewer).select_related("owner", "to_group"), pk=share_id)
    if share.item is None:  # the item was deleted; its shares go with it, but be safe
        raise Http404
    return share


def get_share_for_owner(user, share_id: int) -> Share:
    return get_object_or_404(Share.objects.owned_by(user), pk=share_id)
