"""The "My recovery" page: counters, the next milestone, charts of the last weeks, goals, and links to each part."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from ..models import Counter, today_for


@login_required
def recovery_home(request):
    today = today_for(request.user)
    counters = [(c, c.summary(today)) for c in Counter.objects.owned_by(request.user)]
    return render(request, "journey/home.html", {"counters": counters, "today": today})


urlpatterns = [
    path("me/recovery/", recovery_home, name="home"),
]
