from django.shortcuts import render
from django.urls import path

from ..access import get_group_for_viewer
from ..models import Group


def group_list(request):
    groups = Group.objects.visible_to(request.user).select_related("program")
    return render(request, "groups/group_list.html", {"groups": groups})


def group_detail(request, slug):
    group = get_group_for_viewer(request.user, slug)
    return render(request, "groups/group_detail.html", {"group": group, "member_count": group.memberships.count()})


urlpatterns = [
    path("groups/", group_list, name="list"),
    path("groups/<slug:slug>/", group_detail, name="detail"),
]
