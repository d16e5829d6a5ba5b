"""The newcomer guide, "Help me choose": one GET form whose answers live in the URL, and fitting meetings.

Public, and nothing is stored or logged: the answers are only in the address, so it can be bookmarked or shared.
"""

from django.shortcuts import render
from django.utils import timezone

from directory.forms import GuideForm
from directory.guide import DEFAULTS, Answers, guide

FIELDS = ("philosophy", "comfort", "language", "attendance", "speaking", "at")


def help_me_choose(request):
    guidance = None
    if any(name in request.GET for name in FIELDS):
        data = request.GET.copy()
        for name, value in DEFAULTS.items():
            if not data.get(name):
                data[name] = value
        form = GuideForm(data)
        if form.is_valid():
            guidance = guide(Answers.from_form(form), timezone.now())
    else:
        form = GuideForm()
    response = render(request, "directory/guide.html", {"form": form, "guidance": guidance})
    response["Cache-Control"] = "private, no-store"
    return response
