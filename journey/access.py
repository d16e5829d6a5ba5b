"""Who may see a counter: only the member who keeps it. Pages and the API both ask here."""

from django.shortcuts import get_object_or_404

from .models import Counter


def get_counter_for_owner(user, counter_id: int) -> Counter:
    """The member's own counter with its periods, or 404 (for anyone else, the counter does not exist)."""
    return get_object_or_404(Counter.objects.owned_by(user), pk=counter_id)
