from django.shortcuts import get_object_or_404

from .models import Group


def get_group_for_viewer(user, slug: str) -> Group:
    """The group if `user` may see it at all; 404 otherwise (an unlisted group does not exist to outsiders)."""
    return get_object_or_404(Group.objects.visible_to(user).select_related("program"), slug=slug)
