"""The "My recovery" page: counters, the next milestone, charts of the last weeks, goals, and links to each part."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from ..dashboard import RANGES, overview
from ..models import today_for


@login_required
def recovery_home(request):
    try:
        days = int(request.GET.get("days", RANGES[0]))
    except ValueError:
        days = RANGES[0]
    if days not in RANGES:
        days = RANGES[0]
    return render(request, "journey/home.html", overview(request.user, today_for(request.user), days))


urlpatterns = [
    path("me/recovery/", recovery_home, name="home"),
]
